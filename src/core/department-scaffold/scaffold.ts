import { Document, isSeq, parseDocument, visit } from 'yaml';
import { generateCodeowners } from '../team/codeowners.ts';
import type { PolicyFile, TeamFile } from '../model/types.generated.ts';
import { DEPARTMENT_SCHEMA_VERSION } from '../department/settings.ts';
import { LocalizedError } from '../diagnostics/localized-error.ts';
import { readTemplates, renderTemplate, type TemplateFile } from './templates.ts';
import { withTopWeights } from './weights.ts';

/** A member the new roster starts with; the first is the head. */
export interface MemberAnswer {
  id: string;
  name: string;
  github?: string;
  roles: string[];
  /** YYYY-MM-DD. */
  joined: string;
}

/** Everything `mpflow init` asks; each has a flag and a default. */
export interface DepartmentAnswers {
  department: { zh: string; en: string };
  account: { zh: string; en: string };
  members: MemberAnswer[];
  /** Top-level indicator weights in the standard policy's order (performance, ability, attitude, professionalism). */
  weights?: number[];
  /** The first policy version's effective date, YYYY-MM-DD. */
  effective: string;
  timezone: string;
  siteUrl?: string;
  basePath: string;
  repository?: string;
  locales: string[];
  accent: string;
  /** How package.json asks for mpflow: "^0.2.0", or "file:../mpflow-0.2.0.tgz" for a local tarball. */
  mpflowSpec: string;
  mpflowVersion: string;
  /** How package.json asks for Astro (mpflow's peer range). */
  astroSpec: string;
  packageName: string;
}

/** Record folders a new department starts with, empty (each keeps a .gitkeep so git has them). */
export const RECORD_FOLDERS = [
  'content/articles',
  'content/topics',
  'content/campaigns',
  'content/publishing',
  'content/reviews',
  'content/training',
  'content/metrics',
  'appraisals',
  'public',
] as const;

export const POLICY_TEMPLATE = 'content/policy/policy.yaml';

/**
 * The roster needs a GitHub login for everyone. Without one for the head, init writes this
 * stand-in, which passes the schema but matches nobody on GitHub: init says so, and
 * `mpflow doctor` keeps saying so until the real login is written in.
 */
export const PLACEHOLDER_LOGIN = 'replace-with-github-login';

/** A refused answer to init (exit 2, like any usage error). */
export class ScaffoldError extends LocalizedError {
  constructor(zh: string, en: string) {
    super({ zh, en });
  }
}

/** A file of the new repository: path (with "/") and content. */
export type ScaffoldFiles = Map<string, string | Uint8Array>;

/**
 * Every file of a new department repository, in memory: the templates rendered with the answers,
 * the first policy version (the standard template with the weights given), the roster, empty
 * record folders and CODEOWNERS from the roster and the policy's review rules. Handbook pages are
 * added by the caller (they are the package's own pages, copied as they are).
 */
export function scaffoldDepartment(
  answers: DepartmentAnswers,
  templates: TemplateFile[] = readTemplates(),
): ScaffoldFiles {
  const files: ScaffoldFiles = new Map();
  const values = templateValues(answers);
  for (const template of templates) {
    const content = template.rendered ? renderTemplate(template.source, values, template.target) : template.source;
    if (template.target === POLICY_TEMPLATE) {
      files.set(`content/policy/${answers.effective}.yaml`, policyText(content, answers.weights));
    } else {
      files.set(template.target, content);
    }
  }
  for (const folder of RECORD_FOLDERS) files.set(`${folder}/.gitkeep`, '');
  return files;
}

/**
 * The sample department in place of the new one's settings, roster and policy (its articles
 * name its own members and its policy's indicators), everything else kept.
 */
export function withSample(files: ScaffoldFiles, sample: ScaffoldFiles): ScaffoldFiles {
  const merged: ScaffoldFiles = new Map(
    [...files].filter(
      ([file]) =>
        !file.startsWith('content/policy/') && file !== 'content/team.yaml' && file !== 'content/department.yaml',
    ),
  );
  for (const [file, content] of sample) merged.set(file, content);
  return merged;
}

