import { DEFAULT_TIME_ZONE } from '../policy/department-clock.ts';
import { positionsIn } from '../source/positions.ts';
import path from 'node:path';
import { createRequire } from 'node:module';
import { scannedImages } from '../compliance/markdown-images.ts';
import { text } from '../i18n/language.ts';
import { dateInTimeZone, isTimeZone, judgeDateTime } from '../model/dates.ts';
import { policyInForce } from '../policy/policy-versions.ts';
import type { ArticleRecord, Repository } from '../repository/load-repository.ts';
import { indexMembers, ROLE_NAMES } from '../team/roster.ts';
import { rolesSentence, selfReviewRoles } from '../policy/stage-roles.ts';
import type { PolicyFile, TeamMember } from '../model/types.generated.ts';
import type { Problem } from '../diagnostics/problem.ts';
import { makeProblem } from '../diagnostics/make-problem.ts';
import { PLANTUML_NOT_DRAWN, undrawnDiagramFences } from '../render/undrawn-diagrams.ts';
import { checkMemberReference, isWellFormedId, recordFileName, suggestion } from './reference-helpers.ts';

// The Markdown parser and the renderer's HTML allow-list (about 150 modules) are loaded only for a
// body that needs them (an unusual image syntax, a raw HTML tag): most checks never parse Markdown.
const require = createRequire(import.meta.url);
let parser: { parse(text: string): unknown } | undefined;
const markdown = {
  parse: (body: string) => (parser ??= (require('remark') as typeof import('remark')).remark()).parse(body),
};
// The same extension as this file: .ts in the repository, .js in the installed package's lib/.
const RAW_HTML_MODULE = `../render/raw-html${import.meta.url.slice(import.meta.url.lastIndexOf('.'))}`;
const rawHtmlFindings: typeof import('../render/raw-html.ts').rawHtmlFindings = (...args) =>
  (require(RAW_HTML_MODULE) as typeof import('../render/raw-html.ts')).rawHtmlFindings(...args);

interface MarkdownNode {
  type: string;
  url?: string;
  identifier?: string;
  position?: { start: { line: number; column: number }; end: { line: number; column: number } };
  children?: MarkdownNode[];
}

export function checkArticles(repository: Repository, problems: Problem[]): void {
  const members = indexMembers(repository.team?.data);
  const topicIds = idsInFolder(repository, 'content/topics/', repository.topics);
  const campaignIds = idsInFolder(repository, 'content/campaigns/', repository.campaigns);
  const policies = repository.policies.filter((policy) => policy.valid).map((policy) => policy.data);
  // The libraries an article's topic and campaign must be found in, and how a missing one is worded.
  const libraries = [
    {
      field: 'topic',
      rule: 'ref/unknown-topic',
      ids: topicIds,
      message: (id: string) =>
        text(
          `选题“${id}”不在选题库（content/topics/）中。`,
          `Topic "${id}" is not in the topic library (content/topics/).`,
        ),
    },
    {
      field: 'campaign',
      rule: 'ref/unknown-campaign',
      ids: campaignIds,
      message: (id: string) =>
        text(`活动“${id}”不在 content/campaigns/ 中。`, `Campaign "${id}" is not in content/campaigns/.`),
    },
  ] as const;

  for (const article of repository.articles) {
    const { data } = article;
    checkAuthor(article, policies, members, problems);
    if (data.designer !== undefined)
      checkMemberReference(article, ['designer'], data.designer, members, problems, 'designer');

    for (const { field, rule, ids, message } of libraries) {
      const id = data[field];
      if (!isWellFormedId(field, id) || ids.has(id)) continue;
      const hint = suggestion(id, ids);
      const missing = message(id);
      problems.push(
        makeProblem(
          article.file,
          rule,
          text(`${missing.zh}${hint.zh}`, `${missing.en}${hint.en}`),
          article.locate([field]),
          field,
        ),
      );
    }
    if (typeof data.cover === 'string' && /^[^/\\]+\.(jpg|jpeg|png)$/.test(data.cover)) {
      const coverPath = `${article.directory}/${data.cover}`;
      if (!repository.files.has(coverPath)) {
        problems.push(
          makeProblem(
            article.file,
            'ref/missing-file',
            text(
              `封面图 ${data.cover} 不在文章目录 ${article.directory}/ 中。`,
              `The cover ${data.cover} is not in the article folder ${article.directory}/.`,
            ),
            article.locate(['cover']),
            'cover',
          ),
        );
      }
    }
    if (typeof data.publishAt === 'string' && judgeDateTime(data.publishAt) === 'valid') {
      const timeZone = policyInForce(policies, data.publishAt.slice(0, 10))?.publishing.timezone ?? DEFAULT_TIME_ZONE;
      // An unknown zone is reported against the policy itself (policy/timezone).
      if (isTimeZone(timeZone)) checkPublishDateMatchesFolder(article, data.publishAt, timeZone, problems);
    }
    checkBodyImages(article, repository.files, problems);
    checkRawHtml(article, problems);
    checkUndrawnDiagrams(article, problems);
  }
}

