/**
 * Issue 20: a peer's rating of a member, the supervisor's rating and every interview note are
 * readable only by those the policy allows. The sample department is sealed to its members'
 * SAMPLE keys (sample-keys/, labelled, fictional); other cases generate fresh identities here.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_DEPARTMENT } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';
import { sampleIdentity } from '../helpers/unseal-sample.ts';
import { generateIdentity, openSealed, sealText } from '../../src/core/source/seal.ts';
import { inputPlace, readersOf } from '../../src/core/appraisal-privacy/readers.ts';
import { sealInputs, SealRefused } from '../../src/core/appraisal-privacy/seal-files.ts';
import { loadRepository } from '../../src/core/repository/load-repository.ts';
import { runSeal } from '../../src/cli/commands/seal.ts';

const MEMBERS = ['zhou-min', 'chen-yu', 'lin-xiao', 'wang-jia', 'huang-shan', 'zheng-hao', 'liu-fang'] as const;
const SUPERVISOR: Record<string, string> = {
  'chen-yu': 'zhou-min',
  'lin-xiao': 'zhou-min',
  'wang-jia': 'zhou-min',
  'huang-shan': 'zhou-min',
  'zheng-hao': 'chen-yu',
};

async function sealedSampleFiles(): Promise<string[]> {
  const files = await readdir(path.join(FIXTURE_DEPARTMENT, 'appraisals'), { recursive: true });
  return files
    .map((file) => `appraisals/${file.split(path.sep).join('/')}`)
    .filter((file) => file.endsWith('.yaml.age'))
    .sort();
}

/** Runs with exactly this identity file (or none), as a member's shell or CI would. */
const savedIdentity = process.env.MPFLOW_AGE_IDENTITY_FILE;
function actAs(identityFile: string | undefined): void {
  if (identityFile === undefined) delete process.env.MPFLOW_AGE_IDENTITY_FILE;
  else process.env.MPFLOW_AGE_IDENTITY_FILE = identityFile;
}
afterEach(() => actAs(savedIdentity));
const keyFile = (member: string) => path.join(FIXTURE_DEPARTMENT, 'sample-keys', `SAMPLE-${member}.agekey`);

