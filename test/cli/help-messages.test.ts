import { describe, expect, it } from 'vitest';
import { type CommandSpec, commandHelp, type Option } from '../../src/cli/command.ts';
import { MessageCatalogue, SHIPPED_LOCALES } from '../../src/core/i18n/catalogue.ts';
import { FIXTURE_DEPARTMENT } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

// A command's help is its option table plus messages found by name (cli.<command>.options.<option>…):
// a new option without its text in src/i18n/<locale>/cli.yaml fails here, in both shipped languages.

const listed = await runMpflow(['--help'], { cwd: FIXTURE_DEPARTMENT });
const COMMANDS = [...listed.stdout.matchAll(/^ {2}(\S+) {2,}/gm)].map((match) => match[1]!);

async function specOf(name: string): Promise<CommandSpec<Record<string, Option<unknown>>>> {
  const module = (await import(`../../src/cli/commands/${name}.ts`)) as Record<string, unknown>;
  return Object.values(module).find(
    (value): value is CommandSpec<Record<string, Option<unknown>>> =>
      typeof value === 'object' && value !== null && 'options' in value && 'name' in value,
  )!;
}

describe('every command’s help is written in every shipped language', () => {
  const catalogue = MessageCatalogue.load();

  it('finds the commands of mpflow --help', () => {
    expect(COMMANDS.length).toBeGreaterThanOrEqual(15);
  });

  it.each(COMMANDS)('%s: usage, summary, description and every option’s text are messages', async (name) => {
    const spec = await specOf(name);
    expect(spec.name).toBe(name);
    for (const locale of SHIPPED_LOCALES) {
      const messages = catalogue.translator(locale);
      const own = (key: string) => `cli.${name}.${key}`;
      const missing = ['usage', 'summary', 'description'].map(own).filter((key) => !messages.translates(key));
      for (const [option, declared] of Object.entries(spec.options)) {
        const text = [own(`options.${option}`), `cli.options.${option}`];
        if (!text.some((key) => messages.translates(key))) missing.push(text[0]!);
        const placeholder = [own(`placeholders.${option}`), `cli.placeholders.${option}`];
        if (
          declared.kind !== 'flag' &&
          declared.placeholder === undefined &&
          !placeholder.some((key) => messages.translates(key))
        )
          missing.push(placeholder[0]!);
      }
      expect(missing, locale).toEqual([]);
      const help = commandHelp(spec, messages);
      expect(help, locale).not.toMatch(/\[cli\.|\{\w+\}/);
    }
  });

  it('words the help in the language asked for, from the same table', async () => {
    const chinese = await runMpflow(['check', '--help', '--lang', 'zh-CN'], { cwd: FIXTURE_DEPARTMENT });
    expect(chinese.stdout).toContain('用法：mpflow check [路径...] [选项]');
    expect(chinese.stdout).toMatch(/--base 引用 +--changed 的比较基准/);
    const english = await runMpflow(['check', '--help'], { cwd: FIXTURE_DEPARTMENT });
    expect(english.stdout).toContain('Usage: mpflow check [PATH...] [options]');
    expect(english.stdout).toMatch(/--base REF +what --changed compares with/);
  });
});
