import path from 'node:path';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { text } from '../i18n/language.ts';
import { dateInTimeZone, isTimeZone, judgeDateTime } from '../model/dates.ts';
import { policyInForce } from '../policy/policy-versions.ts';
import type { ArticleRecord, Repository } from '../repository/load-repository.ts';
import { indexMembers } from '../team/roster.ts';
import type { Problem } from './problem.ts';
import { makeProblem } from './make-problem.ts';
import { checkMemberReference, suggestion } from './reference-helpers.ts';

const markdown = unified().use(remarkParse);

interface MarkdownNode {
  type: string;
  url?: string;
  position?: { start: { line: number; column: number }; end: { line: number; column: number } };
  children?: MarkdownNode[];
}

export function checkArticles(repository: Repository, problems: Problem[]): void {
  const members = indexMembers(repository.team?.data);
  const topicIds = new Set(repository.topics.map((topic) => topic.data.id).filter((id): id is string => typeof id === 'string'));
  const campaignIds = new Set(repository.campaigns.map((campaign) => campaign.data.id).filter((id): id is string => typeof id === 'string'));
  const policies = repository.policies.filter((policy) => policy.valid).map((policy) => policy.data);

  for (const article of repository.articles) {
    const { data } = article;
    checkMemberReference(article, ['author'], data.author, members, problems, 'copywriter');
    if (data.designer !== undefined) checkMemberReference(article, ['designer'], data.designer, members, problems, 'designer');

    if (typeof data.topic === 'string' && /^T-\d{4}-\d{3}$/.test(data.topic) && !topicIds.has(data.topic)) {
      const hint = suggestion(data.topic, topicIds);
      problems.push(makeProblem(article.file, 'ref/unknown-topic', text(`选题 “${data.topic}” 不在选题库（content/topics/）中。${hint.zh}`, `Topic "${data.topic}" is not in the topic library (content/topics/).${hint.en}`), article.locate(['topic']), 'topic'));
    }
    if (typeof data.campaign === 'string' && /^C-\d{4}-\d{2}$/.test(data.campaign) && !campaignIds.has(data.campaign)) {
      const hint = suggestion(data.campaign, campaignIds);
      problems.push(makeProblem(article.file, 'ref/unknown-campaign', text(`活动 “${data.campaign}” 不在 content/campaigns/ 中。${hint.zh}`, `Campaign "${data.campaign}" is not in content/campaigns/.${hint.en}`), article.locate(['campaign']), 'campaign'));
    }
    if (typeof data.cover === 'string' && /^[^/\\]+\.(jpg|jpeg|png)$/.test(data.cover)) {
      const coverPath = `${article.directory}/${data.cover}`;
      if (!repository.files.has(coverPath)) {
        problems.push(makeProblem(article.file, 'ref/missing-file', text(`封面图 ${data.cover} 不在文章目录 ${article.directory}/ 中。`, `The cover ${data.cover} is not in the article folder ${article.directory}/.`), article.locate(['cover']), 'cover'));
      }
    }
    if (typeof data.publishAt === 'string' && judgeDateTime(data.publishAt) === 'valid') {
      const timeZone = policyInForce(policies, data.publishAt.slice(0, 10))?.publishing.timezone ?? 'Asia/Shanghai';
      // An unknown zone is reported against the policy itself (policy/timezone).
      if (isTimeZone(timeZone)) checkPublishDateMatchesFolder(article, data.publishAt, timeZone, problems);
    }
    checkBodyImages(article, repository.files, problems);
  }
}

function checkPublishDateMatchesFolder(article: ArticleRecord, publishAt: string, timeZone: string, problems: Problem[]): void {
  const folderDate = `${article.id.slice(0, 10)}`;
  const localDate = dateInTimeZone(publishAt, timeZone);
  if (localDate !== folderDate) {
    problems.push(
      makeProblem(
        article.file,
        'date/mismatch',
        text(`发布时间是 ${localDate}（${timeZone}），文件夹日期是 ${folderDate}。`, `publishAt falls on ${localDate} (${timeZone}); the folder says ${folderDate}.`),
        article.locate(['publishAt']),
        'publishAt',
      ),
    );
  }
}

function checkBodyImages(article: ArticleRecord, files: ReadonlySet<string>, problems: Problem[]): void {
  // Parsing Markdown is the costliest step of a check; a body without "![" has no image to look for.
  if (!article.body.includes('![')) return;
  const tree = markdown.parse(article.body) as MarkdownNode;
  const visit = (node: MarkdownNode) => {
    if ((node.type === 'image' || node.type === 'definition') && node.url && isLocalFile(node.url)) {
      const target = path.posix.normalize(`${article.directory}/${decodeURI(node.url.split(/[?#]/)[0]!)}`);
      if (node.type === 'image' && !files.has(target)) {
        const start = node.position?.start ?? { line: 1, column: 1 };
        const end = node.position?.end;
        problems.push(
          makeProblem(
            article.file,
            'ref/missing-file',
            text(`正文引用的图片 ${node.url} 不存在。`, `The image ${node.url} used in the body does not exist.`),
            {
              start: { line: start.line + article.bodyFirstLine - 1, column: start.column },
              ...(end ? { end: { line: end.line + article.bodyFirstLine - 1, column: end.column } } : {}),
            },
          ),
        );
      }
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);
}

function isLocalFile(url: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('//') && !url.startsWith('#');
}
