import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ARTICLE_DIRECTORY, FixtureRepository } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

/** What `mpflow new` leaves for a person to write is never published (issue 19, item 4). */
describe('placeholders', () => {
  let repository: FixtureRepository;
  beforeEach(async () => {
    repository = await FixtureRepository.create();
  });
  afterEach(async () => {
    await repository.dispose();
  });

  it('publish holds back an article that still has the template digest and names the rule', async () => {
    const file = `${ARTICLE_DIRECTORY}/index.md`;
    const text = await repository.read(file);
    await repository.write(
      file,
      text.replace('digest: 用能尝到、闻到的东西解释岩韵。', 'digest: 【待填写：一两句话的摘要，最多 128 个字】'),
    );
    const run = await runMpflow(['publish', '--due', '--dry-run', '--now', '2026-09-02T20:35', '--format', 'json'], {
      cwd: repository.root,
    });
    const report = JSON.parse(run.stdout) as {
      ok: boolean;
      entries: Array<{
        article: string;
        outcome: string;
        problems?: Array<{ ruleId: string; line?: number; span?: { start: { line: number } } }>;
      }>;
    };
    expect(report.entries.map((entry) => [entry.article, entry.outcome])).toEqual([
      ['2026-09-02-yancha-yanyun', 'blocked'],
    ]);
    expect(JSON.stringify(report.entries[0]!.problems)).toContain('template/placeholder');
  });

  it("a placeholder left in a campaign's rules is an error at its line; a real text is not", async () => {
    const file = 'content/campaigns/C-2026-01.yaml';
    const text = await repository.read(file);
    await repository.write(
      file,
      text.replace('  1. 在文章留言区写下答案即可参与，无需关注或转发。', '  【待填写：活动规则全文】'),
    );
    const check = await runMpflow(['check', 'content/campaigns', '--format', 'json'], { cwd: repository.root });
    const problems = (JSON.parse(check.stdout) as { problems: Array<{ ruleId: string; line: number }> }).problems;
    expect(
      problems.filter((problem) => problem.ruleId === 'template/placeholder').map((problem) => problem.line),
    ).toEqual([text.split('\n').findIndex((line) => line.startsWith('rules:')) + 1]);
    await repository.write(file, text);
    expect((await runMpflow(['check', 'content/campaigns'], { cwd: repository.root })).exitCode).toBe(0);
  });
});
