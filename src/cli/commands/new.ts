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
import { defineCommand, list, commandRunner, value, type OptionValues } from '../command.ts';
import { ROOT_OPTION, formatOption } from '../shared-options.ts';
import { writeReport } from '../report-formats.ts';
import type { CommandContext } from '../context.ts';
import { type Say, sayIn } from '../messages.ts';

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

export const runNew = commandRunner(NEW_COMMAND, async ({ values, positionals, say }, context) => {
  const kind = positionals[0] as Kind | undefined;
  if (kind === undefined || !KINDS.includes(kind)) {
    throw new UsageError(say('new.sayWhatCreateNew', { kindsList: KINDS.join('|'), kind: kind ?? '' }));
  }
  if (positionals.length > 1)
    throw new UsageError(say('new.unexpectedArgument', { positionalsList: positionals.slice(1).join(' ') }));
  const root = resolveRoot(values.root, context);
  const { repository } = await loadRepository(root, {
    only: (file) => file.startsWith('appraisals/') || file === 'content/team.yaml',
  });
  const now = currentInstant(context.env ?? process.env);
  const maker = new Maker(root, repository, values, context, now);
  // One method per kind, named as the kind.
  return maker[kind]();
});

class Maker {
  readonly root: string;
  readonly repository: Repository;
  readonly values: Values;
  readonly context: CommandContext;
  readonly now: number;
  readonly say: Say;
  readonly policies: PolicyFile[];

  constructor(root: string, repository: Repository, values: Values, context: CommandContext, now: number) {
    this.root = root;
    this.repository = repository;
    this.values = values;
    this.context = context;
    this.now = now;
    this.say = sayIn(context);
    this.policies = repository.policies.filter((record) => record.valid).map((record) => record.data);
  }

  usage(message: string): never {
    throw new UsageError(message);
  }

  require<Name extends keyof Values>(...names: Name[]): void {
    const missing = names.filter((name) => this.values[name] === undefined || this.values[name] === '');
    if (missing.length > 0)
      this.usage(this.say('new.missingOptions', { missingList: missing.map((name) => `--${String(name)}`).join(' ') }));
  }

  /** The policy in force on a date; a usage error when there is none. */
  policyOn(date: string): PolicyFile {
    const policy = policyInForce(this.policies, date);
    if (!policy) this.usage(this.say('new.noPolicyVersionForce', { date }));
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
    if (value === undefined) this.usage(this.say('new.missingOption', { option }));
    if (!isCalendarDate(value)) this.usage(this.say('new.notRealDateYyyy', { option, value }));
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
    if (!isYearMonth(period)) this.usage(this.say('new.periodMustYyyyMm', { period }));
    return period;
  }

