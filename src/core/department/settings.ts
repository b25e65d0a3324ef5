import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Locale, SHIPPED_LOCALES } from '../i18n/catalogue.ts';
import { text, type LocalizedText } from '../i18n/language.ts';
import type { Problem } from '../diagnostics/problem.ts';
import { makeProblem } from '../diagnostics/make-problem.ts';
import type { DepartmentSettingsFile } from '../model/types.generated.ts';
import { validateRecord, type Locator } from '../model/validate-record.ts';
import { readTextFileNow } from '../source/read-text-file.ts';
import { locateInYaml, parseYamlSource } from '../source/yaml-source.ts';

export const DEPARTMENT_SETTINGS_PATH = 'content/department.yaml';

/**
 * The version of the department repository's data format that this mpflow writes and reads.
 * `mpflow migrate` brings an older repository up to it; a repository without a settings file is
 * version 0 (its names, if any, are still in content/team.yaml).
 */
export const DEPARTMENT_SCHEMA_VERSION = 1;

/**
 * A site language: a BCP 47 tag with messages, mpflow's own (zh-CN, en) or the department's
 * i18n/<tag>/ (src/core/i18n/catalogue.ts). `checkLocaleMessages` refuses one without.
 */
export type SiteLocale = Locale;

/** Everything the tool knows of a department that is not its records: names, brand, site, support categories. */
export interface DepartmentSettings {
  /** Whether content/department.yaml exists; without it every field below is a neutral default. */
  present: boolean;
  schemaVersion: number;
  department: LocalizedText;
  account: LocalizedText;
  /** Site path of the department's logo (under public/), when it has one. */
  logo?: string;
  /** Site path of the icon; mpflow's neutral one by default. */
  favicon: string;
  theme: {
    /** Light-mode accent, a hex colour. */
    accent: string;
    /** Dark-mode accent; undefined means "lightened from the light one". */
    accentDark?: string;
  };
  site: {
    url?: string;
    /** Always starts and ends with "/". */
    base: string;
  };
  repository?: string;
  /** The site's languages; the first is the default (served at the root). */
  locales: SiteLocale[];
  support: {
    categories: string[];
  };
  /** Left to the renderer: an open object it reads its own settings from. */
  render: Record<string, unknown>;
}

/**
 * What a repository without settings gets. Nothing here names or suggests a department: the site
 * then says "Official Account" where the account's name goes, in a plain blue.
 */
export const DEFAULT_SETTINGS: Readonly<DepartmentSettings> = Object.freeze({
  present: false,
  schemaVersion: 0,
  department: { zh: '微信部', en: 'WeChat department' },
  account: { zh: '公众号', en: 'Official Account' },
  favicon: '/favicon.svg',
  theme: { accent: '#3456b8' },
  site: { base: '/' },
  locales: ['zh-CN', 'en'] as SiteLocale[],
  // The categories the support schema allowed before they became settings, so a repository of schema version 0 stays valid.
  support: { categories: ['咨询', '订单', '物流', '投诉', '活动', '其他'] },
  render: {},
});

/** Settings that cannot be used: the problems, each with its file:line:column. */
export class DepartmentSettingsError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    const first = problems[0];
    const where = first
      ? `${first.file}:${first.span.start.line}:${first.span.start.column}`
      : DEPARTMENT_SETTINGS_PATH;
    super(`${where}: ${first?.message.en ?? 'the department settings cannot be read.'}`);
    this.name = 'DepartmentSettingsError';
    this.problems = problems;
  }
}

export interface LoadedDepartmentSettings {
  settings: DepartmentSettings;
  /** Problems of the file (schema, YAML syntax); empty when it is fine or absent. */
  problems: Problem[];
  /** Where fields are in the file, for checks that point into it; undefined without a file. */
  locate?: Locator;
}

/**
 * The department's settings from content/department.yaml under `root`, with defaults for what it
 * leaves out. Synchronous, so astro.config.mjs can call it at the top level.
 * Throws DepartmentSettingsError (a plain message with file:line:column) when the file is invalid.
 */
export function readDepartmentSettings(root: string): DepartmentSettings {
  const loaded = loadDepartmentSettings(root);
  const errors = loaded.problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) throw new DepartmentSettingsError(errors);
  return loaded.settings;
}

/** The same without throwing: the settings (defaults where the file is unusable) and the file's problems. */
export function loadDepartmentSettings(root: string): LoadedDepartmentSettings {
  const absolute = path.join(root, DEPARTMENT_SETTINGS_PATH);
  if (!existsSync(absolute)) return { settings: settingsFromFile(undefined, legacyNames(root)), problems: [] };
  const read = readTextFileNow(absolute, DEPARTMENT_SETTINGS_PATH);
  if (!read.ok) return { settings: settingsFromFile(undefined, legacyNames(root)), problems: [read.problem] };
  const parsed = parseYamlSource(read.text, DEPARTMENT_SETTINGS_PATH);
  if (!parsed.ok) return { settings: settingsFromFile(undefined), problems: parsed.problems };
  const { source } = parsed;
  const locate: Locator = (segments, at) => locateInYaml(source, segments, at);
  const problems = validateRecord('department', source.data, DEPARTMENT_SETTINGS_PATH, locate);
  problems.push(...checkDepartmentSettings(source.data as DepartmentSettingsFile, locate));
  problems.push(...checkLocaleMessages(source.data as DepartmentSettingsFile, root, locate));
  const usable = problems.length === 0 && source.data !== null && typeof source.data === 'object';
  return { settings: settingsFromFile(usable ? (source.data as DepartmentSettingsFile) : undefined), problems, locate };
}

