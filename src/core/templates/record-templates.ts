/**
 * The text of every hand-written record `mpflow new` starts: each at its place, with the
 * `$schema` line editors validate against, what the policy already knows filled in (indicator
 * ids and their scale, the supervisor, the calibration bound, the version in force), the
 * optional fields as comments saying what they are for, and 【待填写：…】 where only a person
 * can say what goes (template/placeholder until they do). Pure: the CLI writes and checks.
 */
import { stringify } from 'yaml';
import { indicatorLeaves, policyInForce } from '../policy/policy-versions.ts';
import { yamlKind, type YamlRecordKind } from '../model/record-kinds.ts';
import type { PolicyFile, TeamMember } from '../model/types.generated.ts';
import type { Repository } from '../repository/load-repository.ts';
import { placeholder } from './placeholders.ts';

export interface Draft {
  /** Repository-relative path of the file written. */
  path: string;
  content: string;
  /** The file as it was before (appended records), to put back if the check refuses the new one. */
  previous?: string;
}

/** A YAML scalar on one line (quoted when YAML would read it as something else). */
export function scalar(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  if (/\n/.test(value)) return JSON.stringify(value);
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

/** A block of text under a key: `key: |` and the lines indented, for rules and summaries. */
function block(key: string, value: string, indent: string): string {
  if (!value.includes('\n')) return `${indent}${key}: ${scalar(value)}\n`;
  const inner = `${indent}  `;
  return `${indent}${key}: |\n${value
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => (line === '' ? '' : `${inner}${line}`))
    .join('\n')}\n`;
}

/**
 * Where the `$schema` comments point: the repository's own `schemas/` (mpflow's source, the sample
 * department) or, in a department that installed mpflow, the package's copy under node_modules.
 */
export function withSchemaLocation(content: string, repositoryHasSchemas: boolean): string {
  if (repositoryHasSchemas) return content;
  return content.replace(/^(# yaml-language-server: \$schema=(?:\.\.\/)+)schemas\//m, '$1node_modules/mpflow/schemas/');
}

/** The editor's pointer to the kind's schema (the registry's), from a file `depth` folders below the root. */
function schemaLine(kind: YamlRecordKind, depth: number): string {
  return `# yaml-language-server: $schema=${'../'.repeat(depth)}schemas/${yamlKind(kind).schema.$id}\n`;
}

// ------------------------------------------------------------------ topic

export interface TopicRequest {
  id: string;
  title: string;
  proposedBy: string;
  proposedAt: string;
  decision: 'proposed' | 'accepted' | 'parked' | 'rejected';
  decidedAt?: string;
  owner?: string;
  pillar?: string;
  audience?: string;
  angle?: string;
  keywords?: string[];
}

/** The next free id of a kind in a year: T-2027-001, C-2027-01. */
export function nextId(existing: Iterable<string>, prefix: 'T' | 'C', year: string): string {
  const width = prefix === 'T' ? 3 : 2;
  const pattern = new RegExp(`^${prefix}-${year}-(\\d{${width}})$`);
  let highest = 0;
  for (const id of existing) {
    const match = pattern.exec(id);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return `${prefix}-${year}-${String(highest + 1).padStart(width, '0')}`;
}

export function topicDraft(request: TopicRequest): Draft {
  let out = schemaLine('topic', 2);
  out += '# 选题库中的一个选题。选题会之后把 decision 改为 accepted、parked 或 rejected，并写 decidedAt。\n';
  out +=
    '# A topic of the library. After the topic meeting set decision to accepted, parked or rejected and add decidedAt.\n';
  out += `id: ${request.id}\ntitle: ${scalar(request.title)}\n`;
  out += request.pillar
    ? `pillar: ${scalar(request.pillar)}\n`
    : '# pillar: 内容方向，如 知识科普、使用技巧 / content pillar\n';
  out += `proposedBy: ${request.proposedBy}\nproposedAt: ${request.proposedAt}\ndecision: ${request.decision}\n`;
  out += request.decidedAt
    ? `decidedAt: ${request.decidedAt}\n`
    : '# decidedAt: YYYY-MM-DD  选题会日期 / date of the topic meeting\n';
  out += request.owner
    ? `owner: ${request.owner}\n`
    : '# owner: 负责撰写的文案策划 / the copywriter who will write it\n';
  out += request.audience ? `audience: ${scalar(request.audience)}\n` : '# audience: 目标读者 / intended readers\n';
  out += request.angle ? `angle: ${scalar(request.angle)}\n` : '# angle: 切入角度 / angle\n';
  out +=
    request.keywords && request.keywords.length > 0
      ? `keywords: [${request.keywords.map(scalar).join(', ')}]\n`
      : '# keywords: [关键词]\n';
  return { path: `content/topics/${request.id}.yaml`, content: out };
}

// ------------------------------------------------------------------ campaign

export interface CampaignRequest {
  id: string;
  kind: 'lottery' | 'quiz' | 'vote';
  title: string;
  owner: string;
  goal?: string;
  start: string;
  end: string;
  rules?: string;
  prizes: Array<{ name: string; quantity: number }>;
  targets?: { participants?: number; conversionRate?: number; satisfaction?: number };
  articles?: string[];
}

export function campaignDraft(request: CampaignRequest): Draft {
  let out = schemaLine('campaign', 2);
  out +=
    '# 活动记录。规则全文会做合规检查；活动结束后在 results 中写参与人数、转化率和满意度（考核与 targets 比较）。\n';
  out +=
    '# A campaign. Its rules are checked for compliance; after it ends, record results (appraisal compares them with targets).\n';
  out += `id: ${request.id}\nkind: ${request.kind}\ntitle: ${scalar(request.title)}\nowner: ${request.owner}\n`;
  out += `goal: ${scalar(request.goal ?? placeholder('活动目的，一两句话'))}\n`;
  out += `period:\n  start: ${request.start}\n  end: ${request.end}\n`;
  out += block('rules', request.rules ?? placeholder('活动规则全文，如何参与、如何评选、何时公布'), '');
  out += 'prizes:\n';
  const prizes = request.prizes.length > 0 ? request.prizes : [{ name: placeholder('奖品名称'), quantity: 1 }];
  for (const prize of prizes) out += `  - name: ${scalar(prize.name)}\n    quantity: ${prize.quantity}\n`;
  const targets = request.targets ?? {};
  if (Object.keys(targets).length > 0) {
    out += 'targets:\n';
    for (const [key, value] of Object.entries(targets)) out += `  ${key}: ${value}\n`;
  } else {
    out +=
      '# targets: { participants: 500, conversionRate: 0.05, satisfaction: 4.5 }  考核用的目标值 / targets the appraisal compares results with\n';
  }
  out +=
    request.articles && request.articles.length > 0
      ? `articles: [${request.articles.join(', ')}]\n`
      : '# articles: [活动文章编号，如 2027-01-08-spring-quiz]\n';
  return { path: `content/campaigns/${request.id}.yaml`, content: out };
}

// ------------------------------------------------------------------ ratings and interviews

export type RaterRole = 'self' | 'supervisor' | 'peer';

/** Which file a rater writes about a member, decided by the roster as check decides it. */
export function raterRole(member: TeamMember, rater: string): RaterRole {
  if (rater === member.id) return 'self';
  if (member.supervisor === rater) return 'supervisor';
  return 'peer';
}

export function ratingPath(period: string, member: string, rater: string, role: RaterRole): string {
  return `appraisals/${period}/${member}/${role === 'peer' ? `peer-${rater}` : role}.yaml`;
}

export interface RatingRequest {
  period: string;
  member: TeamMember;
  rater: string;
  submittedAt: string;
  /** Given scores; an indicator left out is written empty, to be filled in. */
  ratings: Record<string, number>;
  comment?: string;
}

export function ratingDraft(request: RatingRequest, policy: PolicyFile): Draft {
  const role = raterRole(request.member, request.rater);
  const { min, max } = policy.appraisal.ratingScale;
  const roleZh = { self: '自评', supervisor: '上级评价', peer: '同事互评' }[role];
  let out = schemaLine('appraisal-rating', 3);
  out += `# ${request.period} ${request.member.name}（${request.member.id}）的${roleZh}，由 ${request.rater} 填写；按 ${policy.effective} 版制度的定性指标打分，评分范围 ${min}–${max}。\n`;
  out += `# ${request.period} ${role} rating of ${request.member.id} by ${request.rater}: rate every qualitative indicator of the ${policy.effective} policy, from ${min} to ${max}.\n`;
  out += '# 把【待填写】换成分数；提交时把 submittedAt 改成提交的时间。评语保密，不会出现在网站上。\n';
  out +=
    '# Replace every 【待填写】 with a score and set submittedAt when you submit. The comment is private and never reaches the site.\n';
  out += `member: ${request.member.id}\nperiod: ${request.period}\nrater: ${request.rater}\nrole: ${role}\nsubmittedAt: ${request.submittedAt}\nratings:\n`;
  for (const leaf of indicatorLeaves(policy).filter((candidate) => candidate.node.measure === 'qualitative')) {
    const value = request.ratings[leaf.node.id];
    out += `  # ${leaf.node.name.zh} ${leaf.node.name.en}（${leaf.node.weight}%）${leaf.node.description ? `：${leaf.node.description.zh}` : ''}\n`;
    // A score nobody gave yet is a placeholder, so check names it as one (template/placeholder), not only as "not a number".
    out += `  ${leaf.node.id}: ${value === undefined ? placeholder(`${min}–${max} 分 / score ${min}–${max}`) : value}\n`;
  }
  out +=
    request.comment !== undefined
      ? block('comment', request.comment, '')
      : '# comment: 评语（保密，可选） / comment (private, optional)\n';
  return { path: ratingPath(request.period, request.member.id, request.rater, role), content: out };
}

export interface InterviewRequest {
  period: string;
  member: TeamMember;
  interviewer: string;
  date: string;
  summary?: string;
  actions: Array<{ action: string; due?: string }>;
}

export function interviewDraft(request: InterviewRequest): Draft {
  let out = schemaLine('appraisal-interview', 3);
  out += `# ${request.period} ${request.member.name}（${request.member.id}）的绩效面谈，由上级 ${request.interviewer} 记录。纪要保密，不会出现在网站上。\n`;
  out += `# The ${request.period} feedback interview of ${request.member.id}, recorded by the supervisor ${request.interviewer}. The summary is private.\n`;
  out += `member: ${request.member.id}\nperiod: ${request.period}\ninterviewer: ${request.interviewer}\ndate: ${request.date}\n`;
  out += block('summary', request.summary ?? placeholder('面谈纪要：肯定了什么、指出了什么不足'), '');
  if (request.actions.length > 0) {
    out += 'actions:\n';
    for (const action of request.actions)
      out += `  - action: ${scalar(action.action)}\n${action.due ? `    due: ${action.due}\n` : ''}`;
  } else {
    out += '# actions:\n#   - action: 共同商定的改进事项 / an agreed action\n#     due: YYYY-MM-DD\n';
  }
  return { path: `appraisals/${request.period}/${request.member.id}/interview.yaml`, content: out };
}

// ------------------------------------------------------------------ appended records

/**
 * A new item at the end of the block list under the file's last key (calibrations' entries,
 * training records' sessions), as text, so the comments and layout above are kept as written.
 */
export function appendItem(
  previous: string,
  key: string,
  item: Record<string, string | number | string[]>,
): string | undefined {
  const lines = previous.replace(/\s+$/, '').split('\n');
  const keyLine = lines.findIndex((line) => new RegExp(`^${key}:\\s*(\\[\\s*\\])?\\s*(#.*)?$`).test(line));
  if (keyLine === -1) return undefined;
  // Only when the list is the file's last top-level key; otherwise the caller refuses.
  if (lines.slice(keyLine + 1).some((line) => /^[^\s#-]/.test(line))) return undefined;
  const itemIndent =
    /^(\s*)- /.exec(lines.slice(keyLine + 1).find((line) => /^\s*- /.test(line)) ?? '  - ')?.[1] ?? '  ';
  const entries = Object.entries(item);
  const text = entries
    .map(
      ([name, value], index) =>
        `${index === 0 ? `${itemIndent}- ` : `${itemIndent}  `}${name}: ${Array.isArray(value) ? `[${value.map(scalar).join(', ')}]` : scalar(value)}`,
    )
    .join('\n');
  const head = lines.slice(0, keyLine).join('\n');
  const tail = lines.slice(keyLine + 1).join('\n');
  return `${head}${head ? '\n' : ''}${key}:\n${tail ? `${tail}\n` : ''}${text}\n`;
}

export interface CalibrationRequest {
  period: string;
  member: string;
  points: number;
  by: string;
  at: string;
  reason: string;
}

export function calibrationDraft(
  request: CalibrationRequest,
  previous: string | undefined,
  policy: PolicyFile,
): Draft | undefined {
  const { maxPoints, roles } = policy.appraisal.calibration;
  const entry = {
    member: request.member,
    points: request.points,
    by: request.by,
    at: request.at,
    reason: request.reason,
  };
  const path = `appraisals/${request.period}/calibrations.yaml`;
  if (previous !== undefined) {
    const content = appendItem(previous, 'entries', entry);
    return content === undefined ? undefined : { path, content, previous };
  }
  let out = schemaLine('appraisal-calibrations', 2);
  out += `# 定稿后的得分校准：只能在末尾追加（mpflow new calibration），由 ${roles.join('、')} 记录，每人每月累计不超过 ±${maxPoints} 分（${policy.effective} 版制度）。理由保密。\n`;
  out += `# Score calibrations after finalisation: appended only (mpflow new calibration), by ${roles.join(', ')}, at most ±${maxPoints} points per member and month (policy ${policy.effective}). Reasons are private.\n`;
  out += `period: ${request.period}\nentries:\n`;
  return { path, content: appendItem(out, 'entries', entry)! };
}

export interface TrainingSessionRequest {
  year: number;
  course: string;
  date: string;
  hours: number;
  attendees: string[];
  notes?: string;
}

export function trainingSessionDraft(request: TrainingSessionRequest, previous: string | undefined): Draft | undefined {
  const path = `content/training/records-${request.year}.yaml`;
  const session: Record<string, string | number | string[]> = {
    course: request.course,
    date: request.date,
    hours: request.hours,
    attendees: request.attendees,
    ...(request.notes ? { notes: request.notes } : {}),
  };
  if (previous !== undefined) {
    const content = appendItem(previous, 'sessions', session);
    return content === undefined ? undefined : { path, content, previous };
  }
  let out = schemaLine('training-records', 2);
  out += `# ${request.year} 年实际举办的培训与出勤，每次培训追加一条（mpflow new training）。课程编号来自 plan-${request.year}.yaml。\n`;
  out += `# Sessions held in ${request.year} and who attended, one appended per session (mpflow new training). Course ids come from plan-${request.year}.yaml.\n`;
  out += `year: ${request.year}\nsessions:\n`;
  return { path, content: appendItem(out, 'sessions', session)! };
}

// ------------------------------------------------------------------ policy versions

export interface PolicyVersionRequest {
  effective: string;
  change: string;
  by?: string;
}

/**
 * A new policy version: the text of the version in force the day before it takes effect, with
 * the new effective date and a changelog line on top, so the edit that follows is a diff
 * against what was in force.
 */
export function policyVersionDraft(
  repository: Repository,
  request: PolicyVersionRequest,
): { draft: Draft; from: string } | undefined {
  const valid = repository.policies.filter((record) => record.valid);
  const dayBefore = new Date(Date.parse(`${request.effective}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const base = policyInForce(
    valid.map((record) => record.data),
    dayBefore,
  );
  const record = base && valid.find((candidate) => candidate.data === base);
  if (!base || !record?.yaml) return undefined;
  const lines = record.yaml.text.split('\n');
  const effectiveLine = lines.findIndex((line) => /^effective:/.test(line));
  if (effectiveLine === -1) return undefined;
  lines[effectiveLine] = `effective: ${request.effective}`;
  const firstField = lines.findIndex((line) => /^[^#\s]/.test(line));
  const changelog = `# ${request.effective} 起生效，由 ${base.effective} 版修订${request.by ? `（${request.by}）` : ''}：${request.change.replace(/\s+/g, ' ')}\n# In force from ${request.effective}, revised from the ${base.effective} version${request.by ? ` (${request.by})` : ''}: ${request.change.replace(/\s+/g, ' ')}`;
  lines.splice(firstField === -1 ? 0 : firstField, 0, ...changelog.split('\n'));
  return {
    draft: { path: `content/policy/${request.effective}.yaml`, content: lines.join('\n') },
    from: base.effective,
  };
}
