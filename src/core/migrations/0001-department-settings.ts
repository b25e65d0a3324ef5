import { isMap, isScalar, parseDocument, type Document, type Pair } from 'yaml';
import { text } from '../i18n/language.ts';
import { firstYamlErrorPlace, MigrationError, type Migration } from './migration.ts';

const TEAM = 'content/team.yaml';
const SETTINGS = 'content/department.yaml';

/**
 * Version 0 → 1: the department's names move from the roster into content/department.yaml.
 * Before 1, content/team.yaml carried `department` and `account` (read by nothing: the site's
 * title and the phone preview's account name were fixed in the tool); from 1, the settings file
 * holds them with their English forms, and the site, the preview and the handbook read it.
 */
export const departmentSettings: Migration = {
  id: '0001-department-settings',
  from: 0,
  to: 1,
  description: text(
    '部门名称和公众号名称从 content/team.yaml 移到新的部门设置文件 content/department.yaml（站点标题和手机预览从这里读取）。',
    'The department and account names move from content/team.yaml into the new settings file content/department.yaml (the site title and the phone preview read them there).',
  ),
  reads: [TEAM, SETTINGS],
  transform(files) {
    const changes = new Map<string, string | null>();
    const teamText = files.get(TEAM);
    let department: string | undefined;
    let account: string | undefined;
    if (teamText !== undefined) {
      const team = parseDocument(teamText, { keepSourceTokens: false });
      if (team.errors.length > 0 || !isMap(team.contents)) {
        throw new MigrationError(
          firstYamlErrorPlace(TEAM, team),
          text(
            '名册不是有效的 YAML 映射，无法迁移；先改正它（npx mpflow check 会指出位置）。',
            'The roster is not a valid YAML mapping, so it cannot be migrated; fix it first (npx mpflow check shows where).',
          ),
        );
      }
      const field = (key: string): string | undefined => {
        const value = team.get(key);
        return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
      };
      department = field('department');
      account = field('account');
      const without = withoutTopLevelKeys(teamText, team, ['department', 'account']);
      if (without !== teamText) changes.set(TEAM, without);
    }
    if (files.has(SETTINGS)) return changes; // written by hand ahead of the migration: kept, only versioned by the runner
    const names = (value: string | undefined, zh: string, en: string) =>
      value === undefined ? { zh, en } : { zh: value, en: value };
    const settings = parseDocument('');
    settings.contents = settings.createNode({
      schemaVersion: 1,
      department: names(department, '微信部', 'WeChat department'),
      account: names(account, '公众号', 'Official Account'),
    }) as typeof settings.contents;
    const header = [
      '# yaml-language-server: $schema=../node_modules/mpflow/schemas/department.schema.json',
      '# 部门设置（由 mpflow migrate 从 content/team.yaml 移来）：英文名称请按需改写。',
      '# Department settings (moved from content/team.yaml by mpflow migrate): adjust the English names as needed.',
    ].join('\n');
    changes.set(SETTINGS, `${header}\n${settings.toString({ lineWidth: 0 })}`);
    return changes;
  },
};

/**
 * The text with the lines of these top-level keys cut out, everything else (comments, spacing,
 * flow lists) exactly as it was: a migration's diff then shows only what moved.
 */
function withoutTopLevelKeys(source: string, document: Document, keys: readonly string[]): string {
  if (!isMap(document.contents)) return source;
  const cuts: Array<[number, number]> = [];
  for (const pair of document.contents.items as Pair[]) {
    if (!isScalar(pair.key) || !keys.includes(String(pair.key.value))) continue;
    const start = source.lastIndexOf('\n', (pair.key.range?.[0] ?? 0) - 1) + 1;
    const valueEnd =
      (pair.value as { range?: [number, number, number] } | null)?.range?.[1] ?? pair.key.range?.[1] ?? start;
    const lineEnd = source.indexOf('\n', Math.max(valueEnd - 1, start));
    cuts.push([start, lineEnd === -1 ? source.length : lineEnd + 1]);
  }
  let result = source;
  for (const [start, end] of cuts.sort((a, b) => b[0] - a[0])) result = result.slice(0, start) + result.slice(end);
  return result;
}
