import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomically, writeFilesAllOrNothing } from '../../src/core/source/write-file-atomically.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'mpflow-atomic-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('writeFileAtomically', () => {
  it('replaces the file, creating missing folders, and leaves no temporary file behind', async () => {
    const file = path.join(root, 'content/reviews/2026.jsonl');
    await writeFileAtomically(file, '第一版\n');
    await writeFileAtomically(file, '第二版：审核通过\n', { sync: true });
    expect(await readFile(file, 'utf8')).toBe('第二版：审核通过\n');
    expect(await readdir(path.dirname(file))).toEqual(['2026.jsonl']);
  });

  it('gives the new file the requested mode', async () => {
    const file = path.join(root, 'token.json');
    await writeFileAtomically(file, '{}\n', { mode: 0o600, temporary: `${file}.writing.tmp` });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('removes its temporary file and keeps the target when the rename fails', async () => {
    const target = path.join(root, 'occupied');
    await mkdir(path.join(target, 'inside'), { recursive: true });
    await expect(writeFileAtomically(target, '正文')).rejects.toThrow();
    expect((await readdir(root)).sort()).toEqual(['occupied']);
    expect(await readdir(target)).toEqual(['inside']);
  });
});

describe('writeFilesAllOrNothing', () => {
  it('writes every file', async () => {
    const files = [
      { file: path.join(root, 'content/metrics/articles/2026-11.csv'), content: 'date,reads\n2026-11-01,120\n' },
      { file: path.join(root, 'content/metrics/followers/2026-11.csv'), content: 'date,new\n2026-11-01,8\n' },
    ];
    await writeFilesAllOrNothing(files);
    for (const { file, content } of files) expect(await readFile(file, 'utf8')).toBe(content);
  });

  it('changes nothing when one of the files cannot be written', async () => {
    const first = path.join(root, 'draw.yaml');
    await writeFile(first, '旧的抽奖记录\n', 'utf8');
    await writeFile(path.join(root, 'blocked'), 'a file where a folder is needed', 'utf8');
    await expect(
      writeFilesAllOrNothing([
        { file: first, content: '新的抽奖记录\n' },
        { file: path.join(root, 'blocked/campaign.yaml'), content: 'results: {}\n' },
      ]),
    ).rejects.toThrow();
    expect(await readFile(first, 'utf8')).toBe('旧的抽奖记录\n');
    expect((await readdir(root)).sort()).toEqual(['blocked', 'draw.yaml']);
  });

  it('puts back the files it already replaced, and removes the folders it made, when a later rename fails', async () => {
    // Every temporary file can be written, so the failure comes after the first renames: the
    // last target is a folder with something in it, which no file can be renamed onto.
    const existing = path.join(root, 'appraisals/2026-11/results/lin-xiao.yaml');
    await mkdir(path.dirname(existing), { recursive: true });
    await writeFile(existing, '成绩：待定\n', 'utf8');
    const occupied = path.join(root, 'appraisals/2026-11/results/chen-yu.yaml');
    await mkdir(path.join(occupied, 'inside'), { recursive: true });
    const before = await snapshot(root);
    await expect(
      writeFilesAllOrNothing([
        { file: existing, content: '成绩：92.50（优秀）\n' },
        { file: path.join(root, 'appraisals/2026-11/notes/新建/說明.md'), content: '本月考核說明\n' },
        { file: occupied, content: '成绩：88.00\n' },
      ]),
    ).rejects.toThrow();
    expect(await snapshot(root)).toEqual(before);
  });

  it('throws the error its caller describes, naming the file that failed', async () => {
    await mkdir(path.join(root, 'taken', 'inside'), { recursive: true });
    const failure = writeFilesAllOrNothing([{ file: path.join(root, 'taken'), content: '正文' }], {
      describeFailure: (file, error) => new Error(`${path.basename(file)}: ${(error as NodeJS.ErrnoException).code}`),
    });
    await expect(failure).rejects.toThrow(/^taken: E[A-Z]+$/);
  });
});

/** Every path under a folder with its content (folders as '/'), to compare the disk before and after. */
async function snapshot(folder: string): Promise<Record<string, string>> {
  const entries: Record<string, string> = {};
  for (const name of (await readdir(folder, { recursive: true })).sort()) {
    const full = path.join(folder, name);
    entries[name] = (await stat(full)).isDirectory() ? '/' : await readFile(full, 'utf8');
  }
  return entries;
}
