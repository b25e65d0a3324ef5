import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MessageCatalogue } from '../../src/core/i18n/catalogue.ts';
import { renderLocalized } from '../../src/core/i18n/language.ts';
import { FIXTURE_DEPARTMENT, PROJECT_ROOT } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

// A third locale is its message files plus the line in content/department.yaml that lists it: the
// fixture department has only i18n/zh-TW/cli.yaml, which translates part of the CLI; everything
// else falls back zh-TW → zh-CN → en, key by key.

const TAIPEI = path.join(PROJECT_ROOT, 'test/fixtures/department-zh-tw');
const ENGLISH = { LANG: 'en_US.UTF-8' };

describe('a department’s own locale (zh-TW) on the command line', () => {
  it('prints the help in Traditional Chinese where it is translated, in zh-CN where it is not', async () => {
    const help = await runMpflow(['check', '--help', '--lang', 'zh-TW'], { cwd: TAIPEI, env: ENGLISH });
    expect(help.exitCode).toBe(0);
    expect(help.stderr).toBe('');
    expect(help.stdout).toContain('用法：mpflow check [路徑...] [選項]');
    expect(help.stdout).toContain('檢查整個倉庫（或給出的檔案、資料夾）：資料模型、交叉引用、日期和制度權重，');
    expect(help.stdout).toContain('以及文章、標題、摘要和活動文案的合規與排版。');
    expect(help.stdout).toContain('選項：');
    expect(help.stdout).toMatch(/--changed +只檢查相對 --base 有改動的檔案（含未追蹤的檔案）/);
    expect(help.stdout).toMatch(/--base 參照 +--changed 的比较基准/);
    expect(help.stdout).toMatch(/--root 目錄 +倉庫根目錄（預設：目前目錄或其上層中有 content\/ 的那個）/);
    // Not translated for zh-TW: the shipped Simplified text, so the help is still whole.
    expect(help.stdout).toMatch(/--fix +先自动修正排版问题/);
    expect(help.stdout).toMatch(/（預設 text）/);
    expect(help.stdout).toContain('退出码：0 没有错误；1 发现错误；2 用法错误或内部错误。');
    expect(help.stdout).toMatch(/--lang zh-CN\|en\|zh-TW +訊息語言/);
    expect(help.stdout).toMatch(/-h, --help +顯示說明/);
    expect(help.stdout).not.toMatch(/\[cli\./);
  });

  it('takes the locale from MPFLOW_LANG or LANG (zh_TW.UTF-8) as well as from --lang', async () => {
    for (const env of [{ MPFLOW_LANG: 'zh-TW', LANG: 'en_US.UTF-8' }, { LANG: 'zh_TW.UTF-8' }]) {
      const help = await runMpflow(['--help'], { cwd: TAIPEI, env });
      expect(help.exitCode, JSON.stringify(env)).toBe(0);
      expect(help.stdout).toContain('mpflow —— 微信公眾號部門的 git 工作系統');
      expect(help.stdout).toMatch(/^ {2}check +檢查資料模型、引用、日期、制度權重，以及內容合規與排版$/m);
      expect(help.stdout).toMatch(/^ {2}lint +对任意 Markdown 文件做合规与排版检查/m);
      expect(help.stdout).toContain('每個命令都支援 --help。全域選項：--lang zh-CN|en|zh-TW');
    }
  });

  it('says a user error in the locale too, with the exit code it always had', async () => {
    const missing = await runMpflow(['check', 'content/articles/nope.md', '--lang', 'zh-TW'], {
      cwd: TAIPEI,
      env: ENGLISH,
    });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toBe('mpflow: 找不到「content/articles/nope.md」。\n');
    const unknown = await runMpflow(['chek'], { cwd: TAIPEI, env: { MPFLOW_LANG: 'zh-TW' } });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toBe('mpflow: 沒有「chek」這個命令。執行 mpflow --help 查看全部命令。\n');
    // A message zh-TW does not translate reads in zh-CN.
    const both = await runMpflow(['check', '--changed', 'content', '--lang', 'zh-TW'], { cwd: TAIPEI, env: ENGLISH });
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toBe('mpflow: --changed 不能和路径一起用。\n');
  });

  it('refuses a locale the department does not have, naming the ones it has (exit 2)', async () => {
    const here = await runMpflow(['check', '--lang', 'ja'], { cwd: TAIPEI, env: ENGLISH });
    expect(here.exitCode).toBe(2);
    expect(here.stdout).toBe('');
    expect(here.stderr).toBe('mpflow: --lang must be one of zh-CN, en, zh-TW (got "ja").\n');
    const chinese = await runMpflow(['check', '--lang', 'ja'], { cwd: TAIPEI, env: { LANG: 'zh_CN.UTF-8' } });
    expect(chinese.stderr).toBe('mpflow: --lang 只能是以下语言之一：zh-CN、en、zh-TW（收到“ja”）。\n');
    const elsewhere = await runMpflow(['check', '--lang', 'ja'], { cwd: FIXTURE_DEPARTMENT, env: ENGLISH });
    expect(elsewhere.stderr).toBe('mpflow: --lang must be one of zh-CN, en (got "ja").\n');
  });

  it('reads zh-TW as the shipped Chinese in a department without it, as before', async () => {
    const help = await runMpflow(['check', '--help', '--lang', 'zh-TW'], { cwd: FIXTURE_DEPARTMENT, env: ENGLISH });
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('用法：mpflow check [路径...] [选项]');
  });

  it('names the file, line and column of a department message file that is not text (exit 2, nothing run)', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'mpflow-zh-tw-'));
    mkdirSync(path.join(root, 'content'));
    mkdirSync(path.join(root, 'i18n/zh-TW'), { recursive: true });
    writeFileSync(path.join(root, 'i18n/zh-TW/cli.yaml'), 'check:\n  summary:\n    - 檢查\n');
    const run = await runMpflow(['--help'], { cwd: root, env: ENGLISH });
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^mpflow: .*i18n\/zh-TW\/cli\.yaml:3:5: message cli\.check\.summary must be text, found a list\n$/,
    );
  });
});

