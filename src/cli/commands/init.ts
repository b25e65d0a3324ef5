import { DEFAULT_TIME_ZONE } from '../../core/policy/department-clock.ts';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { currentInstant } from '../../core/clock.ts';
import { writeFilesAllOrNothing } from '../../core/source/write-file-atomically.ts';
import { dateInTimeZone, isCalendarDate, isTimeZone } from '../../core/model/dates.ts';
import { astroRange, packageVersion } from '../../core/department-scaffold/package-root.ts';
import {
  scaffoldDepartment,
  withCodeowners,
  withSample,
  PLACEHOLDER_LOGIN,
  type DepartmentAnswers,
  type MemberAnswer,
} from '../../core/department-scaffold/scaffold.ts';
import { managedTemplates } from '../../core/department-scaffold/templates.ts';
import {
  folderState,
  handbookPages,
  sampleDepartment,
  writeNewRepository,
} from '../../core/department-scaffold/write-repository.ts';
import type { CommandContext } from '../context.ts';
import { CommandFailure, EXIT, UsageError } from '../errors.ts';
import { defineCommand, flag, list, commandRunner, value } from '../command.ts';
import { renderIn, type Say, sayIn } from '../messages.ts';

export const INIT_COMMAND = defineCommand({
  name: 'init',
  positionals: true,
  options: {
    department: value(),
    'department-en': value(),
    account: value(),
    'account-en': value(),
    head: value(),
    'head-name': value(),
    'head-id': value(),
    member: list(),
    weights: value({ placeholder: '50/25/20/5' }),
    effective: value(),
    timezone: value(),
    'site-url': value(),
    base: value(),
    repository: value(),
    locales: value({ placeholder: 'zh-CN,en' }),
    locale: list(),
    accent: value({ placeholder: '#3456b8' }),
    name: value(),
    'mpflow-spec': value(),
    example: flag(),
    yes: flag({ short: 'y' }),
    update: flag(),
  },
});

/** The standard policy's top-level dimensions, in its order (templates/department/content/policy/policy.yaml.tmpl). */
const DIMENSION_IDS = ['performance', 'ability', 'attitude', 'professionalism'];
const ROLES = new Set(['operator', 'designer', 'copywriter', 'support', 'head', 'hr']);
const MEMBER_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

export const runInit = commandRunner(INIT_COMMAND, async ({ values, positionals, say }, context) => {
  if (positionals.length > 1) throw new UsageError(say('init.giveOneFolderOnly'));
  if (values.update) return updateManaged(path.resolve(context.cwd, positionals[0] ?? '.'), context);

  const given = positionals[0];
  if (given === undefined) throw new UsageError(say('init.missingFolderInitDir'));
  const dir = path.resolve(context.cwd, given);
  const state = folderState(dir);
  if (state === 'not-empty') throw new UsageError(say('init.notEmptyInitCreates', { given }));
  if (state === 'not-a-folder') throw new UsageError(say('init.fileNotFolder', { given }));

  const interactive =
    !values.yes && (process.stdin as { isTTY?: boolean }).isTTY === true && context.env?.CI !== 'true';
  if (values.locale.length > 0 && values.locales === undefined) values.locales = values.locale.join(',');
  const asked = interactive ? await ask(values, context) : values;
  if (!values.yes && !interactive && (asked.department === undefined || asked.account === undefined)) {
    throw new UsageError(say('init.thereNoTerminalAsk'));
  }
  const answers = answersFrom(asked, dir, context);
  // A refused answer is a ScaffoldError, which the one handler in main.ts reports (exit 2).
  let files = scaffoldDepartment(answers);
  for (const [file, content] of handbookPages()) files.set(file, content);
  if (values.example) {
    const sample = sampleDepartment();
    if (!sample) throw new UsageError(say('init.packageNoSampleDepartment'));
    files = withSample(files, sample);
  }
  withCodeowners(files);
  try {
    await writeNewRepository(dir, files);
  } catch (error) {
    const reason = (error as Error).message;
    throw new CommandFailure(say('init.writingFailedNothingLeft', { given, reason }), EXIT.problems, { cause: error });
  }
  if (!values.example && answers.members[0]?.github === PLACEHOLDER_LOGIN) {
    context.stderr.write(say('init.noteNoGithubLogin', { placeholderLogin: PLACEHOLDER_LOGIN }));
  }
  const relative = path.isAbsolute(given) ? given : path.relative(context.cwd, dir) || '.';
  context.stdout.write(
    say('init.createdRepositoryFilesNext', {
      relative,
      department: renderIn(context)(answers.department),
      size: files.size,
      mpflowVersion: answers.mpflowVersion,
    }),
  );
  return EXIT.clean;
});

export type InitValues = {
  department?: string;
  'department-en'?: string;
  account?: string;
  'account-en'?: string;
  head?: string;
  'head-name'?: string;
  'head-id'?: string;
  member?: string[];
  weights?: string;
  effective?: string;
  timezone?: string;
  'site-url'?: string;
  base?: string;
  repository?: string;
  locales?: string;
  accent?: string;
  name?: string;
  'mpflow-spec'?: string;
};