/** A PlantUML fence, which nothing offline draws: the renderer shows it as code and says so (render/undrawn-diagrams.ts). */
function checkUndrawnDiagrams(article: ArticleRecord, problems: Problem[]): void {
  if (!/^ {0,3}(?:```|~~~)/m.test(article.body)) return;
  for (const fence of undrawnDiagramFences(article.body)) {
    problems.push(
      makeProblem(article.file, 'render/diagram-not-drawn', PLANTUML_NOT_DRAWN, {
        start: { line: fence.line + article.bodyFirstLine - 1, column: fence.column },
      }),
    );
  }
}

/** Raw HTML the renderer's WeChat allow-list would remove (src/core/render/raw-html.ts): never silent. */
function checkRawHtml(article: ArticleRecord, problems: Problem[]): void {
  if (!/<[A-Za-z]/.test(article.body)) return;
  const visitHtml = (node: MarkdownNode & { value?: string }) => {
    if (node.type === 'html' && node.value && node.position) {
      for (const removal of rawHtmlFindings(node.value, node.position.start)) {
        problems.push(
          makeProblem(article.file, 'render/raw-html', removal.message, {
            start: { line: removal.line + article.bodyFirstLine - 1, column: removal.column },
          }),
        );
      }
    }
    for (const child of node.children ?? []) visitHtml(child);
  };
  visitHtml(markdown.parse(article.body) as MarkdownNode);
}

/**
 * The author signs the article's self-review, so the roles that may author are the ones the
 * policy's self-review stage for articles names: its role and its stand-ins (the operator or the
 * head writing an article of their own). Without such a stage, a copywriter.
 */
function checkAuthor(
  article: ArticleRecord,
  policies: readonly PolicyFile[],
  members: ReadonlyMap<string, TeamMember>,
  problems: Problem[],
): void {
  const { data } = article;
  const date =
    typeof data.publishAt === 'string' && judgeDateTime(data.publishAt) === 'valid'
      ? data.publishAt.slice(0, 10)
      : article.id.slice(0, 10);
  const policy = policyInForce(policies, date) ?? policyInForce(policies, '9999-12-31');
  const stages = policy ? selfReviewRoles(policy, article.file) : [];
  if (stages.length === 0) {
    checkMemberReference(article, ['author'], data.author, members, problems, 'copywriter');
    return;
  }
  const member = checkMemberReference(article, ['author'], data.author, members, problems);
  if (!member || !Array.isArray(member.roles)) return;
  const stage = stages[0]!;
  if ([stage.role, ...stage.standIn].some((role) => member.roles.includes(role))) return;
  const roles = rolesSentence(stage);
  problems.push(
    makeProblem(
      article.file,
      'ref/missing-role',
      text(
        `author 的 ${member.name}（${member.id}）不能署名：作者要做“${stage.label.zh}”，制度规定由${roles.zh}完成；现有角色：${member.roles.map((role) => ROLE_NAMES[role]?.zh ?? role).join('、')}。`,
        `author ${member.id} cannot sign the article: the author does the ${stage.label.en}, which the policy gives to a ${roles.en}; roles held: ${member.roles.join(', ')}.`,
      ),
      article.locate(['author']),
      'author',
    ),
  );
}

function checkPublishDateMatchesFolder(
  article: ArticleRecord,
  publishAt: string,
  timeZone: string,
  problems: Problem[],
): void {
  const folderDate = article.id.slice(0, 10);
  const localDate = dateInTimeZone(publishAt, timeZone);
  if (localDate !== folderDate) {
    problems.push(
      makeProblem(
        article.file,
        'date/mismatch',
        text(
          `发布时间是 ${localDate}（${timeZone}），文件夹日期是 ${folderDate}。`,
          `publishAt falls on ${localDate} (${timeZone}); the folder says ${folderDate}.`,
        ),
        article.locate(['publishAt']),
        'publishAt',
      ),
    );
  }
}

function checkBodyImages(article: ArticleRecord, files: ReadonlySet<string>, problems: Problem[]): void {
  // Parsing Markdown is the costliest step of a check; a body without "![" has no image to look for.
  if (!article.body.includes('![')) return;
  // The compliance engine's line scanner reads ordinary image syntax ten times faster than a full
  // parse; it declines anything unusual, which remark then reads.
  const scanned = scannedImages(article.body);
  if (scanned) {
    const position = positionsIn(article.body);
    for (const image of scanned)
      reportMissingImage(article, files, image.url, position(image.start), position(image.end), problems);
    return;
  }
  const tree = markdown.parse(article.body) as MarkdownNode;
  const definitions = new Map<string, string>();
  const images: Array<{ url: string; node: MarkdownNode }> = [];
  const collect = (node: MarkdownNode) => {
    if (node.type === 'definition' && node.identifier && node.url) definitions.set(node.identifier, node.url);
    if (node.type === 'image' && node.url) images.push({ url: node.url, node });
    for (const child of node.children ?? []) collect(child);
  };
  collect(tree);
  // Reference-style images (![alt][ref]) take their address from a definition anywhere in the body.
  const visitReferences = (node: MarkdownNode) => {
    if (node.type === 'imageReference' && node.identifier) {
      const url = definitions.get(node.identifier);
      if (url) images.push({ url, node });
    }
    for (const child of node.children ?? []) visitReferences(child);
  };
  visitReferences(tree);

  for (const { url, node } of images)
    reportMissingImage(
      article,
      files,
      url,
      node.position?.start ?? { line: 1, column: 1 },
      node.position?.end,
      problems,
    );
}

/** Positions are 1-based lines and columns of the body; the problem points into the file. */
function reportMissingImage(
  article: ArticleRecord,
  files: ReadonlySet<string>,
  url: string,
  start: { line: number; column: number },
  end: { line: number; column: number } | undefined,
  problems: Problem[],
): void {
  if (!isLocalFile(url)) return;
  const target = path.posix.normalize(`${article.directory}/${decodeUrlPath(url.split(/[?#]/)[0]!)}`);
  if (files.has(target)) return;
  problems.push(
    makeProblem(
      article.file,
      'ref/missing-file',
      text(`正文引用的图片 ${url} 不存在。`, `The image ${url} used in the body does not exist.`),
      {
        start: { line: start.line + article.bodyFirstLine - 1, column: start.column },
        ...(end ? { end: { line: end.line + article.bodyFirstLine - 1, column: end.column } } : {}),
      },
    ),
  );
}

function isLocalFile(url: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('//') && !url.startsWith('#');
}

/** %-escapes decoded as a browser would; a malformed one (a stray %) is taken literally. */
function decodeUrlPath(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

/**
 * Ids of the records in a folder: from their content, and from their file names too, so a
 * topic whose file has its own errors is not also reported as missing by every article.
 */
function idsInFolder(
  repository: Repository,
  folder: string,
  records: ReadonlyArray<{ data: { id?: unknown } }>,
): Set<string> {
  const ids = new Set<string>();
  for (const record of records) if (typeof record.data.id === 'string') ids.add(record.data.id);
  for (const file of repository.files) {
    if (file.startsWith(folder) && /^[^/]+\.ya?ml$/.test(file.slice(folder.length))) ids.add(recordFileName(file));
  }
  return ids;
}
