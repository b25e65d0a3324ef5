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
import { defineCommand, flag, list, parseCommand, value } from '../command.ts';

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

export async function runInit(argv: string[], context: CommandContext): Promise<number> {
  const parsed = parseCommand(INIT_COMMAND, argv, context);
  if (!parsed) return EXIT.clean;
  const { values, positionals } = parsed;
  const zh = context.language === 'zh-CN';
  const say = (chinese: string, english: string) => (zh ? chinese : english);
  if (positionals.length > 1) throw new UsageError({ zh: '只能给一个目录。', en: 'Give one folder only.' });
  if (values.update) return updateManaged(path.resolve(context.cwd, positionals[0] ?? '.'), context);

  const given = positionals[0];
  if (given === undefined)
    throw new UsageError({
      zh: '缺少目录：mpflow init 目录（加 --help 查看用法）。',
      en: 'Missing the folder: mpflow init DIR (see --help).',
    });
  const dir = path.resolve(context.cwd, given);
  const state = folderState(dir);
  if (state === 'not-empty')
    throw new UsageError({
      zh: `${given} 不是空目录：mpflow init 只在新目录或空目录里创建仓库（已有的仓库用 mpflow init --update 更新工作流）。`,
      en: `${given} is not empty: mpflow init creates a repository only in a new or empty folder (for an existing one, mpflow init --update refreshes the workflows).`,
    });
  if (state === 'not-a-folder')
    throw new UsageError({ zh: `${given} 是一个文件，不是目录。`, en: `${given} is a file, not a folder.` });

  const interactive =
    !values.yes && (process.stdin as { isTTY?: boolean }).isTTY === true && context.env?.CI !== 'true';
  if (values.locale.length > 0 && values.locales === undefined) values.locales = values.locale.join(',');
  const asked = interactive ? await ask(values, context) : values;
  if (!values.yes && !interactive && (asked.department === undefined || asked.account === undefined)) {
    throw new UsageError({
      zh: '没有终端可询问：请用 --department 和 --account 给出部门和公众号名称，或加 --yes 全部用默认值。',
      en: 'There is no terminal to ask on: give --department and --account, or pass --yes to take the defaults.',
    });
  }
  const answers = answersFrom(asked, dir, context);
  // A refused answer is a ScaffoldError, which the one handler in main.ts reports (exit 2).
  let files = scaffoldDepartment(answers);
  for (const [file, content] of handbookPages()) files.set(file, content);
  if (values.example) {
    const sample = sampleDepartment();
    if (!sample)
      throw new UsageError({
        zh: '这个 mpflow 包不带示例部门（只有 mpflow 的源码仓库里有）。去掉 --example 再试。',
        en: "This mpflow package has no sample department (only a checkout of mpflow's source has it). Run again without --example.",
      });
    files = withSample(files, sample);
  }
  withCodeowners(files);
  try {
    await writeNewRepository(dir, files);
  } catch (error) {
    const reason = (error as Error).message;
    throw new CommandFailure(
      {
        zh: `写入 ${given} 失败，没有留下任何文件：${reason}`,
        en: `writing ${given} failed; nothing was left behind: ${reason}`,
      },
      EXIT.problems,
      { cause: error },
    );
  }
  if (!values.example && answers.members[0]?.github === PLACEHOLDER_LOGIN) {
    context.stderr.write(
      say(
        `注意：没有给出主管的 GitHub 用户名（--head），content/team.yaml 里暂时写的是 ${PLACEHOLDER_LOGIN}；改成真实用户名后运行 npx mpflow codeowners --write。\n`,
        `Note: no GitHub login for the head (--head); content/team.yaml says ${PLACEHOLDER_LOGIN} for now. Write the real login there, then run npx mpflow codeowners --write.\n`,
      ),
    );
  }
  const relative = path.isAbsolute(given) ? given : path.relative(context.cwd, dir) || '.';
  context.stdout.write(
    say(
      `已在 ${relative} 创建 ${answers.department.zh} 的仓库（${files.size} 个文件，mpflow ${answers.mpflowVersion}）。\n接下来：\n  cd ${relative}\n  git init && npm install\n  npx mpflow check\n  npm run dev\n然后按 README.md 在 GitHub 上设置分支保护。\n`,
      `Created the repository of ${answers.department.en} in ${relative} (${files.size} files, mpflow ${answers.mpflowVersion}).\nNext:\n  cd ${relative}\n  git init && npm install\n  npx mpflow check\n  npm run dev\nThen set up branch protection on GitHub as README.md says.\n`,
    ),
  );
  return EXIT.clean;
}

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
  const zh = context.language === 'zh-CN';
  const say = (chinese: string, english: string) => (zh ? chinese : english);
  const nonEmpty = (value: string | undefined, flag: string): string | undefined => {
    if (value === undefined) return undefined;
    const trimmed = value.trim();
    if (trimmed === '') throw new UsageError({ zh: `${flag} 不能为空。`, en: `${flag} must not be empty.` });
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
  if (!isTimeZone(timezone))
    throw new UsageError({
      zh: `--timezone ${timezone} 不是有效的时区名（如 Asia/Shanghai）。`,
      en: `--timezone ${timezone} is not a time zone name (e.g. Asia/Shanghai).`,
    });
  const today = dateInTimeZone(new Date(currentInstant(context.env ?? process.env)).toISOString(), timezone);
  const effective = values.effective ?? `${today.slice(0, 7)}-01`;
  if (!isCalendarDate(effective))
    throw new UsageError({
      zh: `--effective ${effective} 不是有效日期（YYYY-MM-DD）。`,
      en: `--effective ${effective} is not a date (YYYY-MM-DD).`,
    });

  const members = [
    headMember(values, say, today),
    ...(values.member ?? []).map((spec) => memberFrom(spec, say, today)),
  ];
  const ids = new Set<string>();
  for (const member of members) {
    if (ids.has(member.id))
      throw new UsageError({ zh: `成员编号 ${member.id} 重复了。`, en: `The member id ${member.id} is given twice.` });
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
        throw new UsageError({
          zh: `--weights 按名称写时要给全 ${DIMENSION_IDS.join('、')} 四项（收到“${values.weights}”）。`,
          en: `--weights by name takes all of ${DIMENSION_IDS.join(', ')} (got "${values.weights}").`,
        });
      }
      weights = DIMENSION_IDS.map((id) => byId.get(id)!);
    } else {
      weights = parts.map(Number);
    }
    if (weights.length !== 4 || weights.some((weight) => !Number.isFinite(weight))) {
      throw new UsageError({
        zh: `--weights 要写 4 个数，如 50/25/20/5（收到“${values.weights}”）。`,
        en: `--weights takes 4 numbers, e.g. 50/25/20/5 (got "${values.weights}").`,
      });
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
    throw new UsageError({
      zh: `--locales 只能是 zh-CN 和 en（收到“${values.locales}”）。`,
      en: `--locales takes zh-CN and en only (got "${values.locales}").`,
    });
  }
  const accent = values.accent ?? '#3456b8';
  if (!/^#[0-9a-fA-F]{6}$/.test(accent))
    throw new UsageError({
      zh: `--accent 要写 #rrggbb 形式的颜色（收到“${accent}”）。`,
      en: `--accent takes a colour as #rrggbb (got "${accent}").`,
    });
  let basePath = values.base ?? '/';
  if (!basePath.startsWith('/')) basePath = `/${basePath}`;
  if (!basePath.endsWith('/')) basePath = `${basePath}/`;
  for (const [flag, value] of [
    ['--site-url', values['site-url']],
    ['--repository', values.repository],
  ] as const) {
    if (value !== undefined && !/^https?:\/\/[^\s]+$/.test(value))
      throw new UsageError({
        zh: `${flag} 要写完整网址（https://…，收到“${value}”）。`,
        en: `${flag} takes a full address (https://…; got "${value}").`,
      });
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

type Say = (chinese: string, english: string) => string;

function headMember(values: InitValues, say: Say, joined: string): MemberAnswer {
  const github = values.head?.replace(/^@/, '') ?? PLACEHOLDER_LOGIN;
  if (github !== undefined && !GITHUB_LOGIN.test(github))
    throw new UsageError({
      zh: `--head ${values.head} 不是有效的 GitHub 用户名。`,
      en: `--head ${values.head} is not a GitHub login.`,
    });
  const id = values['head-id'] ?? (github !== PLACEHOLDER_LOGIN ? idFromLogin(github) : 'head');
  if (!MEMBER_ID.test(id))
    throw new UsageError({
      zh: `--head-id ${id} 不是有效的成员编号（小写字母和数字，用连字符分隔，如 zhou-min）。`,
      en: `--head-id ${id} is not a member id (lowercase letters and digits joined by hyphens, e.g. zhou-min).`,
    });
  const name = (values['head-name'] ?? '主管').trim();
  if (name === '' || [...name].length > 16)
    throw new UsageError({ zh: '--head-name 要写 1 到 16 个字符。', en: '--head-name takes 1 to 16 characters.' });
  return { id, name, ...(github ? { github } : {}), roles: ['head'], joined };
}

function memberFrom(spec: string, say: Say, joined: string): MemberAnswer {
  const [id = '', name = '', github = '', roles = ''] = spec.split(':').map((part) => part.trim());
  const problem = !MEMBER_ID.test(id)
    ? say(`编号“${id}”不是有效的成员编号`, `"${id}" is not a member id`)
    : name === '' || [...name].length > 16
      ? say('姓名要写 1 到 16 个字符', 'the name takes 1 to 16 characters')
      : github !== '' && !GITHUB_LOGIN.test(github.replace(/^@/, ''))
        ? say(`“${github}”不是有效的 GitHub 用户名`, `"${github}" is not a GitHub login`)
        : roles.split('+').some((role) => !ROLES.has(role))
          ? say(`角色只能是 ${[...ROLES].join('、')}，用 + 连接`, `roles are ${[...ROLES].join(', ')}, joined by +`)
          : undefined;
  if (problem)
    throw new UsageError({
      zh: `--member ${spec}：${problem}（格式：编号:姓名:GitHub:角色+角色）。`,
      en: `--member ${spec}: ${problem} (format ID:NAME:LOGIN:ROLE+ROLE).`,
    });
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
  const { createInterface } = await import('node:readline/promises');
  const zh = context.language === 'zh-CN';
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
  context.stdout.write(
    zh
      ? 'mpflow init：新建微信部仓库（直接回车用方括号里的默认值）\n'
      : 'mpflow init: a new department repository (Enter takes the default in brackets)\n',
  );
  const steps: Array<[keyof InitValues, string, string, () => string]> = [
    ['department', '部门名称', 'Department name (Chinese)', () => '微信部'],
    ['department-en', '部门英文名称', 'Department name (English)', () => answered.department ?? 'WeChat department'],
    ['account', '公众号名称', 'Official Account name (Chinese)', () => '公众号'],
    ['account-en', '公众号英文名称', 'Official Account name (English)', () => answered.account ?? 'Official Account'],
    ['head-name', '主管姓名', "The head's name", () => '主管'],
    ['head', '主管的 GitHub 用户名', "The head's GitHub login", () => PLACEHOLDER_LOGIN],
    [
      'weights',
      '工作业绩/能力/态度/职业素养权重',
      'Weights of performance/ability/attitude/professionalism',
      () => '60/20/15/5',
    ],
    ['site-url', '站点地址（可留空）', "The site's address (may be left empty)", () => ''],
    ['repository', '仓库网址（可留空）', "The repository's address (may be left empty)", () => ''],
  ];
  for (const [key, chinese, english, fallback] of steps) {
    if (cancelled) break;
    await question(key, zh ? chinese : english, fallback());
  }
  terminal.close();
  // ask() is also called on its own (tests drive the questions), where the message is read as it is: in the asked language.
  if (cancelled) throw new UsageError(zh ? '已取消，没有写入任何文件。' : 'Cancelled; nothing was written.');
  return answered;
}

/**
 * `init --update`: the files mpflow manages (workflows, their actions, the PR template) rewritten
 * to this version's; a file the department added beside them is left alone.
 */
async function updateManaged(root: string, context: CommandContext): Promise<number> {
  const zh = context.language === 'zh-CN';
  if (!existsSync(path.join(root, 'content'))) {
    throw new UsageError({
      zh: `${root} 不是微信部的仓库（没有 content/ 文件夹）。`,
      en: `${root} is not a department repository (it has no content/ folder).`,
    });
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
    context.stdout.write(
      zh
        ? `✓ 由 mpflow 管理的文件已是 ${packageVersion()} 版。\n`
        : `✓ The files mpflow manages are already those of ${packageVersion()}.\n`,
    );
  } else {
    context.stdout.write(
      (zh ? `已更新到 mpflow ${packageVersion()}：\n` : `Updated to mpflow ${packageVersion()}:\n`) +
        changed.map((file) => `  ${file}\n`).join(''),
    );
  }
  return EXIT.clean;
}