function answersFrom(values: InitValues, dir: string, context: CommandContext): DepartmentAnswers {
  const say = sayIn(context);
  const nonEmpty = (value: string | undefined, flag: string): string | undefined => {
    if (value === undefined) return undefined;
    const trimmed = value.trim();
    if (trimmed === '') throw new UsageError(say('init.mustNotEmpty', { flag }));
    return trimmed;
  };
  const departmentZh = nonEmpty(values.department, '--department') ?? '微信部';
  const accountZh = nonEmpty(values.account, '--account') ?? '公众号';
  const departmentEn =
    nonEmpty(values['department-en'], '--department-en') ??
    (values.department === undefined ? 'WeChat department' : departmentZh);
  const accountEn =
    nonEmpty(values['account-en'], '--account-en') ?? (values.account === undefined ? 'Official Account' : accountZh);

  const timezone = values.timezone ?? DEFAULT_TIME_ZONE;
  if (!isTimeZone(timezone)) throw new UsageError(say('init.timezoneNotTimeZone', { timezone }));
  const today = dateInTimeZone(new Date(currentInstant(context.env ?? process.env)).toISOString(), timezone);
  const effective = values.effective ?? `${today.slice(0, 7)}-01`;
  if (!isCalendarDate(effective)) throw new UsageError(say('init.effectiveNotDateYyyy', { effective }));

  const members = [
    headMember(values, say, today),
    ...(values.member ?? []).map((spec) => memberFrom(spec, say, today)),
  ];
  const ids = new Set<string>();
  for (const member of members) {
    if (ids.has(member.id)) throw new UsageError(say('init.memberIdGivenTwice', { id: member.id }));
    ids.add(member.id);
  }

  let weights: number[] | undefined;
  if (values.weights !== undefined) {
    const parts = values.weights.split(/[/,，、\s]+/).filter(Boolean);
    if (parts.some((part) => part.includes('='))) {
      // Named: performance=50,ability=25,attitude=20,professionalism=5, in any order.
      const byId = new Map(parts.map((part) => [part.split('=')[0]!.trim(), Number(part.split('=')[1])]));
      const unknown = [...byId.keys()].filter((id) => !DIMENSION_IDS.includes(id));
      if (unknown.length > 0 || byId.size !== DIMENSION_IDS.length) {
        throw new UsageError(
          say('init.weightsNameTakesAll', {
            dimensionIds: DIMENSION_IDS.join(say('listSeparator')),
            weights: values.weights,
          }),
        );
      }
      weights = DIMENSION_IDS.map((id) => byId.get(id)!);
    } else {
      weights = parts.map(Number);
    }
    if (weights.length !== 4 || weights.some((weight) => !Number.isFinite(weight))) {
      throw new UsageError(say('init.weightsTakesNumbersGot', { weights: values.weights }));
    }
  }
  const locales = (values.locales ?? 'zh-CN,en')
    .split(',')
    .map((locale) => locale.trim())
    .filter(Boolean);
  if (
    locales.length === 0 ||
    locales.some((locale) => locale !== 'zh-CN' && locale !== 'en') ||
    new Set(locales).size !== locales.length
  ) {
    throw new UsageError(say('init.localesTakesZhCn', { locales: values.locales }));
  }
  const accent = values.accent ?? '#3456b8';
  if (!/^#[0-9a-fA-F]{6}$/.test(accent)) throw new UsageError(say('init.accentTakesColourRrggbb', { accent }));
  let basePath = values.base ?? '/';
  if (!basePath.startsWith('/')) basePath = `/${basePath}`;
  if (!basePath.endsWith('/')) basePath = `${basePath}/`;
  for (const [flag, value] of [
    ['--site-url', values['site-url']],
    ['--repository', values.repository],
  ] as const) {
    if (value !== undefined && !/^https?:\/\/[^\s]+$/.test(value))
      throw new UsageError(say('init.takesFullAddressHttps', { flag, value }));
  }
  const version = packageVersion();
  const folderName = path
    .basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '');
  return {
    department: { zh: departmentZh, en: departmentEn },
    account: { zh: accountZh, en: accountEn },
    members,
    ...(weights ? { weights } : {}),
    effective,
    timezone,
    ...(values['site-url'] ? { siteUrl: values['site-url'].replace(/\/+$/, '') } : {}),
    basePath,
    ...(values.repository ? { repository: values.repository } : {}),
    locales,
    accent,
    mpflowSpec: values['mpflow-spec'] ?? `^${version}`,
    mpflowVersion: version,
    astroSpec: astroRange(),
    packageName: values.name ?? (folderName === '' ? 'wechat-department' : folderName),
  };
}

