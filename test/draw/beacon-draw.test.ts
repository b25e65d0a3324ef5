/**
 * Issue 20: a draw nobody can steer. The campaign names a future drand round before entries
 * close, the entries' digest is committed at the close, the seed is the round's randomness and
 * `mpflow check` verifies the signature offline and the order of those commits in git.
 *
 * The beacon is real: drand quicknet round 1000 (2023-08-23T15:59:24Z), signature
 * b44679b9…5e39, randomness fe290bec…4fdd, as published by drand's relays
 * (https://api.drand.sh/52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971/public/1000,
 * also quoted in public test suites such as jacobkahn's lwdmillions tests); it verifies against
 * quicknet's public key built into mpflow, which no test could forge. Round 42's signature is
 * real too (drand's quicknet documentation), and stands for "a genuine beacon, but not the
 * announced one".
 */
import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkRepository } from '../../src/core/check/check-repository.ts';
import { beaconProblem, fetchBeacon, firstRoundAfter, QUICKNET, roundTime } from '../../src/core/campaigns/beacon.ts';
import type { Problem } from '../../src/core/diagnostics/problem.ts';
import { FixtureRepository, MINIMAL_CAMPAIGN } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

const git = promisify(execFile);
const ROUND_1000 = {
  round: 1000,
  randomness: 'fe290beca10872ef2fb164d2aa4442de4566183ec51c56ff3cd603d930e54fdd',
  signature: 'b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39',
};
const ROUND_42 = {
  round: 42,
  randomness: '8ada64bae5c6c0f5540a6a13af56e663240edfbd2c76ac6a8f27671eb7259ce3',
  signature: '95a9f9f5b231b7714de1553105d8ffdf3dcda24cfdb1e689319bccf79a9c8ce430a91b811fbfaf763900bc998b5d686a',
};

const CAMPAIGN = 'content/campaigns/C-2026-01.yaml';
const ENTRIES = 'content/campaigns/C-2026-01/entries.csv';
const DRAW = 'content/campaigns/C-2026-01/draw.yaml';

// Entries close 2023-08-23 23:50 Beijing time (15:50Z), nine minutes before round 1000.
const campaignText = (round: number) =>
  MINIMAL_CAMPAIGN.replace(
    '  start: 2026-09-26T20:30:00+08:00\n  end: 2026-10-06T23:59:00+08:00',
    '  start: 2023-08-20T20:30:00+08:00\n  end: 2023-08-23T23:50:00+08:00',
  ).replace(
    'articles:',
    `draw:\n  beacon: { source: drand, chain: ${QUICKNET.hash}, round: ${round} }\n  minCorrect: 5\narticles:`,
  );

const ENTRIES_CSV = `id,nickname,enteredAt,correct
w1a2b3c4d,山***风,2023-08-21T20:31:05+08:00,5
w2b3c4d5e,林***鹿,2023-08-21T20:35:40+08:00,5
w3c4d5e6f,一***茶,2023-08-22T21:02:11+08:00,4
w4d5e6f70,阿***呀,2023-08-22T08:15:00+08:00,5
w5e6f7081,半***月,2023-08-23T12:00:00+08:00,5
w6f708192,小**檬,2023-08-23T19:45:30+08:00,5
w708192a3,茉***香,2023-08-23T22:00:00+08:00,5
`;

let repository: FixtureRepository;
const run = (...args: string[]) => runMpflow(args, { cwd: repository.root });

async function commitAt(message: string, isoInstant: string): Promise<void> {
  const env = {
    ...process.env,
    GIT_AUTHOR_DATE: isoInstant,
    GIT_COMMITTER_DATE: isoInstant,
    GIT_AUTHOR_NAME: 'Chen Yu',
    GIT_AUTHOR_EMAIL: 'chenyu@example.com',
    GIT_COMMITTER_NAME: 'Chen Yu',
    GIT_COMMITTER_EMAIL: 'chenyu@example.com',
  };
  await git('git', ['add', '-A'], { cwd: repository.root, env });
  await git('git', ['commit', '-q', '--no-gpg-sign', '-m', message], { cwd: repository.root, env });
}

async function beaconFile(body: object): Promise<string> {
  await repository.write('beacon.json', JSON.stringify(body));
  return 'beacon.json';
}

const drawProblems = (problems: Problem[]) =>
  problems
    .filter((problem) => problem.ruleId.startsWith('draw/'))
    .map((problem) => `${problem.file} ${problem.ruleId} ${problem.message.en}`);

