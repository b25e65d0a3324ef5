import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Problem } from '../diagnostics/problem.ts';
import { makeProblem } from '../diagnostics/make-problem.ts';
import { text, type LocalizedText } from '../i18n/language.ts';
import type { PolicyFile, ReviewStage, TeamFile, TeamMember } from '../model/types.generated.ts';
import { validateRecord, type Locator } from '../model/validate-record.ts';
import { readTextFile } from '../source/read-text-file.ts';
import { writeFileAtomically } from '../source/write-file-atomically.ts';
import { locateInYaml, parseYamlSource } from '../source/yaml-source.ts';
import type { Role } from './roster.ts';
import { ROLE_NAMES } from './roster.ts';
import picomatch from 'picomatch';
import { TOOL_PROTECTED_PATHS } from './tool-review-rules.ts';

export const CODEOWNERS_PATH = '.github/CODEOWNERS';
const TEAM_PATH = 'content/team.yaml';
const POLICY_FOLDER = 'content/policy';

/**
 * Self-review stages whose role holders are asked to review too. An article's own self-review is
 * done by its writer, who opened the pull request (GitHub never asks a PR's author to review), so
 * asking every copywriter would only be noise. Pictures and design files are often added by someone
 * else (a writer attaching a chart), so the designers must hear of them to give their self-review.
 */
const SELF_REVIEW_ROLES_TO_ASK: ReadonlySet<Role> = new Set<Role>(['designer']);

/**
 * Everything the generator reads: the roster and the newest policy version. The newest, not the one
 * in force today, and no clock anywhere: the file is then a function of the repository alone, so
 * `--check` turns red in the pull request that changes the rules, never on some later morning when
 * a merged version takes effect. Asking reviewers by rules a few days early costs nothing.
 */
export interface CodeownersSources {
  team: TeamFile;
  policy: PolicyFile;
  policyFile: string;
}

export interface CodeownersResult {
  text: string;
  /** Things the department should know: a role nobody holds, a glob CODEOWNERS cannot express. */
  notes: LocalizedText[];
}

/** Who may be asked to review: members with no leaving date (past or coming), by GitHub login. */
function activeLogins(team: TeamFile, role: Role): string[] {
  const logins = new Set<string>();
  for (const member of team.members as TeamMember[]) {
    if (!member.roles.includes(role)) continue;
    if (member.left !== undefined) continue;
    if (typeof member.github === 'string' && member.github !== '') logins.add(`@${member.github}`);
  }
  return [...logins].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()) || a.localeCompare(b));
}

/**
 * The roles asked to review files that need these stages. An approval's stand-in roles are asked
 * too, after the role itself: when the only operator wrote the pull request, GitHub never asks the
 * author, and the stand-in must hear of it (the gate counts a stand-in only in that case).
 */
export function rolesToAsk(stages: readonly ReviewStage[]): Role[] {
  const roles: Role[] = [];
  for (const stage of stages) {
    const asked = stage.kind === 'approval' || SELF_REVIEW_ROLES_TO_ASK.has(stage.role);
    if (asked && !roles.includes(stage.role)) roles.push(stage.role);
  }
  for (const stage of stages) {
    if (stage.kind !== 'approval') continue;
    for (const role of stage.standIn ?? []) if (!roles.includes(role)) roles.push(role);
  }
  return roles;
}

/**
 * A policy path glob (picomatch syntax) as CODEOWNERS patterns (gitignore syntax, anchored at the
 * repository root). Braces are expanded; classes, negation and extglobs have no CODEOWNERS form,
 * so those give undefined and the caller says so rather than writing a pattern that means something else.
 */