function headMember(values: InitValues, say: Say, joined: string): MemberAnswer {
  const github = values.head?.replace(/^@/, '') ?? PLACEHOLDER_LOGIN;
  if (github !== undefined && !GITHUB_LOGIN.test(github))
    throw new UsageError(say('init.headNotGithubLogin', { head: values.head }));
  const id = values['head-id'] ?? (github !== PLACEHOLDER_LOGIN ? idFromLogin(github) : 'head');
  if (!MEMBER_ID.test(id)) throw new UsageError(say('init.headIdNotMember', { id }));
  const name = (values['head-name'] ?? '主管').trim();
  if (name === '' || [...name].length > 16) throw new UsageError(say('init.headNameTakesCharacters'));
  return { id, name, ...(github ? { github } : {}), roles: ['head'], joined };
}

function memberFrom(spec: string, say: Say, joined: string): MemberAnswer {
  const [id = '', name = '', github = '', roles = ''] = spec.split(':').map((part) => part.trim());
  const problem = !MEMBER_ID.test(id)
    ? say('init.notMemberId', { id })
    : name === '' || [...name].length > 16
      ? say('init.nameTakesCharacters')
      : github !== '' && !GITHUB_LOGIN.test(github.replace(/^@/, ''))
        ? say('init.notGithubLogin', { github })
        : roles.split('+').some((role) => !ROLES.has(role))
          ? say('init.rolesJoined', { roles: [...ROLES].join(say('listSeparator')) })
          : undefined;
  if (problem) throw new UsageError(say('init.memberFormatIdName', { spec, problem }));
  return {
    id,
    name,
    ...(github ? { github: github.replace(/^@/, '') } : {}),
    roles: [...new Set(roles.split('+'))],
    joined,
  };
}

function idFromLogin(login: string): string {
  const id = login
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^[0-9-]+/, '');
  return MEMBER_ID.test(id) ? id : 'head';
}

/**
 * The questions on a terminal, one per answer no flag gave (Enter takes the default shown).
 * Node's readline, not a prompt library: init then adds no dependency to a department's install.
 */
export async function ask(
  values: InitValues,
  context: CommandContext,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
): Promise<InitValues> {
  const say = sayIn(context);
  const { createInterface } = await import('node:readline/promises');
  const answered: InitValues = { ...values };
  const terminal = createInterface({ input, output });
  // Lines through the iterator, which keeps those typed (or pasted) ahead of their question.
  const lines = terminal[Symbol.asyncIterator]();
  let cancelled = false;
  terminal.on('SIGINT', () => {
    cancelled = true;
    terminal.close();
  });
  const question = async (key: keyof InitValues, message: string, fallback: string) => {
    if (answered[key] !== undefined) return;
    output.write(`${message}${fallback === '' ? '' : ` [${fallback}]`}: `);
    const next = await lines.next();
    if (next.done) {
      cancelled = true;
      return;
    }
    const reply = String(next.value).trim();
    const value = reply === '' ? fallback : reply;
    if (value !== '') (answered as Record<string, unknown>)[key] = value;
  };
  context.stdout.write(say('init.initNewDepartmentRepository'));
  // Each question is the message init.questions.<option>; the default answers are the department's data.
  const steps: Array<[keyof InitValues, () => string]> = [
    ['department', () => '微信部'],
    ['department-en', () => answered.department ?? 'WeChat department'],
    ['account', () => '公众号'],
    ['account-en', () => answered.account ?? 'Official Account'],
    ['head-name', () => '主管'],
    ['head', () => PLACEHOLDER_LOGIN],
    ['weights', () => '60/20/15/5'],
    ['site-url', () => ''],
    ['repository', () => ''],
  ];
  for (const [key, fallback] of steps) {
    if (cancelled) break;
    await question(key, say(`init.questions.${key}`), fallback());
  }
  terminal.close();
  // ask() is also called on its own (tests drive the questions), where the message is read as it is: in the asked language.
  if (cancelled) throw new UsageError(say('init.cancelledNothingWritten'));
  return answered;
}

/**
 * `init --update`: the files mpflow manages (workflows, their actions, the PR template) rewritten
 * to this version's; a file the department added beside them is left alone.
 */
async function updateManaged(root: string, context: CommandContext): Promise<number> {
  const say = sayIn(context);
  if (!existsSync(path.join(root, 'content'))) {
    throw new UsageError(say('init.notDepartmentRepositoryNo', { root }));
  }
  const changed: string[] = [];
  const writes: Array<{ file: string; content: string }> = [];
  for (const [file, content] of managedTemplates()) {
    const target = path.join(root, ...file.split('/'));
    const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
    if (current === content) continue;
    writes.push({ file: target, content });
    changed.push(file);
  }
  // All or none: a half-updated set of workflows could run a new gate against an old publish job.
  await writeFilesAllOrNothing(writes);
  if (changed.length === 0) {
    context.stdout.write(say('init.filesManagesAlreadyThose', { packageVersion: packageVersion() }));
  } else {
    context.stdout.write(
      say('init.updated', { packageVersion: packageVersion() }) + changed.map((file) => `  ${file}\n`).join(''),
    );
  }
  return EXIT.clean;
}
