import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkRepository } from '../../src/core/check/check-repository.ts';
import { FixtureRepository, MINIMAL_CAMPAIGN, positionOf } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

const CAMPAIGN = 'content/campaigns/C-2026-01.yaml';
const ENTRIES = 'content/campaigns/C-2026-01/entries.csv';
const DRAW = 'content/campaigns/C-2026-01/draw.yaml';

const CAMPAIGN_WITH_DRAW = MINIMAL_CAMPAIGN.replace(
  'articles:',
  `draw:
  seed: "中秋-2026-闽岚"
  seedDeclaredAt: 2026-09-26T20:30:00+08:00
  minCorrect: 5
results:
  participants: 14
  winners: ["待***定"]
articles:`,
);

const ENTRIES_CSV = `id,nickname,enteredAt,correct
w1a2b3c4d,山***风,2026-09-26T20:31:05+08:00,5
w2b3c4d5e,林***鹿,2026-09-26T20:35:40+08:00,5
w3c4d5e6f,一***茶,2026-09-26T21:02:11+08:00,4
w3c4d5e6f,一***茶,2026-09-26T21:10:00+08:00,5
w4d5e6f70,阿***呀,2026-09-27T08:15:00+08:00,5
w5e6f7081,半***月,2026-09-28T12:00:00+08:00,5
w6f708192,小**檬,2026-09-29T19:45:30+08:00,5
w708192a3,茉***香,2026-10-01T10:00:00+08:00,5
w8192a3b4,白***舟,2026-10-02T22:22:22+08:00,3
w92a3b4c5,青***禾,2026-10-03T07:07:07+08:00,5
wa3b4c5d6,南***安,2026-10-05T23:00:00+08:00,5
wb4c5d6e7,桂***子,2026-10-06T23:58:59+08:00,5
wc5d6e7f8,夜***猫,2026-10-07T00:00:12+08:00,5
wd6e7f809,W***n,2026-10-04T16:20:00+08:00,5
`;

let repository: FixtureRepository;
const run = (...args: string[]) => runMpflow(args, { cwd: repository.root });

beforeEach(async () => {
  repository = await FixtureRepository.create();
  await repository.write(CAMPAIGN, CAMPAIGN_WITH_DRAW);
  await repository.write(ENTRIES, ENTRIES_CSV);
});
afterEach(async () => {
  await repository.dispose();
});

