import { departmentClock } from '../policy/department-clock.ts';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { DEPARTMENT_SETTINGS_PATH, loadDepartmentSettings } from '../department/settings.ts';
import { PLACEHOLDER_LOGIN } from '../department-scaffold/scaffold.ts';
import { packageRoot } from '../department-scaffold/package-root.ts';
import { managedTemplates } from '../department-scaffold/templates.ts';
import { text, type LocalizedText } from '../i18n/language.ts';
import { MigrationError } from '../migrations/migration.ts';
import { planMigrations, tooNewMessage } from '../migrations/run-migrations.ts';
import { PLACEHOLDER_OPEN } from '../templates/placeholders.ts';
import {
  compareCodeowners,
  generateCodeowners,
  readCodeownersSources,
  readCommittedCodeowners,
  CODEOWNERS_PATH,
} from '../team/codeowners.ts';

export type FindingKind =
  | 'migration/pending'
  | 'migration/too-new'
  | 'migration/unreadable'
  | 'settings/missing'
  | 'settings/invalid'
  | 'template/missing'
  | 'template/drifted'
  | 'policy/none'
  | 'policy/not-in-force'
  | 'placeholder/left'
  | 'roster/placeholder-login'
  | 'codeowners/out-of-date';

/** Something the department should fix, with where (when it is in one file) and how. */
export interface Finding {
  kind: FindingKind;
  file?: string;
  line?: number;
  column?: number;
  message: LocalizedText;
  fix: LocalizedText;
}

export interface Diagnosis {
  /** Things to fix: the exit code is 1 when there is any. */
  findings: Finding[];
  /** Worth knowing, nothing to fix (a policy version that takes effect later). */
  notes: LocalizedText[];
  schemaVersion: number;
  latestSchemaVersion: number;
  today: string;
}

const TEXT_FILE = /\.(md|mdx|ya?ml)$/i;
/** Folders scanned for placeholders: what `mpflow new` writes into. Metrics are imported, never templated. */
const PLACEHOLDER_FOLDERS = ['content', 'appraisals'];
const SKIPPED = new Set(['metrics', 'node_modules', '.git']);

/**
 * What `mpflow doctor` reports: pending schema migrations, the department settings, managed
 * workflow files that differ from this version's templates, a day with no policy in force,
 * 【待填写：…】 left by `mpflow new`, the roster's stand-in login and a stale CODEOWNERS. Reads
 * only; `now` is the instant "today" is taken from (the injected clock).
 */