/** The settings a validated file gives, with defaults for what it leaves out (or for no file at all). */
export function settingsFromFile(
  file: DepartmentSettingsFile | undefined,
  fallbackNames: Partial<Pick<DepartmentSettings, 'department' | 'account'>> = {},
): DepartmentSettings {
  const defaults = DEFAULT_SETTINGS;
  if (!file) {
    return {
      ...structuredClone({ ...defaults }),
      ...(fallbackNames.department ? { department: fallbackNames.department } : {}),
      ...(fallbackNames.account ? { account: fallbackNames.account } : {}),
    };
  }
  const settings: DepartmentSettings = {
    present: true,
    schemaVersion: file.schemaVersion,
    department: { ...file.department },
    account: { ...file.account },
    favicon: file.favicon ?? defaults.favicon,
    theme: {
      accent: file.theme?.accent ?? defaults.theme.accent,
      ...(file.theme?.accentDark ? { accentDark: file.theme.accentDark } : {}),
    },
    site: { base: file.site?.base ?? '/', ...(file.site?.url ? { url: file.site.url } : {}) },
    locales: file.locales ? [...file.locales] : [...defaults.locales],
    support: { categories: file.support?.categories ? [...file.support.categories] : [...defaults.support.categories] },
    render: { ...(file.render ?? {}) },
  };
  if (file.logo) settings.logo = file.logo;
  if (file.repository) settings.repository = file.repository;
  return settings;
}

/** Rules the schema cannot say. */
export function checkDepartmentSettings(file: DepartmentSettingsFile | undefined, locate: Locator): Problem[] {
  const problems: Problem[] = [];
  if (!file || typeof file !== 'object') return problems;
  const categories = file.support?.categories;
  if (Array.isArray(categories) && !categories.includes(IMPORTED_CATEGORY)) {
    problems.push(
      makeProblem(
        DEPARTMENT_SETTINGS_PATH,
        'department/support-categories',
        text(
          `客服类别中缺少“${IMPORTED_CATEGORY}”：从微信客服导入的会话先记为“${IMPORTED_CATEGORY}”。`,
          `The support categories must include "${IMPORTED_CATEGORY}": conversations imported from WeChat customer service get it first.`,
        ),
        locate(['support', 'categories']),
        'support.categories',
      ),
    );
  }
  if (typeof file.schemaVersion === 'number' && file.schemaVersion > DEPARTMENT_SCHEMA_VERSION) {
    problems.push(
      makeProblem(
        DEPARTMENT_SETTINGS_PATH,
        'department/newer-version',
        text(
          `schemaVersion 是 ${file.schemaVersion}，比这个 mpflow 认识的版本（${DEPARTMENT_SCHEMA_VERSION}）新：请升级 mpflow。`,
          `schemaVersion is ${file.schemaVersion}, newer than this mpflow knows (${DEPARTMENT_SCHEMA_VERSION}): upgrade mpflow.`,
        ),
        locate(['schemaVersion']),
        'schemaVersion',
      ),
    );
  }
  return problems;
}

/**
 * Every listed language needs words: mpflow ships zh-CN and en, any other is the department's
 * i18n/<language>/ folder. Without it the site would show another language's words under its name.
 */
export function checkLocaleMessages(
  file: DepartmentSettingsFile | undefined,
  root: string,
  locate: Locator,
): Problem[] {
  const locales = file && typeof file === 'object' && Array.isArray(file.locales) ? file.locales : [];
  return locales.flatMap((locale, index) => {
    if (typeof locale !== 'string' || SHIPPED_LOCALES.includes(locale)) return [];
    if (existsSync(path.join(root, 'i18n', locale))) return [];
    return [
      makeProblem(
        DEPARTMENT_SETTINGS_PATH,
        'department/locale-without-messages',
        text(
          `站点语言 ${locale} 没有消息文件：mpflow 自带 ${SHIPPED_LOCALES.join('、')}，其他语言要写在 i18n/${locale}/ 下。`,
          `The site language ${locale} has no messages: mpflow ships ${SHIPPED_LOCALES.join(', ')}; another language's files go in i18n/${locale}/.`,
        ),
        locate(['locales', index]),
        'locales',
      ),
    ];
  });
}

/** The category `mpflow metrics import --from wechat-support` gives every conversation (the records say nothing of the subject). */
export const IMPORTED_CATEGORY = '其他';

/** The warning `mpflow check` gives a repository without settings. */
export function missingSettingsProblem(): Problem {
  return makeProblem(
    DEPARTMENT_SETTINGS_PATH,
    'department/missing',
    text(
      '没有部门设置 content/department.yaml：站点标题、公众号名称和配色用的是中性的默认值。',
      'There are no department settings at content/department.yaml: the site title, the account name and the colours are neutral defaults.',
    ),
  );
}

/**
 * Before settings existed, content/team.yaml had `department` and `account` (Chinese only). They
 * still name the site of a repository not yet migrated, in both languages.
 */
function legacyNames(root: string): Partial<Pick<DepartmentSettings, 'department' | 'account'>> {
  const read = readTextFileNow(path.join(root, 'content/team.yaml'), 'content/team.yaml');
  if (!read.ok) return {};
  const parsed = parseYamlSource(read.text, 'content/team.yaml');
  if (!parsed.ok) return {};
  const data = parsed.source.data as { department?: unknown; account?: unknown } | null;
  const names: Partial<Pick<DepartmentSettings, 'department' | 'account'>> = {};
  if (typeof data?.department === 'string' && data.department.trim() !== '')
    names.department = { zh: data.department, en: data.department };
  if (typeof data?.account === 'string' && data.account.trim() !== '')
    names.account = { zh: data.account, en: data.account };
  return names;
}