describe('mpflow draw', () => {
  it('draws the same winners every time and says how to re-run it', async () => {
    const first = await run('draw', 'C-2026-01', '--format', 'json');
    expect(first.exitCode, first.stderr).toBe(0);
    const result = JSON.parse(first.stdout);
    expect(result.seed).toBe('中秋-2026-闽岚');
    expect(result.entries).toMatchObject({ file: ENTRIES, rows: 14, inPeriod: 13, participants: 12, eligible: 10 });
    expect(result.entries.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.excluded).toEqual({ outsidePeriod: [14], repeated: [5], belowMinCorrect: [4, 10] });
    expect(result.winners).toHaveLength(3);
    expect(result.winners.map((winner: { nickname: string }) => winner.nickname)).not.toContain('夜***猫');
    const again = await run('draw', 'C-2026-01', '--format', 'json');
    expect(JSON.parse(again.stdout).winners).toEqual(result.winners);

    const text = await run('draw', 'C-2026-01', '--lang', 'zh-CN');
    expect(text.stdout).toContain('中签名单：');
    expect(text.stdout).toContain(result.entries.sha256);
    for (const winner of result.winners) expect(text.stdout).toContain(winner.nickname);
    expect(text.stdout).toContain('复算：npx mpflow draw C-2026-01');
  });

  it('a trial with another seed or entries file is labelled and cannot be written', async () => {
    const trial = await run('draw', 'C-2026-01', '--seed', '另一个种子');
    expect(trial.exitCode).toBe(0);
    expect(trial.stdout).toContain('a --seed trial, not the declared seed');
    const refused = await run('draw', 'C-2026-01', '--seed', 'x', '--write');
    expect(refused.exitCode).toBe(2);
  });

  it('--write records the draw and the results; check re-runs it and catches tampering', async () => {
    const written = await run(
      'draw',
      'C-2026-01',
      '--write',
      '--drawn-at',
      '2026-10-08T15:00:00+08:00',
      '--format',
      'json',
    );
    expect(written.exitCode, written.stderr).toBe(0);
    const result = JSON.parse(written.stdout);
    expect(result.written).toEqual([DRAW, CAMPAIGN]);
    const record = await repository.read(DRAW);
    expect(record).toContain('algorithm: mpflow-draw/1');
    expect(record).toContain(`sha256: ${result.entries.sha256}`);
    expect(record).toContain('drawnAt: 2026-10-08T15:00:00+08:00');
    const campaign = await repository.read(CAMPAIGN);
    expect(campaign).toContain(
      `  winners: [${result.winners.map((winner: { nickname: string }) => `"${winner.nickname}"`).join(', ')}]`,
    );
    expect(campaign).toContain('  drawSeed: "中秋-2026-闽岚"');
    // Nothing else in the hand-written campaign file moved.
    expect(campaign.replace(/ {2}winners: .*\n {2}drawSeed: .*\n/, '  winners: ["待***定"]\n')).toBe(
      CAMPAIGN_WITH_DRAW,
    );

    const clean = await checkRepository(repository.root);
    expect(clean.problems.filter((problem) => problem.severity === 'error')).toEqual([]);

    // A second --write is refused: a redraw must be a recorded decision.
    const twice = await run('draw', 'C-2026-01', '--write');
    expect(twice.exitCode).toBe(1);
    expect(twice.stderr).toContain('already exists and matches this re-run');

    // Dropping one eligible entry after the draw changes the digest and the pool.
    await repository.write(ENTRIES, ENTRIES_CSV.replace('w92a3b4c5,青***禾,2026-10-03T07:07:07+08:00,5\n', ''));
    const tampered = await checkRepository(repository.root);
    const mismatches = tampered.problems.filter((problem) => problem.ruleId === 'draw/mismatch');
    expect(mismatches.map((problem) => problem.field)).toContain('entries.sha256');
    const at = positionOf(record, 'sha256:');
    expect(mismatches.find((problem) => problem.field === 'entries.sha256')!.span.start.line).toBe(at.line);
    const cli = await run('check');
    expect(cli.exitCode).toBe(1);
    expect(cli.stdout + cli.stderr).toContain(`${DRAW}:${at.line}:`);
    // A pull request that touches only the entries is checked in path mode: it still fails, on the entries file.
    const pathMode = await checkRepository(repository.root, { paths: [ENTRIES] });
    expect(
      pathMode.problems.filter((problem) => problem.ruleId === 'draw/mismatch').map((problem) => problem.file),
    ).toEqual([ENTRIES]);
  });

  it('warns when winners are announced for a declared draw that was never recorded', async () => {
    const { problems } = await checkRepository(repository.root);
    const unrecorded = problems.find((problem) => problem.ruleId === 'draw/unrecorded');
    expect(unrecorded?.severity).toBe('warning');
    expect(unrecorded?.span.start.line).toBe(positionOf(CAMPAIGN_WITH_DRAW, 'winners:').line);
    await run('draw', 'C-2026-01', '--write', '--drawn-at', '2026-10-08T15:00:00+08:00');
    const after = await checkRepository(repository.root);
    expect(after.problems.some((problem) => problem.ruleId === 'draw/unrecorded')).toBe(false);
  });

  it('entries in a folder that names no campaign are reported', async () => {
    await repository.write('content/campaigns/C-2026-07/entries.csv', ENTRIES_CSV);
    const { problems } = await checkRepository(repository.root);
    expect(problems.find((problem) => problem.file === 'content/campaigns/C-2026-07/entries.csv')?.ruleId).toBe(
      'ref/unknown-campaign',
    );
  });

  it('check fails when a recorded winner is edited by hand, pointing at the winner', async () => {
    await run('draw', 'C-2026-01', '--write', '--drawn-at', '2026-10-08T15:00:00+08:00');
    const record = await repository.read(DRAW);
    const winnerLine = record.split('\n').findIndex((line) => line.startsWith('  - {')) + 1;
    const firstNickname = /nickname: "([^"]+)"/.exec(record)![1]!;
    await repository.write(DRAW, record.replace(`nickname: "${firstNickname}"`, 'nickname: "老***板"'));
    const { problems } = await checkRepository(repository.root);
    const mismatch = problems.find((problem) => problem.ruleId === 'draw/mismatch');
    expect(mismatch?.span.start.line).toBe(winnerLine);
    expect(mismatch?.message.zh).toContain('老***板');
    expect(problems.some((problem) => problem.ruleId === 'draw/results')).toBe(true);
  });

  it('without --drawn-at, records the time of the draw on the department’s clock', async () => {
    // "Now" is injected: 15:00:00 UTC is 23:00 in Beijing, still 8 October there.
    const written = await runMpflow(['draw', 'C-2026-01', '--write'], {
      cwd: repository.root,
      env: { LANG: 'en_US.UTF-8', MPFLOW_NOW: '2026-10-08T15:00:00Z' },
    });
    expect(written.exitCode, written.stderr).toBe(0);
    const drawnAt = /drawnAt: (\S+)/.exec(await repository.read(DRAW))![1]!;
    expect(drawnAt).toBe('2026-10-08T23:00:00+08:00');
  });

  it('refuses to record a draw before entries close', async () => {
    const early = await run('draw', 'C-2026-01', '--write', '--drawn-at', '2026-10-06T12:00:00+08:00');
    expect(early.exitCode).toBe(1);
    expect(early.stderr).toContain('cannot be recorded before');
  });

  it('a seed announced after entries closed fails check', async () => {
    await repository.write(
      CAMPAIGN,
      CAMPAIGN_WITH_DRAW.replace(
        'seedDeclaredAt: 2026-09-26T20:30:00+08:00',
        'seedDeclaredAt: 2026-10-08T09:00:00+08:00',
      ),
    );
    const { problems } = await checkRepository(repository.root);
    const late = problems.find((problem) => problem.ruleId === 'draw/seed');
    expect(late?.file).toBe(CAMPAIGN);
    expect(late?.span.start).toEqual(positionOf(await repository.read(CAMPAIGN), '2026-10-08T09:00:00+08:00'));
  });
});