export function globToCodeownersPatterns(glob: string): string[] | undefined {
  const expanded = expandBraces(glob.trim());
  if (!expanded) return undefined;
  const patterns: string[] = [];
  for (let pattern of expanded) {
    if (pattern.startsWith('./')) pattern = pattern.slice(2);
    if (pattern === '' || /[[\]()!+@\\#\s]/.test(pattern)) return undefined;
    patterns.push(pattern.startsWith('/') ? pattern : `/${pattern}`);
  }
  return patterns;
}

function expandBraces(glob: string): string[] | undefined {
  const open = glob.indexOf('{');
  if (open === -1) return glob.includes('}') ? undefined : [glob];
  let depth = 0;
  let close = -1;
  for (let index = open; index < glob.length; index += 1) {
    if (glob[index] === '{') depth += 1;
    else if (glob[index] === '}' && --depth === 0) {
      close = index;
      break;
    }
  }
  if (close === -1) return undefined;
  const inner = glob.slice(open + 1, close);
  const options: string[] = [];
  let start = 0;
  depth = 0;
  for (let index = 0; index <= inner.length; index += 1) {
    const character = inner[index];
    if (character === '{') depth += 1;
    else if (character === '}') depth -= 1;
    else if ((character === ',' && depth === 0) || index === inner.length) {
      options.push(inner.slice(start, index));
      start = index + 1;
    }
  }
  const results: string[] = [];
  for (const option of options) {
    const expanded = expandBraces(`${glob.slice(0, open)}${option}${glob.slice(close + 1)}`);
    if (!expanded) return undefined;
    results.push(...expanded);
  }
  return results;
}

const HEADER = (policyFile: string) => [
  `# 本文件由 \`mpflow codeowners --write\` 根据 ${TEAM_PATH} 中成员的 github 字段和`,
  `# ${policyFile} 的审核规则（review.rules）生成，请勿手改；CI 会运行 \`mpflow codeowners --check\`。`,
  '# CODEOWNERS 只负责在 PR 上自动请求审核人。真正决定能否合并的是 mpflow/review 状态：',
  '# 审核程序按 main 分支上的名册和制度，逐个核对作者自审、运营审核等环节是否在最新提交上完成。',
  '# 同一文件匹配多行时，GitHub 只用最后匹配的一行；审核程序则要求所有匹配规则的环节。',
  '#',
  `# Generated by \`mpflow codeowners --write\` from the github fields in ${TEAM_PATH} and the review`,
  `# rules (review.rules) in ${policyFile}; do not edit by hand. CI runs \`mpflow codeowners --check\`.`,
  '# CODEOWNERS only requests reviewers. What allows a merge is the mpflow/review commit status: the',
  '# review gate checks every required stage (self-reviews, approvals) on the latest commit against',
  '# the roster and policy on the main branch.',
  '# Where several lines match a file GitHub uses the last one; the review gate requires the stages of all of them.',
];

function roleList(roles: readonly Role[]): { zh: string; en: string } {
  return {
    zh: roles.map((role) => ROLE_NAMES[role].zh).join('、'),
    en: roles.map((role) => ROLE_NAMES[role].en).join(', '),
  };
}

/** The CODEOWNERS text for a roster and a policy; the same inputs always give the same bytes. */
export function generateCodeowners(sources: CodeownersSources): CodeownersResult {
  const { team, policy, policyFile } = sources;
  const notes: LocalizedText[] = [];
  const lines = [...HEADER(policyFile), ''];
  const noOwner = (role: Role, what: string) =>
    notes.push(
      text(
        `名册中没有在职成员担任“${ROLE_NAMES[role].zh}”（或没有填写 github），${what} 不会自动请求这个角色审核。`,
        `No current member with a GitHub login holds the ${ROLE_NAMES[role].en} role, so nobody of that role is asked to review ${what}.`,
      ),
    );

  // Anything the review rules do not name goes to the roles of the policy's `unmatched` stages (the
  // head, in the sample policy); without them to the head, since such files (code, workflows,
  // schemas, this file) change how the department works. The policy's rules below override it.
  const stages = policy.review?.stages ?? {};
  const unmatchedStages = (policy.review?.unmatched ?? [])
    .map((id) => stages[id])
    .filter((stage): stage is ReviewStage => stage !== undefined);
  const defaultRoles = unmatchedStages.length > 0 ? rolesToAsk(unmatchedStages) : (['head'] as Role[]);
  const defaultOwners = [...new Set(defaultRoles.flatMap((role) => activeLogins(team, role)))];
  const defaultAsked = roleList(defaultRoles);
  lines.push(
    `# 其他文件（程序、工作流、Schema、本文件）：${defaultAsked.zh} / Everything else (code, workflows, schemas, this file): ${defaultAsked.en}`,
  );
  if (defaultOwners.length > 0) lines.push(`* ${defaultOwners.join(' ')}`);
  else for (const role of defaultRoles) noOwner(role, '*');

  for (const rule of policy.review?.rules ?? []) {
    const ruleStages = rule.stages.map((id) => stages[id]).filter((stage): stage is ReviewStage => stage !== undefined);
    const roles = rolesToAsk(ruleStages);
    const owners = new Set<string>();
    for (const role of roles) {
      const logins = activeLogins(team, role);
      if (logins.length === 0) noOwner(role, rule.paths.join(' '));
      for (const login of logins) owners.add(login);
    }
    const labels = ruleStages.map((stage) => stage.label);
    const asked = roleList(roles);
    lines.push('');
    lines.push(
      `# ${labels.map((label) => label.zh).join(' + ')}（请求${asked.zh}审核） / ${labels.map((label) => label.en).join(' + ')} (asks: ${asked.en})`,
    );
    for (const glob of rule.paths) {
      const patterns = globToCodeownersPatterns(glob);
      if (!patterns) {
        notes.push(
          text(
            `审核规则的路径“${glob}”无法写成 CODEOWNERS 模式（CODEOWNERS 不支持 [ ]、! 和扩展通配），已跳过；审核程序仍按它把关。`,
            `The review rule path "${glob}" has no CODEOWNERS form (CODEOWNERS has no [ ], ! or extglobs); it was left out. The review gate still applies it.`,
          ),
        );
        continue;
      }
      // With no owner, a line would take the files away from the head's default; leave it out instead.
      if (owners.size === 0) continue;
      for (const pattern of patterns) lines.push(`${pattern} ${[...owners].join(' ')}`);
    }
  }
  lines.push(...toolDefaultLines(policy, team, defaultRoles));
  return { text: `${lines.join('\n')}\n`, notes };
}

/**
 * mpflow's own review rules (team/tool-review-rules.ts) need the head whatever the policy says;
 * where the policy as written would not ask the head for them, a last section asks the head too
 * (CODEOWNERS uses the last matching line). A policy that already asks the head adds nothing here.
 */
function toolDefaultLines(policy: PolicyFile, team: TeamFile, defaultRoles: Role[]): string[] {
  const stages = policy.review?.stages ?? {};
  const rules = (policy.review?.rules ?? []).map((rule) => ({
    matches: picomatch(rule.paths, { dot: true }),
    roles: rolesToAsk(rule.stages.map((id) => stages[id]).filter((stage): stage is ReviewStage => stage !== undefined)),
  }));
  const lines: string[] = [];
  for (const glob of TOOL_PROTECTED_PATHS) {
    // A path the glob names, to see which rule the policy would apply to it.
    const example = glob.replace('**', 'any/file').replace('*', 'mjs');
    const roles = rules.filter((rule) => rule.matches(example)).at(-1)?.roles ?? defaultRoles;
    if (roles.includes('head')) continue;
    const owners = [...new Set([...roles, 'head' as Role].flatMap((role) => activeLogins(team, role)))];
    const patterns = globToCodeownersPatterns(glob);
    if (owners.length === 0 || !patterns) continue;
    for (const pattern of patterns) lines.push(`${pattern} ${owners.join(' ')}`);
  }
  if (lines.length === 0) return [];
  return [
    '',
    '# mpflow 默认规则：程序、工作流、依赖、名册和制度须主管审批 / mpflow defaults: tooling, workflows, dependencies, roster and policy need the head',
    ...lines,
  ];
}

export type SourcesResult = { ok: true; sources: CodeownersSources } | { ok: false; problems: Problem[] };

/** Reads the roster and every policy version; a broken one is reported, never guessed around. */
export async function readCodeownersSources(root: string): Promise<SourcesResult> {
  const problems: Problem[] = [];
  const team = await readRecord<TeamFile>(root, TEAM_PATH, 'team', problems);
  if (team === 'missing')
    problems.push(
      makeProblem(
        TEAM_PATH,
        'team/missing',
        text('找不到成员名册 content/team.yaml。', 'The roster content/team.yaml is missing.'),
      ),
    );

  let policyNames: string[] = [];
  try {
    policyNames = (await readdir(path.join(root, POLICY_FOLDER))).filter((name) => name.endsWith('.yaml')).sort();
  } catch {
    policyNames = [];
  }
  const policies: Array<PolicyFile & { file: string }> = [];
  for (const name of policyNames) {
    const file = `${POLICY_FOLDER}/${name}`;
    const policy = await readRecord<PolicyFile>(root, file, 'policy', problems);
    if (policy !== 'missing' && policy !== undefined) policies.push({ ...policy, file });
  }
  if (policyNames.length === 0)
    problems.push(
      makeProblem(
        POLICY_FOLDER,
        'policy/missing',
        text('content/policy/ 下没有制度文件。', 'There is no policy file under content/policy/.'),
      ),
    );
  if (problems.length > 0 || team === 'missing' || team === undefined) return { ok: false, problems };

  const newest = policies.reduce<(PolicyFile & { file: string }) | undefined>(
    (latest, policy) => (!latest || policy.effective > latest.effective ? policy : latest),
    undefined,
  );
  if (!newest) return { ok: false, problems };
  const { file, ...policyData } = newest;
  return { ok: true, sources: { team, policy: policyData, policyFile: file } };
}

async function readRecord<T>(
  root: string,
  file: string,
  kind: 'team' | 'policy',
  problems: Problem[],
): Promise<T | 'missing' | undefined> {
  const absolute = path.join(root, file);
  if (!existsSync(absolute)) return 'missing';
  const read = await readTextFile(absolute, file);
  if (!read.ok) {
    problems.push(read.problem);
    return undefined;
  }
  const parsed = parseYamlSource(read.text, file);
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    return undefined;
  }
  const { source } = parsed;
  const locate: Locator = (segments, at) => locateInYaml(source, segments, at);
  // An unknown field does not change who owns what; anything else might, so it stops the run.
  const blocking = validateRecord(kind, source.data, file, locate).filter(
    (problem) => problem.ruleId !== 'schema/unknown-field',
  );
  problems.push(...blocking);
  return blocking.length > 0 ? undefined : (source.data as T);
}

export interface CodeownersComparison {
  upToDate: boolean;
  /** Lines the committed file lacks, and lines it has that the roster and policy no longer give. */
  missing: string[];
  extra: string[];
}

export function compareCodeowners(expected: string, actual: string | undefined): CodeownersComparison {
  if (actual === undefined)
    return { upToDate: false, missing: expected.split('\n').filter((line) => line !== ''), extra: [] };
  const normalised = actual.replace(/\r\n?/g, '\n');
  if (normalised === expected) return { upToDate: true, missing: [], extra: [] };
  const expectedLines = expected.split('\n');
  const actualLines = normalised.split('\n');
  const actualSet = new Set(actualLines);
  const expectedSet = new Set(expectedLines);
  const missing = expectedLines.filter((line) => line !== '' && !actualSet.has(line));
  const extra = actualLines.filter((line) => line !== '' && !expectedSet.has(line));
  return { upToDate: false, missing, extra };
}

export async function readCommittedCodeowners(root: string): Promise<string | undefined> {
  try {
    return await readFile(path.join(root, CODEOWNERS_PATH), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Writes next to the target, then renames, so a crash never leaves half a CODEOWNERS behind. */
export async function writeCodeowners(root: string, content: string): Promise<void> {
  await writeFileAtomically(path.join(root, CODEOWNERS_PATH), content);
}