/** .github/CODEOWNERS from the roster and the newest policy version among the files. */
export function withCodeowners(files: ScaffoldFiles): ScaffoldFiles {
  const policyFile = [...files.keys()]
    .filter((file) => /^content\/policy\/\d{4}-\d{2}-\d{2}\.yaml$/.test(file))
    .sort()
    .at(-1);
  const teamText = files.get('content/team.yaml');
  if (!policyFile || teamText === undefined) return files;
  const read = (content: string | Uint8Array) =>
    parseDocument(typeof content === 'string' ? content : Buffer.from(content).toString('utf8')).toJS();
  const policy = read(files.get(policyFile)!) as PolicyFile;
  const team = read(teamText) as TeamFile;
  files.set('.github/CODEOWNERS', generateCodeowners({ team, policy, policyFile }).text);
  return files;
}

function policyText(template: string, weights: number[] | undefined): string {
  if (!weights) return template;
  const total = weights.reduce((a, b) => a + b, 0);
  if (weights.some((weight) => !(weight > 0)) || Math.abs(total - 100) > 1e-9) {
    throw new ScaffoldError(
      `--weights 的各项必须大于 0，合计 100（收到 ${weights.join('/')}，合计 ${total}）。`,
      `--weights must be positive and add up to 100 (got ${weights.join('/')}, which adds up to ${total}).`,
    );
  }
  const scaled = withTopWeights(template, weights);
  if (scaled === undefined) {
    throw new ScaffoldError(
      `--weights ${weights.join('/')}：标准制度有 4 个维度（工作业绩/工作能力/工作态度/职业素养），每项都要能分给其子项。`,
      `--weights ${weights.join('/')}: the standard policy has 4 dimensions (performance/ability/attitude/professionalism), and each must split among its sub-items.`,
    );
  }
  return scaled;
}

function templateValues(answers: DepartmentAnswers): Record<string, string> {
  const siteLines = [
    ...(answers.siteUrl ? [`  url: ${JSON.stringify(answers.siteUrl)}`] : []),
    `  base: ${JSON.stringify(answers.basePath)}`,
  ].join('\n');
  const members = answers.members.map((member, index) => ({
    id: member.id,
    name: member.name,
    ...(member.github ? { github: member.github } : {}),
    roles: member.roles,
    joined: member.joined,
    ...(index > 0 && answers.members[0] ? { supervisor: answers.members[0].id } : {}),
  }));
  return {
    schemaVersion: String(DEPARTMENT_SCHEMA_VERSION),
    departmentZh: answers.department.zh,
    departmentEn: answers.department.en,
    accountZh: answers.account.zh,
    accountEn: answers.account.en,
    titleZh: `${answers.department.zh}管理制度`,
    titleEn: `${answers.department.en} policy`,
    effective: answers.effective,
    timezone: answers.timezone,
    accent: answers.accent,
    siteLines,
    repositoryLine: answers.repository ? `repository: ${JSON.stringify(answers.repository)}\n` : '',
    localesFlow: `[${answers.locales.join(', ')}]`,
    membersYaml: rosterYaml(members),
    mpflowSpec: answers.mpflowSpec,
    mpflowVersion: answers.mpflowVersion,
    astroSpec: answers.astroSpec,
    packageName: answers.packageName,
    description: `${answers.department.zh}（${answers.account.zh}）的工作仓库 / ${answers.department.en} working repository`,
  };
}

/** The roster's members as YAML, each member's roles on one line ([head]) as people write them. */
function rosterYaml(members: ReadonlyArray<Record<string, unknown>>): string {
  const document = new Document({ members });
  visit(document, {
    Pair(_key, pair) {
      if (isSeq(pair.value) && (pair.key as { value?: unknown } | null)?.value === 'roles') pair.value.flow = true;
    },
  });
  return document.toString({ lineWidth: 0, flowCollectionPadding: false }).trimEnd();
}