/** Announce (before the close), close (before the round), draw (after it): the honest order. */
async function honestDraw(options: { closeAt?: string; announceAt?: string } = {}): Promise<void> {
  await repository.write(CAMPAIGN, campaignText(1000));
  await repository.write(ENTRIES, ENTRIES_CSV);
  await commitAt('Campaign: the draw takes drand quicknet round 1000', options.announceAt ?? '2023-08-20T12:00:00Z');
  const close = await run('draw', 'C-2026-01', '--close', '--closed-at', '2023-08-23T23:52:00+08:00');
  expect(close.exitCode, close.stderr).toBe(0);
  await commitAt('Close the entries', options.closeAt ?? '2023-08-23T15:53:00Z');
  const draw = await run(
    'draw',
    'C-2026-01',
    '--write',
    '--beacon',
    await beaconFile(ROUND_1000),
    '--drawn-at',
    '2023-08-24T00:05:00+08:00',
  );
  expect(draw.exitCode, draw.stderr).toBe(0);
  await repository.remove('beacon.json');
  await commitAt('Draw', '2023-08-23T16:06:00Z');
}

beforeEach(async () => {
  repository = await FixtureRepository.create();
  await git('git', ['init', '-q', '-b', 'main'], { cwd: repository.root });
});
afterEach(async () => {
  await repository.dispose();
});