  member(option: 'member' = 'member') {
    this.require(option);
    const id = this.values[option]!;
    const member = indexMembers(this.repository.team?.data).get(id);
    if (!member) this.usage(this.say('new.thereNoMemberRoster', { id }));
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
      this.usage(this.say('new.cannotRead', { option, file, code }));
    }
  }

  // ---------------------------------------------------------------- kinds

  async article(): Promise<number> {
    const { values } = this;
    this.require('title', 'slug', 'date', 'author', 'topic');
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(values.slug!)) this.usage(this.say('new.slugTakesLowercaseLetters'));
    const date = this.date('date');
    if (values.time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(values.time))
      this.usage(this.say('new.timeTakesHhMm'));
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
      this.say('new.nextAddCoverPng'),
      article.directory,
    );
  }

  async topic(): Promise<number> {
    const { values } = this;
    this.require('title', 'by');
    const proposedAt = this.date('date', this.today());
    const decision = (values.decision ?? 'proposed') as 'proposed' | 'accepted' | 'parked' | 'rejected';
    if (!['proposed', 'accepted', 'parked', 'rejected'].includes(decision))
      this.usage(this.say('new.decisionOneProposedAccepted'));
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
    return this.keep(draft, () => false, this.say('new.topicIdNewArticles', { id }));
  }

  async campaign(): Promise<number> {
    const { values } = this;
    this.require('kind', 'title', 'owner', 'start', 'end');
    if (!['lottery', 'quiz', 'vote'].includes(values.kind!)) this.usage(this.say('new.kindOneLotteryQuiz'));
    const zone = this.timeZone;
    const start = this.dateTime('start', zone);
    const end = this.dateTime('end', zone);
    const prizes = (values.prize ?? []).map((prize) => {
      const match = /^(.+?)\s*[x×*]\s*(\d+)$/.exec(prize.trim());
      if (!match || Number(match[2]) < 1) this.usage(this.say('new.prizeTakesNamexcountX', { prize }));
      return { name: match[1]!, quantity: Number(match[2]) };
    });
    const targets: Record<string, number> = {};
    for (const pair of this.list(values.target)) {
      const match = /^(participants|conversionRate|satisfaction)=(\d+(?:\.\d+)?)$/.exec(pair);
      if (!match) this.usage(this.say('new.targetTakesParticipantsConversionrate', { pair }));
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
    return this.keep(draft, isPlaceholder, this.say('new.campaignId', { id }));
  }

  async training(): Promise<number> {
    const { values } = this;
    this.require('course', 'date', 'hours', 'attendees');
    const date = this.date('date');
    const hours = Number(values.hours);
    if (!(hours > 0)) this.usage(this.say('new.hoursMustPositiveNumber', { hours: values.hours }));
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
    if (!draft) this.usage(this.say('new.sessionsNotLastList', { year }));
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
      if (!match) this.usage(this.say('new.ratingsTakesIndicatorScore', { pair }));
      if (!known.has(match[1]!))
        this.usage(
          this.say('new.notQualitativeIndicatorPolicy', {
            match: match[1],
            effective: policy.effective,
            known: [...known].join(this.say('listSeparator')),
          }),
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
        : this.say('new.scoresStillFill', {
            unrated: unrated.join(this.say('listSeparator')),
            min: policy.appraisal.ratingScale.min,
            max: policy.appraisal.ratingScale.max,
          });
    return this.keep(draft, allowed, next);
  }

  async interview(): Promise<number> {
    const { values } = this;
    const period = this.period();
    const member = this.member();
    const interviewer = values.interviewer ?? member.supervisor;
    if (interviewer === undefined) this.usage(this.say('new.rosterGivesNoSupervisor', { id: member.id }));
    const date = this.date('date');
    const actions = (values.action ?? []).map((entry) => {
      const match = /^(.*?)(?:@(\d{4}-\d{2}-\d{2}))?$/.exec(entry.trim())!;
      if (match[2] !== undefined && !isCalendarDate(match[2]))
        this.usage(this.say('new.dueDateActionNot', { match: match[2] }));
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
      this.usage(this.say('new.pointsMustNonZero', { points: values.points }));
    const policy = this.policyOn(`${period}-01`);
    const at = this.dateTime('at', departmentTimeZone(policy));
    const file = `appraisals/${period}/calibrations.yaml`;
    const previous = await this.previous(file);
    const draft = calibrationDraft(
      { period, member: values.member!, points, by: values.by!, at, reason: values.reason! },
      previous,
      policy,
    );
    if (!draft) this.usage(this.say('new.entriesNotLastList', { file }));
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
      this.say('new.calibrationsNowAddUp', { member: values.member, period, total, maxPoints }),
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
    if (!made) this.usage(this.say('new.thereNoPolicyVersion', { effective }));
    return this.keep(made.draft, () => false, this.say('new.copiedFromVersionMake', { from: made.from }));
  }

  // ---------------------------------------------------------------- writing

  async previous(file: string): Promise<string | undefined> {
    try {
      return await readFile(path.join(this.root, file), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      this.usage(this.say('new.cannotRead2', { file, code: (error as NodeJS.ErrnoException).code }));
    }
  }

  /**
   * Writes the draft, checks it with the rest of the repository as context, and keeps it only
   * when the check finds no error beyond what the template leaves for a person to fill in.
   */
  async keep(draft: Draft, allowed: (problem: Problem) => boolean, next = '', folder?: string): Promise<number> {
    const { context } = this;
    const target = path.join(this.root, draft.path);
    draft = { ...draft, content: withSchemaLocation(draft.content, existsSync(path.join(this.root, 'schemas'))) };
    if (
      draft.previous === undefined &&
      (existsSync(target) || (folder !== undefined && existsSync(path.join(this.root, folder))))
    ) {
      this.usage(this.say('new.alreadyExists', { folder: folder ?? draft.path }));
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
      this.usage(this.say('new.cannotWriteCheckFolder', { path: draft.path, code }));
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
      context.stderr.write(this.say('new.notWritten', { path: draft.path }));
      return EXIT.problems;
    }
    const left = problems.filter((problem) => problem.ruleId === 'template/placeholder').length;
    const verb = draft.previous === undefined ? this.say('new.created') : this.say('new.appended');
    context.stdout.write(`${verb} ${draft.path}${this.say('new.fullStop')}\n`);
    if (left > 0) context.stdout.write(this.say('new.placeholderStillReplaceCheck', { left }));
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