describe('the sample department, sealed', () => {
  it('commits no rating or interview in plain text', async () => {
    const files = await readdir(path.join(FIXTURE_DEPARTMENT, 'appraisals'), { recursive: true });
    const plain = files
      .map((file) => file.split(path.sep).join('/'))
      .filter((file) => /\/(self|supervisor|peer-[^/]+|interview)\.ya?ml$/.test(file));
    expect(plain).toEqual([]);
    expect((await sealedSampleFiles()).length).toBeGreaterThanOrEqual(50);
    // No comment or interview sentence is left readable in the sealed text.
    const sealed = await readFile(
      path.join(FIXTURE_DEPARTMENT, 'appraisals/2026-10/lin-xiao/interview.yaml.age'),
      'utf8',
    );
    expect(sealed.startsWith('-----BEGIN AGE ENCRYPTED FILE-----\n')).toBe(true);
    expect(sealed).not.toMatch(/王佳|summary|ratings/);
  });

  it("a member's key cannot open a peer's or the supervisor's rating of them, nor any interview note they did not hold; HR's opens every file", async () => {
    const files = await sealedSampleFiles();
    const hr = await sampleIdentity('liu-fang');
    const team = (await loadTeam()).data;
    for (const member of MEMBERS) {
      const identity = await sampleIdentity(member);
      for (const file of files) {
        const place = inputPlace(file)!;
        const armored = await readFile(path.join(FIXTURE_DEPARTMENT, file), 'utf8');
        const opened = await openSealed(armored, [identity]);
        const aboutThem = place.member === member;
        if (
          member !== 'liu-fang' &&
          aboutThem &&
          (place.input === 'peer' || place.input === 'supervisor' || place.input === 'interview')
        ) {
          expect(opened.state, `${member} opened ${file}`).toBe('locked');
        }
        if (place.input === 'interview' && member !== 'liu-fang' && SUPERVISOR[place.member] !== member) {
          expect(opened.state, `${member} opened ${file}`).toBe('locked');
        }
        // Exactly the readers the policy names can open it.
        const allowed = readersOf(place, team);
        expect(opened.state === 'opened', `${member} on ${file}`).toBe(allowed.includes(member));
      }
    }
    for (const file of files) {
      const opened = await openSealed(await readFile(path.join(FIXTURE_DEPARTMENT, file), 'utf8'), [hr]);
      expect(opened.state, file).toBe('opened');
    }
  });

  it("a member's clone loads their own self-assessment and the ratings they wrote, and none of the ratings of them by others", async () => {
    const { repository, problems } = await loadRepository(FIXTURE_DEPARTMENT, {
      identities: [await sampleIdentity('lin-xiao')],
    });
    expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    const aboutLinXiao = repository.ratings.filter((record) => record.data.member === 'lin-xiao');
    expect(aboutLinXiao.map((record) => record.data.role)).toEqual(['self', 'self']);
    expect(repository.ratings.every((record) => record.data.rater === 'lin-xiao')).toBe(true);
    expect(repository.interviews).toEqual([]);
    expect(repository.sealed!.filter((file) => !file.opened).length).toBeGreaterThan(40);
  });

  it("a calibration's reason is sealed in place: HR, the head and the member's supervisor read it, the member and the others cannot; the points stay readable for scoring", async () => {
    const { parse } = await import('yaml');
    const calibrations = parse(
      await readFile(path.join(FIXTURE_DEPARTMENT, 'appraisals/2026-10/calibrations.yaml'), 'utf8'),
    ) as { entries: Array<{ member: string; points: number; reason: string }> };
    const [entry] = calibrations.entries;
    expect(entry).toMatchObject({ member: 'zheng-hao', points: 1 });
    expect(entry!.reason.startsWith('-----BEGIN AGE ENCRYPTED FILE-----')).toBe(true);
    for (const member of MEMBERS) {
      const opened = await openSealed(entry!.reason, [await sampleIdentity(member)]);
      expect(opened.state, member).toBe(['liu-fang', 'zhou-min', 'chen-yu'].includes(member) ? 'opened' : 'locked');
      if (opened.state === 'opened') expect(opened.text).toContain('客服系统接口故障');
    }
  });

  it("mpflow check passes with no key at all, as in CI, and with HR's", async () => {
    actAs(undefined);
    const none = await runMpflow(['check'], { cwd: FIXTURE_DEPARTMENT });
    expect(none.stdout).toContain('no problems');
    expect(none.exitCode).toBe(0);
  });

  it("score --verify without a key binds every result to the finalisation and the sealed digests; with HR's key it recomputes them", async () => {
    actAs(undefined);
    const ci = await runMpflow(['score', '--verify'], { cwd: FIXTURE_DEPARTMENT });
    expect(ci.exitCode, ci.stdout + ci.stderr).toBe(0);
    expect(ci.stdout).toContain('Checked 10 results; all match. 10 of them rest on sealed ratings');
    actAs(keyFile('liu-fang'));
    const hr = await runMpflow(['score', '--verify'], { cwd: FIXTURE_DEPARTMENT });
    expect(hr.stdout).toBe('✓ Recomputed 10 results; all match.\n');
    // A member's key opens too little to recompute anyone's month: it is checked as sealed.
    actAs(keyFile('wang-jia'));
    const member = await runMpflow(['score', '--verify'], { cwd: FIXTURE_DEPARTMENT });
    expect(member.exitCode).toBe(0);
    expect(member.stdout).toContain('rest on sealed ratings');
  });

  it('the explanation tree is there for HR and refused, not invented, without the ratings', async () => {
    actAs(keyFile('liu-fang'));
    const hr = await runMpflow(['score', '--explain', 'lin-xiao', '--period', '2026-10'], { cwd: FIXTURE_DEPARTMENT });
    expect(hr.exitCode).toBe(0);
    expect(hr.stdout).toContain('87.60');
    expect(hr.stdout).toMatch(/peer \(3\) {2}80\.33 × 30\.00%/);
    actAs(keyFile('lin-xiao'));
    const member = await runMpflow(['score', '--explain', 'lin-xiao', '--period', '2026-10'], {
      cwd: FIXTURE_DEPARTMENT,
    });
    expect(member.stdout).not.toMatch(/peer \(3\) {2}80\.33 × 30\.00%/);
    expect(member.stdout).not.toContain('81.00 × 60.00%');
  });
});

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'mpflow-privacy-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

async function loadTeam() {
  const { repository } = await loadRepository(FIXTURE_DEPARTMENT, { identities: [] });
  return repository.team!;
}

/** A copy of the sample with fresh keys for every member, and one new month's ratings in plain text. */
async function freshDepartment(name: string): Promise<{ root: string; keys: Record<string, string> }> {
  const root = path.join(work, name);
  await cp(path.join(FIXTURE_DEPARTMENT, 'content'), path.join(root, 'content'), { recursive: true });
  await cp(path.join(FIXTURE_DEPARTMENT, 'appraisals'), path.join(root, 'appraisals'), { recursive: true });
  const keys: Record<string, string> = {};
  let team = await readFile(path.join(root, 'content/team.yaml'), 'utf8');
  for (const member of MEMBERS) {
    const { identity, recipient } = await generateIdentity();
    keys[member] = identity;
    team = team.replace(
      new RegExp(`(  - id: ${member}\\n(?:    .*\\n)*?)    ageRecipient: .*\\n`),
      `$1    ageRecipient: ${recipient}\n`,
    );
  }
  await writeFile(path.join(root, 'content/team.yaml'), team);
  return { root, keys };
}