describe('bad entries files', () => {
  const cases: Array<{ name: string; from: string; to: string; rule: string; needle: string }> = [
    {
      name: 'a phone number as nickname',
      from: '林***鹿',
      to: '138 1234 5678',
      rule: 'privacy/phone-number',
      needle: '138 1234 5678',
    },
    {
      name: 'a half-masked phone number',
      from: '阿***呀',
      to: '139****5678',
      rule: 'privacy/phone-number',
      needle: '139****5678',
    },
    {
      name: 'a phone number as id',
      from: 'w5e6f7081',
      to: '8613912345678',
      rule: 'privacy/phone-number',
      needle: '8613912345678',
    },
    {
      name: 'a nickname shown almost whole',
      from: '小**檬',
      to: '小柠檬不*酸啊',
      rule: 'privacy/unmasked-nickname',
      needle: '小柠檬不*酸啊',
    },
    { name: 'an unmasked nickname', from: '茉***香', to: '茉莉花香', rule: 'schema/pattern', needle: '茉莉花香' },
    {
      name: 'a date that does not exist',
      from: '2026-09-29T19:45:30+08:00',
      to: '2026-09-31T19:45:30+08:00',
      rule: 'date/invalid',
      needle: '2026-09-31T19:45:30+08:00',
    },
    {
      name: 'a time without offset',
      from: '2026-10-01T10:00:00+08:00',
      to: '2026-10-01T10:00:00',
      rule: 'date/missing-offset',
      needle: '2026-10-01T10:00:00,',
    },
  ];
  for (const testCase of cases) {
    it(`${testCase.name}: ${testCase.rule} at file:line:column, and nothing is drawn`, async () => {
      const broken = ENTRIES_CSV.replace(testCase.from, testCase.to);
      await repository.write(ENTRIES, broken);
      const at = positionOf(broken, testCase.needle);
      const { problems } = await checkRepository(repository.root);
      const found = problems.find((problem) => problem.file === ENTRIES && problem.ruleId === testCase.rule);
      expect(found, JSON.stringify(problems.map((problem) => [problem.ruleId, problem.span.start]))).toBeDefined();
      expect(found!.span.start).toEqual(at);
      const cli = await run('draw', 'C-2026-01');
      expect(cli.exitCode).toBe(1);
      expect(cli.stdout).toBe('');
      expect(cli.stderr).toContain(`${ENTRIES}:${at.line}:${at.column}`);
      expect(cli.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('a wrong header and a ragged row are pointed at', async () => {
    await repository.write(ENTRIES, ENTRIES_CSV.replace('id,nickname,enteredAt,correct', 'id,phone,enteredAt,correct'));
    const header = await run('draw', 'C-2026-01');
    expect(header.exitCode).toBe(1);
    expect(header.stderr).toContain(`${ENTRIES}:1:4`);
    await repository.write(
      ENTRIES,
      ENTRIES_CSV.replace('w6f708192,小**檬,2026-09-29T19:45:30+08:00,5', 'w6f708192,小**檬,2026-09-29T19:45:30+08:00'),
    );
    const ragged = await run('draw', 'C-2026-01');
    expect(ragged.exitCode).toBe(1);
    expect(ragged.stderr).toContain(`${ENTRIES}:8:1`);
  });

  it('an entries file given with --entries is read with the same rules', async () => {
    await repository.write('trial/entries.csv', ENTRIES_CSV.replace('南***安', '13912345678'));
    const result = await run('draw', 'C-2026-01', '--entries', 'trial/entries.csv');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('trial/entries.csv:12:11');
  });

  it('usage errors exit 2 without a stack trace', async () => {
    for (const args of [
      ['draw'],
      ['draw', 'C-26-1'],
      ['draw', 'C-2026-01', '--format', 'xml'],
      ['draw', 'C-2026-01', '--drawn-at', '2026-10-08'],
    ]) {
      const result = await run(...args);
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    const missing = await run('draw', 'C-2026-09');
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('There is no campaign C-2026-09');
  });
});

describe('the sample department', () => {
  it('re-running the mid-autumn quiz draw gives the winners its results post announced', async () => {
    const { FIXTURE_DEPARTMENT } = await import('../helpers/fixture-repository.ts');
    const { readFile } = await import('node:fs/promises');
    const result = await runMpflow(['draw', 'C-2026-01', '--format', 'json'], { cwd: FIXTURE_DEPARTMENT });
    expect(result.exitCode, result.stderr).toBe(0);
    const outcome = JSON.parse(result.stdout);
    const campaign = await readFile(`${FIXTURE_DEPARTMENT}/content/campaigns/C-2026-01.yaml`, 'utf8');
    const announced = /winners: \[(.*)\]/
      .exec(campaign)![1]!
      .split(', ')
      .map((name) => JSON.parse(name));
    expect(outcome.winners.map((winner: { nickname: string }) => winner.nickname)).toEqual(announced);
    expect(outcome.entries).toMatchObject({ participants: 987, eligible: 617 });
    const record = await readFile(`${FIXTURE_DEPARTMENT}/${DRAW}`, 'utf8');
    expect(record).toContain(`sha256: ${outcome.entries.sha256}`);
  });
});