export async function diagnose(root: string, now: number): Promise<Diagnosis> {
  const findings: Finding[] = [];
  const notes: LocalizedText[] = [];

  let schemaVersion = 0;
  let latestSchemaVersion = 0;
  try {
    const plan = await planMigrations(root);
    schemaVersion = plan.version;
    latestSchemaVersion = plan.latest;
    if (plan.version > plan.latest) {
      findings.push({
        kind: 'migration/too-new',
        file: DEPARTMENT_SETTINGS_PATH,
        message: tooNewMessage(plan.version, plan.latest),
        fix: text('升级 mpflow：npm install mpflow@latest。', 'Upgrade mpflow: npm install mpflow@latest.'),
      });
    }
    for (const step of plan.steps) {
      findings.push({
        kind: 'migration/pending',
        message: text(
          `待做的数据格式迁移 ${step.id}（第 ${step.from} 版 → 第 ${step.to} 版）：${step.description.zh}`,
          `Pending data-format migration ${step.id} (version ${step.from} → ${step.to}): ${step.description.en}`,
        ),
        fix: text(
          '运行 npx mpflow migrate（先用 --dry-run 查看改动）。',
          'Run npx mpflow migrate (see the changes first with --dry-run).',
        ),
      });
    }
  } catch (error) {
    if (!(error instanceof MigrationError)) throw error;
    findings.push({
      kind: 'migration/unreadable',
      ...location(error.file),
      message: error.localized,
      fix: text('改正这个文件，然后再运行 mpflow doctor。', 'Fix this file, then run mpflow doctor again.'),
    });
  }

  const settings = loadDepartmentSettings(root);
  if (!settings.settings.present) {
    findings.push({
      kind: 'settings/missing',
      file: DEPARTMENT_SETTINGS_PATH,
      message: text(
        '没有部门设置文件：站点标题、公众号名称和配色都是中性的默认值。',
        'There is no department settings file: the site title, the account name and the colours are neutral defaults.',
      ),
      fix: text(
        '运行 npx mpflow migrate 生成它（或照 mpflow init 的样子手写），再填上部门的名称。',
        "Run npx mpflow migrate to create it (or write it as mpflow init does) and fill in the department's names.",
      ),
    });
  } else {
    const first = settings.problems.find((problem) => problem.severity === 'error');
    if (first) {
      findings.push({
        kind: 'settings/invalid',
        file: first.file,
        line: first.span.start.line,
        column: first.span.start.column,
        message: first.message,
        fix: text(
          '改正部门设置（npx mpflow check 列出全部问题）。',
          'Fix the department settings (npx mpflow check lists every problem).',
        ),
      });
    }
  }

  // mpflow's own repository is where the templates come from (its ci.yml also runs the tool's tests).
  const managed = path.resolve(root) === path.resolve(packageRoot()) ? new Map<string, string>() : managedTemplates();
  const missing = [...managed.keys()].filter((file) => !existsSync(path.join(root, ...file.split('/'))));
  if (missing.length > 1 && missing.length === managed.size) {
    // A repository from before init (a fork of the sample, say): one finding, not one per file.
    findings.push({
      kind: 'template/missing',
      file: '.github/',
      message: text(
        `没有 mpflow 管理的 ${missing.length} 个工作流和模板文件（${missing.join('、')}）。`,
        `None of the ${missing.length} workflow and template files mpflow manages is there (${missing.join(', ')}).`,
      ),
      fix: text(
        '运行 npx mpflow init --update 写入它们；原来自己的工作流看过后删掉重复的。',
        'Run npx mpflow init --update to write them; then remove any older copies of your own that do the same.',
      ),
    });
  }
  for (const [file, expected] of managed) {
    const absolute = path.join(root, ...file.split('/'));
    if (!existsSync(absolute)) {
      if (missing.length !== managed.size || missing.length === 1)
        findings.push({
          kind: 'template/missing',
          file,
          message: text(`缺少由 mpflow 管理的文件 ${file}。`, `The file ${file}, which mpflow manages, is missing.`),
          fix: text('运行 npx mpflow init --update 写入它。', 'Run npx mpflow init --update to write it.'),
        });
      continue;
    }
    const actual = readFileSync(absolute, 'utf8').replace(/\r\n?/g, '\n');
    if (actual !== expected) {
      const line = firstDifferentLine(actual, expected);
      findings.push({
        kind: 'template/drifted',
        file,
        line,
        message: text(
          `${file} 与这个版本的 mpflow 模板不同（从第 ${line} 行起）：改动会在升级时丢失，旧版本的工作流也可能缺少修复。`,
          `${file} differs from this mpflow version's template (from line ${line}): local edits are lost on upgrade, and an old workflow may lack fixes.`,
        ),
        fix: text(
          '运行 npx mpflow init --update 改回模板；部门自己的步骤放在另一个工作流文件里。',
          "Run npx mpflow init --update to restore the template; put the department's own steps in a workflow file of its own.",
        ),
      });
    }
  }

  const policies = readPolicyDates(root);
  if (policies.length === 0) {
    findings.push({
      kind: 'policy/none',
      file: 'content/policy/',
      message: text(
        '没有任何制度版本：审核规则、考核权重和合规设置都无从读取。',
        'There is no policy version: review rules, appraisal weights and compliance settings have nowhere to come from.',
      ),
      fix: text(
        '用 npx mpflow init 生成的标准制度，或从别的部门仓库复制一份 content/policy/YYYY-MM-DD.yaml。',
        'Start from the standard policy mpflow init writes, or copy a content/policy/YYYY-MM-DD.yaml.',
      ),
    });
  }
  const { today } = departmentClock(policies, now);
  if (policies.length > 0) {
    const inForce = policies.filter((policy) => policy.effective <= today).at(-1);
    const upcoming = policies.filter((policy) => policy.effective > today);
    if (!inForce) {
      const next = upcoming[0]!;
      findings.push({
        kind: 'policy/not-in-force',
        file: next.file,
        message: text(
          `今天（${today}）没有生效的制度：最早的版本 ${next.file} 从 ${next.effective} 起生效。在那之前无法按制度计算考核。`,
          `No policy version is in force today (${today}): the earliest, ${next.file}, takes effect on ${next.effective}. Until then nothing can be scored by the policy.`,
        ),
        fix: text(
          `如果制度应当已经生效，把 effective 改成 ${today} 或更早（需主管审批）；否则等到 ${next.effective}。`,
          `If the policy should already apply, set effective to ${today} or earlier (head approval); otherwise wait for ${next.effective}.`,
        ),
      });
    } else {
      for (const policy of upcoming)
        notes.push(
          text(
            `制度版本 ${policy.file} 将于 ${policy.effective} 生效（今天生效的是 ${inForce.file}）。`,
            `Policy version ${policy.file} takes effect on ${policy.effective} (${inForce.file} is in force today).`,
          ),
        );
    }
  }

  for (const folder of PLACEHOLDER_FOLDERS) {
    for (const file of textFiles(root, folder)) {
      const lines = readFileSync(path.join(root, ...file.split('/')), 'utf8').split('\n');
      lines.forEach((content, index) => {
        const at = content.indexOf(PLACEHOLDER_OPEN);
        if (at === -1) return;
        const end = content.indexOf('】', at);
        const placeholder = content.slice(at, end === -1 ? content.length : end + 1);
        findings.push({
          kind: 'placeholder/left',
          file,
          line: index + 1,
          column: at + 1,
          message: text(`还有待填写的内容：${placeholder}`, `A placeholder is still there: ${placeholder}`),
          fix: text(
            '换成真实内容（mpflow publish 不会发布带占位符的文章）。',
            'Replace it with the real text (mpflow publish refuses an article that has one).',
          ),
        });
      });
    }
  }

  const teamPath = 'content/team.yaml';
  const teamAbsolute = path.join(root, teamPath);
  if (existsSync(teamAbsolute)) {
    readFileSync(teamAbsolute, 'utf8')
      .split('\n')
      .forEach((content, index) => {
        const at = content.indexOf(PLACEHOLDER_LOGIN);
        if (at === -1) return;
        findings.push({
          kind: 'roster/placeholder-login',
          file: teamPath,
          line: index + 1,
          column: at + 1,
          message: text(
            `名册里还是 mpflow init 写的临时 GitHub 用户名 ${PLACEHOLDER_LOGIN}：审核门认不出这位成员。`,
            `The roster still has the stand-in GitHub login ${PLACEHOLDER_LOGIN} that mpflow init wrote: the review gate cannot recognise this member.`,
          ),
          fix: text(
            '改成真实的 GitHub 用户名，再运行 npx mpflow codeowners --write。',
            'Write the real GitHub login, then run npx mpflow codeowners --write.',
          ),
        });
      });
  }

  const sources = await readCodeownersSources(root);
  if (sources.ok) {
    const expected = generateCodeowners(sources.sources).text;
    const committed = await readCommittedCodeowners(root);
    if (!compareCodeowners(expected, committed).upToDate) {
      findings.push({
        kind: 'codeowners/out-of-date',
        file: CODEOWNERS_PATH,
        message:
          committed === undefined
            ? text(
                `没有 ${CODEOWNERS_PATH}：PR 不会自动请求审核人。`,
                `There is no ${CODEOWNERS_PATH}: pull requests ask nobody to review.`,
              )
            : text(
                `${CODEOWNERS_PATH} 与名册和审核规则不一致。`,
                `${CODEOWNERS_PATH} does not match the roster and the review rules.`,
              ),
        fix: text('运行 npx mpflow codeowners --write 并提交。', 'Run npx mpflow codeowners --write and commit it.'),
      });
    }
  }

  return { findings, notes, schemaVersion, latestSchemaVersion, today };
}