const PEER_RATING = `member: wang-jia
period: 2026-11
rater: huang-shan
role: peer
submittedAt: 2026-12-02T10:00:00+08:00
ratings: { collaboration: 70, professional-skills: 75, learning-innovation: 72, responsibility: 74, teamwork: 71, initiative: 70, discipline: 80, confidentiality: 85, ethics: 84 }
comment: 本月交稿兩次延誤，說明稿件節奏需要調整。
`;

describe('sealing new inputs', () => {
  it('mpflow check refuses a plain rating once the roster has keys, and mpflow seal seals it to exactly its readers', async () => {
    const { root, keys } = await freshDepartment('seal');
    await writeFile(path.join(root, 'appraisals/2026-11/wang-jia/peer-huang-shan.yaml'), PEER_RATING).catch(
      async () => {
        await (await import('node:fs/promises')).mkdir(path.join(root, 'appraisals/2026-11/wang-jia'), {
          recursive: true,
        });
        await writeFile(path.join(root, 'appraisals/2026-11/wang-jia/peer-huang-shan.yaml'), PEER_RATING);
      },
    );
    actAs(undefined);
    const before = await runMpflow(['check', 'appraisals/2026-11', '--lang', 'zh-CN'], { cwd: root });
    expect(before.exitCode).toBe(1);
    expect(before.stdout).toMatch(
      /appraisals\/2026-11\/wang-jia\/peer-huang-shan\.yaml:1:1 +appraisal\/unsealed +名册中已有 age 公钥，这份评价必须加密后提交/,
    );

    let out = '';
    const code = await runSeal(['appraisals/2026-11/wang-jia/peer-huang-shan.yaml'], {
      cwd: root,
      language: 'en',
      version: 'test',
      color: false,
      stdout: { write: (chunk: string) => (out += chunk) },
      stderr: { write: (chunk: string) => (out += chunk) },
    });
    expect(code, out).toBe(0);
    expect(out).toContain('sealed appraisals/2026-11/wang-jia/peer-huang-shan.yaml.age (3 readers)');
    const armored = await readFile(path.join(root, 'appraisals/2026-11/wang-jia/peer-huang-shan.yaml.age'), 'utf8');
    await expect(
      readFile(path.join(root, 'appraisals/2026-11/wang-jia/peer-huang-shan.yaml'), 'utf8'),
    ).rejects.toThrow();
    // Readers: HR, wang-jia's supervisor and the rater; not wang-jia, not another peer.
    for (const member of MEMBERS) {
      const opened = await openSealed(armored, [keys[member]!]);
      expect(opened.state, member).toBe(['liu-fang', 'zhou-min', 'huang-shan'].includes(member) ? 'opened' : 'locked');
      if (opened.state === 'opened') expect(opened.text).toBe(PEER_RATING);
    }
    const after = await runMpflow(['check', 'appraisals/2026-11'], { cwd: root });
    expect(after.stdout).not.toContain('appraisal/unsealed');

    // A new calibration written in plain text is refused, and mpflow seal seals its reason in place.
    const calibrations = path.join(root, 'appraisals/2026-10/calibrations.yaml');
    await writeFile(
      calibrations,
      `${await readFile(calibrations, 'utf8')}  - member: lin-xiao\n    points: -0.5\n    by: liu-fang\n    at: 2026-11-20T10:00:00+08:00\n    reason: 複核後發現一篇稿件的閱讀數重複計入。\n`,
    );
    const plainReason = await runMpflow(['check', 'appraisals/2026-10/calibrations.yaml'], { cwd: root });
    expect(plainReason.stdout).toMatch(
      /appraisals\/2026-10\/calibrations\.yaml:\d+:13 +appraisal\/unsealed +The roster gives age keys, so a calibration's reason must be sealed/,
    );
    let sealedOut = '';
    expect(
      await runSeal(['appraisals/2026-10/calibrations.yaml'], {
        cwd: root,
        language: 'en',
        version: 'test',
        color: false,
        stdout: { write: (chunk: string) => (sealedOut += chunk) },
        stderr: { write: (chunk: string) => (sealedOut += chunk) },
      }),
      sealedOut,
    ).toBe(0);
    const resealed = await readFile(calibrations, 'utf8');
    expect(resealed).not.toContain('閱讀數');
    expect(resealed).toContain('points: -0.5');
    expect((await runMpflow(['check', 'appraisals/2026-10/calibrations.yaml'], { cwd: root })).stdout).not.toContain(
      'appraisal/unsealed',
    );
  });

  it('refuses to seal, changing nothing, when a reader has no key', async () => {
    const { root } = await freshDepartment('no-key');
    const teamFile = path.join(root, 'content/team.yaml');
    const team = await readFile(teamFile, 'utf8');
    await writeFile(teamFile, team.replace(/( {2}- id: zhou-min\n(?: {4}.*\n)*?) {4}ageRecipient: .*\n/, '$1'));
    await (await import('node:fs/promises')).mkdir(path.join(root, 'appraisals/2026-11/wang-jia'), { recursive: true });
    await writeFile(path.join(root, 'appraisals/2026-11/wang-jia/peer-huang-shan.yaml'), PEER_RATING);
    const { repository } = await loadRepository(root, { identities: [] });
    const refused = await sealInputs(repository).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SealRefused);
    expect((refused as SealRefused).localized.en).toContain('readers zhou-min have no ageRecipient in the roster');
    expect(await readFile(path.join(root, 'appraisals/2026-11/wang-jia/peer-huang-shan.yaml'), 'utf8')).toBe(
      PEER_RATING,
    );
    const check = await runMpflow(['check', 'content/team.yaml'], { cwd: root });
    expect(check.stdout).toMatch(
      /content\/team\.yaml:\d+:\d+ +appraisal\/recipients +zhou-min may read \d+ rating or interview files/,
    );
  });

  it('a sealed file changed after finalisation fails check and score --verify, with or without a key', async () => {
    const { root } = await freshDepartment('tamper');
    // Re-sealing a finalised rating with a different mark (the sample HR key still opens the others).
    const hr = await sampleIdentity('liu-fang');
    const target = 'appraisals/2026-10/lin-xiao/peer-wang-jia.yaml.age';
    const opened = await openSealed(await readFile(path.join(root, target), 'utf8'), [hr]);
    if (opened.state !== 'opened') throw new Error('sample HR key');
    const { recipient } = await generateIdentity();
    await writeFile(
      path.join(root, target),
      await sealText(opened.text.replace('collaboration: 79', 'collaboration: 99'), [recipient]),
    );
    actAs(undefined);
    const check = await runMpflow(['check', 'appraisals'], { cwd: root });
    expect(check.exitCode).toBe(1);
    expect(check.stdout).toMatch(/appraisals\/2026-10\/lin-xiao\/peer-wang-jia\.yaml\.age:1:1 +appraisal\/locked/);
    const verify = await runMpflow(['score', '--verify'], { cwd: root });
    expect(verify.exitCode).toBe(1);
    expect(verify.stdout).toContain(
      "Since 2026-10 was finalised, lin-xiao's sealed ratings or interview changed (lin-xiao/peer-wang-jia.yaml.age)",
    );
  });

  it('without a key, score --verify still recomputes the measured indicators: figures re-imported after finalisation are caught', async () => {
    const { root } = await freshDepartment('metrics');
    const table = path.join(root, 'content/metrics/articles/2026-10.csv');
    const figures = await readFile(table, 'utf8');
    expect(figures).toContain('2026-10-03,2026-10-03-wuyi-national-day,905,');
    await writeFile(
      table,
      figures.replace('2026-10-03,2026-10-03-wuyi-national-day,905,', '2026-10-03,2026-10-03-wuyi-national-day,9905,'),
    );
    actAs(undefined);
    const verify = await runMpflow(['score', '--verify'], { cwd: root });
    expect(verify.exitCode).toBe(1);
    expect(verify.stdout).toMatch(
      /appraisals\/2026-10\/lin-xiao\/result\.yaml: lin-xiao 2026-10 indicators\.operations-metrics is 86\.33 as committed, \d+\.\d\d recomputed/,
    );
  });

  it('a damaged sealed file or a wrong identity is said plainly', async () => {
    const { root } = await freshDepartment('damaged');
    const target = path.join(root, 'appraisals/2026-10/lin-xiao/self.yaml.age');
    const armored = await readFile(target, 'utf8');
    await writeFile(target, armored.replace(/\n([A-Za-z0-9+/]{10})/, '\nAAAAAAAAAA'));
    const { problems } = await loadRepository(root, { identities: [await sampleIdentity('liu-fang')] });
    const damaged = problems.find((problem) => problem.file === 'appraisals/2026-10/lin-xiao/self.yaml.age');
    expect(damaged?.ruleId).toBe('appraisal/sealed');
    await writeFile(path.join(work, 'bad.agekey'), '# a comment\nAGE-SECRET-KEY-1NOTAKEY\n');
    actAs(path.join(work, 'bad.agekey'));
    const run = await runMpflow(['check'], { cwd: root });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('bad.agekey:2:1 is not an age identity');
    expect(run.stdout).not.toMatch(/\n\s+at /);
  });
});
