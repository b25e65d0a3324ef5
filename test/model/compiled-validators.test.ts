import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileValidators, compiledValidatorsFile } from '../../src/core/model/compiled-validators.ts';

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function cacheEnv(): Promise<NodeJS.ProcessEnv> {
  const folder = await mkdtemp(path.join(tmpdir(), 'mpflow-validators-'));
  folders.push(folder);
  return { MPFLOW_CACHE_DIR: folder };
}

// A real topic of the sample department, with a day that does not exist.
const TOPIC = {
  id: 'T-2026-001',
  title: '武夷岩茶“岩韵”科普',
  pillar: '茶知识',
  proposedBy: 'lin-xiao',
  proposedAt: '2026-09-31',
  decision: 'accepted',
  decidedAt: '2026-09-24',
  owner: 'lin-xiao',
};

function judge(validators: ReturnType<typeof compileValidators>, data: unknown) {
  const validate = validators.get('topic')!;
  validate(data);
  return (validate.errors ?? []).map((error) => ({
    keyword: error.keyword,
    instancePath: error.instancePath,
    data: error.data,
    parent: Object.keys((error.parentSchema as object) ?? {}).sort(),
  }));
}

describe('the compiled schema validators', () => {
  it('are kept in the cache folder after the first compile and give the same verdicts from there', async () => {
    const env = await cacheEnv();
    const fresh = compileValidators(env);
    const cached = await readFile(compiledValidatorsFile(env), 'utf8');
    expect(cached).toContain('calendar-date');
    const again = compileValidators(env);
    expect(judge(again, TOPIC)).toEqual(judge(fresh, TOPIC));
    // 31 September is no date: the format check runs from the cached code too, with the data and schema attached.
    expect(
      judge(again, TOPIC).some(
        (error) => error.keyword === 'format' && error.data === '2026-09-31' && error.instancePath === '/proposedAt',
      ),
    ).toBe(true);
  });

  it('compile again over a cache file that was cut short, and repair it', async () => {
    const env = await cacheEnv();
    compileValidators(env);
    const file = compiledValidatorsFile(env);
    const whole = await readFile(file, 'utf8');
    await writeFile(file, whole.slice(0, 1000));
    const validators = compileValidators(env);
    expect(validators.get('team')).toBeTypeOf('function');
    expect(await readFile(file, 'utf8')).toBe(whole);
  });

  it('work when the cache folder cannot be written', async () => {
    const env = await cacheEnv();
    const blocked = path.join(env.MPFLOW_CACHE_DIR!, 'a-file');
    await writeFile(blocked, 'not a folder');
    const validators = compileValidators({ MPFLOW_CACHE_DIR: blocked });
    expect(
      judge(validators, { ...TOPIC, proposedAt: '2026-08-18' }).filter((error) => error.keyword === 'format'),
    ).toEqual([]);
  });
});