function location(file: string): Pick<Finding, 'file' | 'line' | 'column'> {
  const match = /^(.*?):(\d+):(\d+)$/.exec(file);
  return match ? { file: match[1]!, line: Number(match[2]), column: Number(match[3]) } : { file };
}

function firstDifferentLine(actual: string, expected: string): number {
  const a = actual.split('\n');
  const b = expected.split('\n');
  let index = 0;
  while (index < a.length && index < b.length && a[index] === b[index]) index += 1;
  return index + 1;
}

interface PolicyDate {
  file: string;
  effective: string;
  timezone?: string;
}

/** Each policy version's effective date (from the file, else its name), oldest first; unreadable ones are check's business. */
function readPolicyDates(root: string): PolicyDate[] {
  const folder = path.join(root, 'content', 'policy');
  if (!existsSync(folder)) return [];
  const dates: PolicyDate[] = [];
  for (const name of readdirSync(folder).filter((entry) => /\.ya?ml$/.test(entry))) {
    const file = `content/policy/${name}`;
    let effective = name.replace(/\.ya?ml$/, '');
    let timezone: string | undefined;
    try {
      const data = parseDocument(readFileSync(path.join(folder, name), 'utf8')).toJS() as {
        effective?: unknown;
        timezone?: unknown;
      } | null;
      if (typeof data?.effective === 'string') effective = data.effective;
      if (typeof data?.timezone === 'string') timezone = data.timezone;
    } catch {
      // A broken policy file is mpflow check's to report; its name still gives the date.
    }
    if (/^\d{4}-\d{2}-\d{2}$/.test(effective)) dates.push({ file, effective, ...(timezone ? { timezone } : {}) });
  }
  return dates.sort((a, b) => a.effective.localeCompare(b.effective));
}

function textFiles(root: string, folder: string): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    const absolute = path.join(root, ...relative.split('/'));
    if (!existsSync(absolute) || !statSync(absolute).isDirectory()) return;
    for (const entry of readdirSync(absolute, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (SKIPPED.has(entry.name)) continue;
      const inner = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(inner);
      else if (entry.isFile() && TEXT_FILE.test(entry.name)) found.push(inner);
    }
  };
  walk(folder);
  return found;
}