describe('the parsed messages kept in the user cache', () => {
  it('are read again when a message file changes, and shared by repositories with the same texts', async () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'mpflow-message-cache-'));
    const root = mkdtempSync(path.join(tmpdir(), 'mpflow-zh-tw-'));
    mkdirSync(path.join(root, 'content'));
    mkdirSync(path.join(root, 'i18n/zh-TW'), { recursive: true });
    const env = { LANG: 'zh_TW.UTF-8', MPFLOW_CACHE_DIR: cache };
    writeFileSync(path.join(root, 'i18n/zh-TW/cli.yaml'), 'main:\n  unknownCommand: 沒有「{name}」這個命令。\n');
    expect((await runMpflow(['chek'], { cwd: root, env })).stderr).toBe('mpflow: 沒有「chek」這個命令。\n');
    writeFileSync(path.join(root, 'i18n/zh-TW/cli.yaml'), 'main:\n  unknownCommand: 查無「{name}」命令。\n');
    expect((await runMpflow(['chek'], { cwd: root, env })).stderr).toBe('mpflow: 查無「chek」命令。\n');
    // Two repositories without an i18n/ folder read one cached file.
    const before = readdirSync(path.join(cache, 'messages')).length;
    for (const cwd of [
      mkdtempSync(path.join(tmpdir(), 'mpflow-plain-')),
      mkdtempSync(path.join(tmpdir(), 'mpflow-plain-')),
    ]) {
      mkdirSync(path.join(cwd, 'content'));
      expect((await runMpflow(['chek'], { cwd, env: { LANG: 'en_US.UTF-8', MPFLOW_CACHE_DIR: cache } })).exitCode).toBe(
        2,
      );
    }
    expect(readdirSync(path.join(cache, 'messages')).length).toBe(before + 1);
  });
});

describe('a core text ({zh, en}) at the edge, in any locale', () => {
  const catalogue = MessageCatalogue.load({ departmentRoot: TAIPEI });
  const message = { zh: '找不到“x.md”。', en: '"x.md" does not exist.' };

  it('is the catalogue’s message when the text names a key the locale has', () => {
    const keyed = { ...message, key: 'cli.check.doesNotExist', params: { given: 'x.md' } };
    expect(renderLocalized(keyed, catalogue.translator('zh-TW'))).toBe('找不到「x.md」。');
  });

  it('is the zh text for a Chinese locale and the en text for every other one, without a key', () => {
    expect(renderLocalized(message, catalogue.translator('zh-TW'))).toBe('找不到“x.md”。');
    expect(renderLocalized(message, catalogue.translator('zh-CN'))).toBe('找不到“x.md”。');
    expect(renderLocalized(message, catalogue.translator('ja'))).toBe('"x.md" does not exist.');
  });
});
