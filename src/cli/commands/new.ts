import { departmentClock, departmentTimeZone } from '../../core/policy/department-clock.ts';
import { existsSync } from 'node:fs';
import { currentInstant } from '../../core/clock.ts';
import { mkdir, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { draftNewArticle } from '../../core/articles/new-article.ts';
import { checkRepository } from '../../core/check/check-repository.ts';
import type { Problem } from '../../core/diagnostics/problem.ts';
import { dateInTimeZone, isCalendarDate, isYearMonth } from '../../core/model/dates.ts';
import { isoInTimeZone } from '../../core/calendar/wall-clock.ts';
import { dateTimeOptionProblem, parseDateTimeOption } from '../../core/model/date-time-option.ts';
import type { PolicyFile } from '../../core/model/types.generated.ts';
import { policyInForce, qualitativeIndicatorIds } from '../../core/policy/policy-versions.ts';
import { loadRepository, type Repository } from '../../core/repository/load-repository.ts';
import { formatText } from '../../core/report/format-text.ts';
import { writeFileAtomically } from '../../core/source/write-file-atomically.ts';
import {
  calibrationDraft,
  campaignDraft,
  interviewDraft,
  nextId,
  policyVersionDraft,
  ratingDraft,
  topicDraft,
  trainingSessionDraft,
  type Draft,
  withSchemaLocation,
} from '../../core/templates/record-templates.ts';
import { indexMembers } from '../../core/team/roster.ts';
import { EXIT, UsageError } from '../errors.ts';
import { resolveRoot } from '../options.ts';
import { defineCommand, list, parseCommand, value, type OptionValues } from '../command.ts';
import { ROOT_OPTION, formatOption } from '../shared-options.ts';
import { writeReport } from '../report-formats.ts';
import type { CommandContext } from '../context.ts';

const KINDS = ['article', 'topic', 'campaign', 'training', 'rating', 'interview', 'calibration', 'policy'] as const;
type Kind = (typeof KINDS)[number];

export const NEW_COMMAND = defineCommand({
  name: 'new',
  positionals: true,
  options: {
    title: value(),
    slug: value(),
    date: value({ placeholder: 'YYYY-MM-DD' }),
    author: value(),
    designer: value(),
    topic: value(),
    campaign: value(),
    time: value({ placeholder: 'HH:MM' }),
    digest: value(),
    'body-file': value(),
    by: value(),
    decision: value({ placeholder: 'proposed|accepted|parked|rejected' }),
    'decided-at': value(),
    owner: value(),
    pillar: value(),
    audience: value(),
    angle: value(),
    keywords: value({ placeholder: 'a,b' }),
    kind: value({ placeholder: 'lottery|quiz|vote' }),
    start: value(),
    end: value(),
    goal: value(),
    'rules-file': value(),
    prize: list(),
    target: value({ placeholder: 'participants=500,...' }),
    course: value({ placeholder: 'TR-YYYY-NN' }),
    hours: value(),
    attendees: value({ placeholder: 'a,b' }),
    notes: value(),
    period: value({ placeholder: 'YYYY-MM' }),
    member: value(),
    rater: value(),
    ratings: value(),
    comment: value(),
    at: value(),
    interviewer: value(),
    summary: value(),
    action: list(),
    points: value(),
    reason: value(),
    effective: value({ placeholder: 'YYYY-MM-DD' }),
    change: value(),
    format: formatOption(['text', 'json', 'github'] as const),
    root: ROOT_OPTION,
  },
});

type Values = OptionValues<typeof NEW_COMMAND.options>;

export async function runNew(argv: string[], context: CommandContext): Promise<number> {
  const parsed = parseCommand(NEW_COMMAND, argv, context);
  if (!parsed) return EXIT.clean;
  const { values, positionals } = parsed;
  const zh = context.language === 'zh-CN';
  const kind = positionals[0] as Kind | undefined;
  if (kind === undefined || !KINDS.includes(kind)) {
    throw new UsageError({
      zh: `请说明新建什么：mpflow new ${KINDS.join('|')} …（收到“${kind ?? ''}”）。加 --help 查看各自的选项。`,
      en: `Say what to create: mpflow new ${KINDS.join('|')} … (got "${kind ?? ''}"). Run with --help for their options.`,
    });
  }
  if (positionals.length > 1)
    throw new UsageError({
      zh: `多余的参数：${positionals.slice(1).join(' ')}。`,
      en: `Unexpected argument: ${positionals.slice(1).join(' ')}.`,
    });
  const root = resolveRoot(values.root, context);
  const { repository } = await loadRepository(root, {
    only: (file) => file.startsWith('appraisals/') || file === 'content/team.yaml',
  });
  const now = currentInstant(context.env ?? process.env);
  const maker = new Maker(root, repository, values, context, now);
  switch (kind) {
    case 'article':
      return maker.article();
    case 'topic':
      return maker.topic();
    case 'campaign':
      return maker.campaign();
    case 'training':
      return maker.training();
    case 'rating':
      return maker.rating();
    case 'interview':
      return maker.interview();
    case 'calibration':
      return maker.calibration();
    case 'policy':
      return maker.policy();
  }
}

class Maker {
  readonly root: string;
  readonly repository: Repository;
  readonly values: Values;
  readonly context: CommandContext;
  readonly now: number;
  readonly zh: boolean;
  readonly policies: PolicyFile[];

  constructor(root: string, repository: Repository, values: Values, context: CommandContext, now: number) {
    this.root = root;
    this.repository = repository;
    this.values = values;
    this.context = context;
    this.now = now;
    this.zh = context.language === 'zh-CN';
    this.policies = repository.policies.filter((record) => record.valid).map((record) => record.data);
  }

  usage(zh: string, en: string): never {
    throw new UsageError({ zh, en });
  }

  require<Name extends keyof Values>(...names: Name[]): void {
    const missing = names.filter((name) => this.values[name] === undefined || this.values[name] === '');
    if (missing.length > 0)
      this.usage(
        `缺少选项：${missing.map((name) => `--${String(name)}`).join(' ')}`,
        `Missing options: ${missing.map((name) => `--${String(name)}`).join(' ')}`,
      );
  }

  /** The policy in force on a date; a usage error when there is none. */
  policyOn(date: string): PolicyFile {
    const policy = policyInForce(this.policies, date);
    if (!policy)
      this.usage(
        `${date} 没有生效的制度版本（content/policy/）。`,
        `No policy version is in force on ${date} (content/policy/).`,
      );
    return policy;
  }

  /** The department's zone: the policy in force's, which is what "today" means to it. */
  get timeZone(): string {
    return departmentClock(this.policies, this.now).timeZone;
  }

  today(timeZone = this.timeZone): string {
    return dateInTimeZone(new Date(this.now).toISOString(), timeZone);
  }

  date(option: 'date' | 'decided-at' | 'effective', fallback?: string): string {
    const value = this.values[option] ?? fallback;
    if (value === undefined) this.usage(`缺少选项：--${option}`, `Missing option: --${option}`);
    if (!isCalendarDate(value))
      this.usage(
        `--${option}“${value}”不是真实的日期（YYYY-MM-DD）。`,
        `--${option} "${value}" is not a real date (YYYY-MM-DD).`,
      );
    return value;
  }

  dateTime(option: 'at' | 'start' | 'end', timeZone: string): string {
    const value = this.values[option];
    if (value === undefined) return isoInTimeZone(this.now, timeZone);
    const parsed = parseDateTimeOption(value, timeZone);
    if (!parsed) throw new UsageError(dateTimeOptionProblem(`--${option}`, value, timeZone));
    return parsed.iso;
  }

  period(): string {
    this.require('period');
    const period = this.values.period!;
    if (!isYearMonth(period))
      this.usage(`--period 应为 YYYY-MM（收到“${period}”）。`, `--period must be YYYY-MM (got "${period}").`);
    return period;
  }

  member(option: 'member' = 'member') {
    this.require(option);
    const id = this.values[option]!;
    const member = indexMembers(this.repository.team?.data).get(id);
    if (!member)
      this.usage(
        `名册（content/team.yaml）中没有成员“${id}”。`,
        `There is no member "${id}" in the roster (content/team.yaml).`,
      );
    return member;
  }

  list(value: string | undefined): string[] {
    return (value ?? '')
      .split(/[,，、]/)
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }

  async readOption(option: 'body-file' | 'rules-file'): Promise<string | undefined> {
    const file = this.values[option];
    if (file === undefined) return undefined;
    try {
      return await readFile(path.resolve(this.context.cwd, file), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      this.usage(`无法读取 --${option} ${file}（${code}）。`, `Cannot read --${option} ${file} (${code}).`);
    }
  }

  // ---------------------------------------------------------------- kinds

  async article(): Promise<number> {
    const { values } = this;
    this.require('title', 'slug', 'date', 'author', 'topic');
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(values.slug!))
      this.usage(
        '--slug 只能用小写字母、数字和连字符，如 yancha-roasting。',
        '--slug takes lowercase letters, digits and hyphens, e.g. yancha-roasting.',
      );
    const date = this.date('date');
    if (values.time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(values.time))
      this.usage('--time 的格式是 HH:MM。', '--time takes HH:MM.');
    const policy = this.policyOn(date);
    const body = await this.readOption('body-file');
    const article = draftNewArticle(
      {
        title: values.title!,
        slug: values.slug!,
        date,
        author: values.author!,
        topic: values.topic!,
        ...(values.designer ? { designer: values.designer } : {}),
        ...(values.campaign ? { campaign: values.campaign } : {}),
        ...(values.time ? { time: values.time } : {}),
        ...(values.digest !== undefined ? { digest: values.digest } : {}),
        ...(body !== undefined ? { body } : {}),
      },
      policy,
    );
    return this.keep(
      { path: article.indexPath, content: article.content },
      (problem) => problem.ruleId === 'ref/missing-file' && problem.field === 'cover',
      this.zh
        ? '下一步：把封面图 cover.png 放进文件夹，写完正文和摘要，然后开 pull request。'
        : 'Next: add cover.png to the folder, finish the body and digest, open a pull request.',
      article.directory,
    );
  }

  async topic(): Promise<number> {
    const { values } = this;
    this.require('title', 'by');
    const proposedAt = this.date('date', this.today());
    const decision = (values.decision ?? 'proposed') as 'proposed' | 'accepted' | 'parked' | 'rejected';
    if (!['proposed', 'accepted', 'parked', 'rejected'].includes(decision))
      this.usage(
        '--decision 只能是 proposed、accepted、parked 或 rejected。',
        '--decision is one of proposed, accepted, parked, rejected.',
      );
    const decidedAt = decision === 'proposed' ? undefined : this.date('decided-at', proposedAt);
    const id = nextId(
      this.repository.topics.map((record) => record.data.id),
      'T',
      proposedAt.slice(0, 4),
    );
    const draft = topicDraft({
      id,
      title: values.title!,
      proposedBy: values.by!,
      proposedAt,
      decision,
      ...(decidedAt ? { decidedAt } : {}),
      ...(values.owner ? { owner: values.owner } : {}),
      ...(values.pillar ? { pillar: values.pillar } : {}),
      ...(values.audience ? { audience: values.audience } : {}),
      ...(values.angle ? { angle: values.angle } : {}),
      keywords: this.list(values.keywords),
    });
    return this.keep(
      draft,
      () => false,
      this.zh
        ? `选题编号 ${id}；写文章时用 --topic ${id}。`
        : `The topic id is ${id}; new articles take --topic ${id}.`,
    );
  }

  async campaign(): Promise<number> {
    const { values } = this;
    this.require('kind', 'title', 'owner', 'start', 'end');
    if (!['lottery', 'quiz', 'vote'].includes(values.kind!))
      this.usage('--kind 只能是 lottery、quiz 或 vote。', '--kind is one of lottery, quiz, vote.');
    const zone = this.timeZone;
    const start = this.dateTime('start', zone);
    const end = this.dateTime('end', zone);
    const prizes = (values.prize ?? []).map((prize) => {
      const match = /^(.+?)\s*[x×*]\s*(\d+)$/.exec(prize.trim());
      if (!match || Number(match[2]) < 1)
        this.usage(
          `--prize 写成“名称x数量”，如 纪念礼盒x3（收到“${prize}”）。`,
          `--prize takes NAMExCOUNT, e.g. 纪念礼盒x3 (got "${prize}").`,
        );
      return { name: match[1]!, quantity: Number(match[2]) };
    });
    const targets: Record<string, number> = {};
    for (const pair of this.list(values.target)) {
      const match = /^(participants|conversionRate|satisfaction)=(\d+(?:\.\d+)?)$/.exec(pair);
      if (!match)
        this.usage(
          `--target 写成 participants=500,conversionRate=0.05,satisfaction=4.5（收到“${pair}”）。`,
          `--target takes participants=500,conversionRate=0.05,satisfaction=4.5 (got "${pair}").`,
        );
      targets[match[1]!] = Number(match[2]);
    }
    const rules = await this.readOption('rules-file');
    const id = nextId(
      this.repository.campaigns.map((record) => record.data.id),
      'C',
      start.slice(0, 4),
    );
    const draft = campaignDraft({
      id,
      kind: values.kind as 'lottery' | 'quiz' | 'vote',
      title: values.title!,
      owner: values.owner!,
      start,
      end,
      prizes,
      targets,
      ...(values.goal ? { goal: values.goal } : {}),
      ...(rules !== undefined ? { rules } : {}),
    });
    return this.keep(draft, isPlaceholder, this.zh ? `活动编号 ${id}。` : `The campaign id is ${id}.`);
  }

  async training(): Promise<number> {
    const { values } = this;
    this.require('course', 'date', 'hours', 'attendees');
    const date = this.date('date');
    const hours = Number(values.hours);
    if (!(hours > 0))
      this.usage(
        `--hours 应为正数（收到“${values.hours}”）。`,
        `--hours must be a positive number (got "${values.hours}").`,
      );
    const year = Number(date.slice(0, 4));
    const previous = await this.previous(`content/training/records-${year}.yaml`);
    const draft = trainingSessionDraft(
      {
        year,
        course: values.course!,
        date,
        hours,
        attendees: this.list(values.attendees),
        ...(values.notes ? { notes: values.notes } : {}),
      },
      previous,
    );
    if (!draft)
      this.usage(
        `content/training/records-${year}.yaml 的 sessions 不是文件最后的列表，无法追加；请手工追加。`,
        `sessions is not the last list of content/training/records-${year}.yaml, so nothing can be appended; append by hand.`,
      );
    return this.keep(draft, () => false);
  }

  async rating(): Promise<number> {
    const { values } = this;
    const period = this.period();
    const member = this.member();
    this.require('rater');
    const policy = this.policyOn(`${period}-01`);
    const known = new Set(qualitativeIndicatorIds(policy));
    const ratings: Record<string, number> = {};
    for (const pair of this.list(values.ratings)) {
      const match = /^([a-z][a-z0-9-]*)=(-?\d+(?:\.\d+)?)$/.exec(pair);
      if (!match)
        this.usage(
          `--ratings 写成 指标=分数,…，如 collaboration=85（收到“${pair}”）。`,
          `--ratings takes indicator=score,…, e.g. collaboration=85 (got "${pair}").`,
        );
      if (!known.has(match[1]!))
        this.usage(
          `“${match[1]}”不是 ${policy.effective} 版制度的定性指标；可评的指标：${[...known].join('、')}。`,
          `"${match[1]}" is not a qualitative indicator of the ${policy.effective} policy; rateable: ${[...known].join(', ')}.`,
        );
      ratings[match[1]!] = Number(match[2]);
    }
    const submittedAt = this.dateTime('at', departmentTimeZone(policy));
    const draft = ratingDraft(
      {
        period,
        member,
        rater: values.rater!,
        submittedAt,
        ratings,
        ...(values.comment !== undefined ? { comment: values.comment } : {}),
      },
      policy,
    );
    const unrated = [...known].filter((id) => !(id in ratings));
    // Scores left empty for the rater to fill in are the template's, not a mistake.
    const allowed = (problem: Problem) =>
      problem.ruleId === 'schema/type' && unrated.some((id) => problem.field === `ratings.${id}`);
    const next =
      unrated.length === 0
        ? ''
        : this.zh
          ? `还要填的分数：${unrated.join('、')}（${policy.appraisal.ratingScale.min}–${policy.appraisal.ratingScale.max}）。`
          : `Scores still to fill in: ${unrated.join(', ')} (${policy.appraisal.ratingScale.min}–${policy.appraisal.ratingScale.max}).`;
    return this.keep(draft, allowed, next);
  }

  async interview(): Promise<number> {
    const { values } = this;
    const period = this.period();
    const member = this.member();
    const interviewer = values.interviewer ?? member.supervisor;
    if (interviewer === undefined)
      this.usage(
        `名册中 ${member.id} 没有上级，请用 --interviewer 指定面谈人。`,
        `The roster gives ${member.id} no supervisor; name the interviewer with --interviewer.`,
      );
    const date = this.date('date');
    const actions = (values.action ?? []).map((entry) => {
      const match = /^(.*?)(?:@(\d{4}-\d{2}-\d{2}))?$/.exec(entry.trim())!;
      if (match[2] !== undefined && !isCalendarDate(match[2]))
        this.usage(
          `--action 的截止日期“${match[2]}”不是真实的日期。`,
          `The due date "${match[2]}" of --action is not a real date.`,
        );
      return { action: match[1]!.trim(), ...(match[2] ? { due: match[2] } : {}) };
    });
    const draft = interviewDraft({
      period,
      member,
      interviewer,
      date,
      actions,
      ...(values.summary !== undefined ? { summary: values.summary } : {}),
    });
    return this.keep(draft, isPlaceholder);
  }

  async calibration(): Promise<number> {
    const { values } = this;
    const period = this.period();
    this.require('member', 'points', 'by', 'reason');
    const points = Number(values.points);
    if (!Number.isFinite(points) || points === 0)
      this.usage(
        `--points 应为非零的数，如 1 或 -0.5（收到“${values.points}”）。`,
        `--points must be a non-zero number such as 1 or -0.5 (got "${values.points}").`,
      );
    const policy = this.policyOn(`${period}-01`);
    const at = this.dateTime('at', departmentTimeZone(policy));
    const file = `appraisals/${period}/calibrations.yaml`;
    const previous = await this.previous(file);
    const draft = calibrationDraft(
      { period, member: values.member!, points, by: values.by!, at, reason: values.reason! },
      previous,
      policy,
    );
    if (!draft)
      this.usage(
        `${file} 的 entries 不是文件最后的列表，无法追加。`,
        `entries is not the last list of ${file}, so nothing can be appended.`,
      );
    const { maxPoints } = policy.appraisal.calibration;
    const total =
      (this.repository.calibrations ?? [])
        .filter((record) => record.data.period === period)
        .flatMap((record) => record.data.entries)
        .filter((entry) => entry.member === values.member)
        .reduce((sum, entry) => sum + entry.points, 0) + points;
    return this.keep(
      draft,
      () => false,
      this.zh
        ? `${values.member} 在 ${period} 的校准累计 ${total} 分（制度允许 ±${maxPoints}）。`
        : `${values.member}'s calibrations for ${period} now add up to ${total} (the policy allows ±${maxPoints}).`,
    );
  }

  async policy(): Promise<number> {
    this.require('effective', 'change');
    const effective = this.date('effective');
    const made = policyVersionDraft(this.repository, {
      effective,
      change: this.values.change!,
      ...(this.values.by ? { by: this.values.by } : {}),
    });
    if (!made)
      this.usage(
        `${effective} 之前没有可以复制的制度版本。`,
        `There is no policy version before ${effective} to copy.`,
      );
    return this.keep(
      made.draft,
      () => false,
      this.zh
        ? `复制自 ${made.from} 版；在这个文件里写改动，${made.from} 版保持不变。`
        : `Copied from the ${made.from} version; make the changes in this file and leave ${made.from} as it is.`,
    );
  }

  // ---------------------------------------------------------------- writing

  async previous(file: string): Promise<string | undefined> {
    try {
      return await readFile(path.join(this.root, file), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      this.usage(
        `无法读取 ${file}（${(error as NodeJS.ErrnoException).code}）。`,
        `Cannot read ${file} (${(error as NodeJS.ErrnoException).code}).`,
      );
    }
  }

  /**
   * Writes the draft, checks it with the rest of the repository as context, and keeps it only
   * when the check finds no error beyond what the template leaves for a person to fill in.
   */
  async keep(draft: Draft, allowed: (problem: Problem) => boolean, next = '', folder?: string): Promise<number> {
    const { zh, context } = this;
    const target = path.join(this.root, draft.path);
    draft = { ...draft, content: withSchemaLocation(draft.content, existsSync(path.join(this.root, 'schemas'))) };
    if (
      draft.previous === undefined &&
      (existsSync(target) || (folder !== undefined && existsSync(path.join(this.root, folder))))
    ) {
      this.usage(`${folder ?? draft.path} 已经存在。`, `${folder ?? draft.path} already exists.`);
    }
    const created = await this.missingFolders(path.dirname(target));
    try {
      if (draft.previous === undefined) {
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, draft.content, { flag: 'wx' });
      } else {
        await writeFileAtomically(target, draft.content);
      }
    } catch (error) {
      await this.undo(draft, target, created);
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      this.usage(
        `无法写入 ${draft.path}（${code}）：请确认文件夹存在且可写。`,
        `Cannot write ${draft.path} (${code}): check that the folder exists and is writable.`,
      );
    }
    const { problems } = await checkRepository(this.root, { paths: [draft.path], now: this.now });
    const blocking = problems.filter(
      (problem) => problem.severity === 'error' && problem.ruleId !== 'template/placeholder' && !allowed(problem),
    );
    if (blocking.length > 0) {
      await this.undo(draft, target, created);
      // What stops the record: as text on stderr, or (json, github) through the report registry on stdout.
      if (this.values.format === 'text')
        context.stderr.write(formatText(blocking, { language: context.language, filesChecked: 1 }));
      else
        await writeReport(
          this.values.format,
          blocking,
          { language: context.language, filesChecked: 1, suppressed: 0 },
          context,
        );
      context.stderr.write(zh ? `没有写入 ${draft.path}。\n` : `${draft.path} was not written.\n`);
      return EXIT.problems;
    }
    const left = problems.filter((problem) => problem.ruleId === 'template/placeholder').length;
    const verb = draft.previous === undefined ? (zh ? '已创建' : 'Created') : zh ? '已追加到' : 'Appended to';
    context.stdout.write(`${verb} ${draft.path}${zh ? '。' : '.'}\n`);
    if (left > 0)
      context.stdout.write(
        zh
          ? `还有 ${left} 处【待填写】要换成真实内容（mpflow check 会指出位置）。\n`
          : `${left} 【待填写】 placeholder(s) still to replace (mpflow check shows where).\n`,
      );
    if (next) context.stdout.write(`${next}\n`);
    return EXIT.clean;
  }

  async missingFolders(folder: string): Promise<string[]> {
    const missing: string[] = [];
    let current = folder;
    while (current.startsWith(this.root) && current !== this.root && !existsSync(current)) {
      missing.push(current);
      current = path.dirname(current);
    }
    return missing;
  }

  async undo(draft: Draft, target: string, created: string[]): Promise<void> {
    if (draft.previous !== undefined) {
      await writeFileAtomically(target, draft.previous).catch(() => undefined);
      return;
    }
    await rm(target, { force: true }).catch(() => undefined);
    for (const folder of created) await rmdir(folder).catch(() => undefined);
  }
}

function isPlaceholder(problem: Problem): boolean {
  return problem.ruleId === 'template/placeholder';
}