describe('a draw seeded by a drand beacon', () => {
  it('verifies the real quicknet round offline and rejects a forged or borrowed one', () => {
    expect(beaconProblem({ chain: QUICKNET.hash, ...ROUND_1000 })).toBeUndefined();
    expect(beaconProblem({ chain: QUICKNET.hash, ...ROUND_42 })).toBeUndefined();
    expect(beaconProblem({ chain: QUICKNET.hash, ...ROUND_42, round: 1000 })?.en).toBe(
      "This is not drand quicknet's signature for round 1000: it fails verification with the chain's public key.",
    );
    expect(beaconProblem({ chain: QUICKNET.hash, ...ROUND_1000, randomness: ROUND_42.randomness })?.en).toMatch(
      /is not the SHA-256 of the signature/,
    );
    expect(new Date(roundTime(QUICKNET, 1000)).toISOString()).toBe('2023-08-23T15:59:24.000Z');
    expect(firstRoundAfter(QUICKNET, Date.parse('2023-08-23T15:59:24Z'))).toBe(1001);
    expect(firstRoundAfter(QUICKNET, Date.parse('2023-08-23T15:59:23Z'))).toBe(1000);
  });

  it('records the round and its randomness as the seed, and check re-runs and verifies it', async () => {
    await honestDraw();
    const record = await repository.read(DRAW);
    expect(record).toContain(`seed: "${ROUND_1000.randomness}"`);
    expect(record).toContain(`  round: 1000\n  signature: ${ROUND_1000.signature}\n`);
    expect(await repository.read(CAMPAIGN)).toMatch(
      /entries:\n {4}sha256: [0-9a-f]{64}\n {4}closedAt: 2023-08-23T23:52:00\+08:00/,
    );
    const { problems } = await checkRepository(repository.root);
    expect(drawProblems(problems)).toEqual([]);
  });

  it('fails check when the entries changed after the close, even with the close digest and the draw redone to match', async () => {
    await honestDraw();
    // Someone who sees round 1000's randomness adds an entry, re-closes and redraws for a chosen winner.
    await repository.write(ENTRIES, `${ENTRIES_CSV}w8192a3b4,白***舟,2023-08-23T23:00:00+08:00,5\n`);
    const campaign = await repository.read(CAMPAIGN);
    await repository.write(CAMPAIGN, campaign.replace(/\n {2}entries:\n.*\n.*\n/, '\n'));
    await repository.remove(DRAW);
    expect((await run('draw', 'C-2026-01', '--close', '--closed-at', '2023-08-23T23:58:00+08:00')).exitCode).toBe(0);
    expect(
      (
        await run(
          'draw',
          'C-2026-01',
          '--write',
          '--beacon',
          await beaconFile(ROUND_1000),
          '--drawn-at',
          '2023-08-24T00:30:00+08:00',
        )
      ).exitCode,
    ).toBe(0);
    await repository.remove('beacon.json');
    await commitAt('Redraw', '2023-08-23T16:30:00Z');
    const { problems } = await checkRepository(repository.root);
    expect(drawProblems(problems)).toEqual([
      expect.stringMatching(
        /^content\/campaigns\/C-2026-01\.yaml draw\/order The entries' digest was committed only at 2023-08-23T16:30:00\.000Z \([0-9a-f]{12}\), not before beacon round 1000 \(2023-08-23T15:59:24\.000Z\)\.$/,
      ),
    ]);
  });

  it('fails check when the entries file changes after it was closed and drawn', async () => {
    await honestDraw();
    await repository.write(ENTRIES, ENTRIES_CSV.replace('w708192a3,茉***香', 'w708192a3,茉***花'));
    const { problems } = await checkRepository(repository.root);
    const found = drawProblems(problems);
    expect(found).toContain(
      `${ENTRIES} draw/mismatch These entries were drawn already (${DRAW}) and have changed since: the digest or the counts differ from the record. Drawn entries must not change.`,
    );
  });

  it('refuses to draw entries that are not the closed ones', async () => {
    await honestDraw();
    await repository.remove(DRAW);
    await repository.write(ENTRIES, `${ENTRIES_CSV}w8192a3b4,白***舟,2023-08-23T23:00:00+08:00,5\n`);
    const draw = await run(
      'draw',
      'C-2026-01',
      '--write',
      '--beacon',
      await beaconFile(ROUND_1000),
      '--drawn-at',
      '2023-08-24T00:30:00+08:00',
    );
    expect(draw.exitCode).toBe(1);
    expect(draw.stderr).toMatch(
      /^The entries \([0-9a-f]{12}…\) are not those committed at the close \([0-9a-f]{12}…\); nothing was drawn\.\n$/,
    );
  });

  it('fails check when the seed is not from the announced round: another real round, a made-up seed, a forged signature', async () => {
    await honestDraw();
    const honest = await repository.read(DRAW);
    const variants: Array<[string, RegExp]> = [
      [
        honest
          .replace('  round: 1000', '  round: 42')
          .replace(ROUND_1000.signature, ROUND_42.signature)
          .replace(ROUND_1000.randomness, ROUND_42.randomness)
          .replace(ROUND_1000.randomness, ROUND_42.randomness),
        /draw\/beacon The draw used round 42; the campaign announced round 1000\./,
      ],
      [
        honest.replace(`seed: "${ROUND_1000.randomness}"`, 'seed: "lucky-seven"'),
        /draw\/beacon The seed "lucky-seven" is not round 1000's randomness/,
      ],
      [
        honest
          .replace(ROUND_1000.signature, ROUND_42.signature)
          .replace(ROUND_1000.randomness, ROUND_42.randomness)
          .replace(ROUND_1000.randomness, ROUND_42.randomness),
        /draw\/beacon This is not drand quicknet's signature for round 1000/,
      ],
    ];
    for (const [text, expected] of variants) {
      await repository.write(DRAW, text);
      const { problems } = await checkRepository(repository.root);
      expect(drawProblems(problems).join('\n')).toMatch(expected);
    }
  });

  it('fails check when the round was announced only after entries closed, or is a round already out at the close', async () => {
    await honestDraw({ announceAt: '2023-08-23T15:55:00Z', closeAt: '2023-08-23T15:56:00Z' });
    const late = await checkRepository(repository.root);
    expect(drawProblems(late.problems)).toEqual([
      expect.stringMatching(
        /C-2026-01\.yaml draw\/order Beacon round 1000 was committed only at 2023-08-23T15:55:00\.000Z .*after entries closed at 2023-08-23T23:50:00\+08:00\./,
      ),
    ]);

    await repository.write(CAMPAIGN, (await repository.read(CAMPAIGN)).replace('round: 1000', 'round: 42'));
    const early = await checkRepository(repository.root);
    expect(drawProblems(early.problems).join('\n')).toMatch(
      /draw\/beacon drand quicknet round 42 came out at 2023-08-23T15:11:30\.000Z, not after entries closed/,
    );
  });

  it('fetches the round from a drand relay over HTTP and trusts nothing it says without the signature', async () => {
    const answers = new Map<string, { status: number; body: unknown }>([
      [`/${QUICKNET.hash}/public/1000`, { status: 200, body: ROUND_1000 }],
      [`/${QUICKNET.hash}/public/1001`, { status: 425, body: { error: 'round not yet available' } }],
      [`/${QUICKNET.hash}/public/1002`, { status: 200, body: { ...ROUND_42, round: 1002 } }],
    ]);
    const requests: string[] = [];
    const server = http.createServer((request, response) => {
      requests.push(request.url ?? '');
      const answer = answers.get(request.url ?? '') ?? { status: 404, body: {} };
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const relay = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      expect(await fetchBeacon(relay, QUICKNET.hash, 1000)).toEqual({ chain: QUICKNET.hash, ...ROUND_1000 });
      await expect(fetchBeacon(relay, QUICKNET.hash, 1001)).rejects.toThrow('drand round 1001 does not exist yet');
      await expect(fetchBeacon(relay, QUICKNET.hash, 1002)).rejects.toThrow(
        "This is not drand quicknet's signature for round 1002",
      );
      expect(requests).toEqual([
        `/${QUICKNET.hash}/public/1000`,
        `/${QUICKNET.hash}/public/1001`,
        `/${QUICKNET.hash}/public/1002`,
      ]);

      // The CLI takes the relay from MPFLOW_DRAND_URL.
      await repository.write(CAMPAIGN, campaignText(1000));
      await repository.write(ENTRIES, ENTRIES_CSV);
      await commitAt('Campaign', '2023-08-20T12:00:00Z');
      expect((await run('draw', 'C-2026-01', '--close', '--closed-at', '2023-08-23T23:52:00+08:00')).exitCode).toBe(0);
      const draw = await runMpflow(['draw', 'C-2026-01', '--write', '--drawn-at', '2023-08-24T00:05:00+08:00'], {
        cwd: repository.root,
        env: { LANG: 'en_US.UTF-8', MPFLOW_DRAND_URL: relay },
      });
      expect(draw.exitCode, draw.stderr).toBe(0);
      expect(await repository.read(DRAW)).toContain(`seed: "${ROUND_1000.randomness}"`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
