import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FIXTURE_DEPARTMENT } from '../helpers/fixture-repository.ts';
import { unsealSample } from '../helpers/unseal-sample.ts';

/** A copy of the fixture department (content/, appraisals/ and the public/ its settings name) that a test may change freely. */
export async function copySampleDepartment(): Promise<{
  root: string;
  edit: (file: string, from: string, to: string) => Promise<void>;
  write: (file: string, text: string) => Promise<void>;
  dispose: () => Promise<void>;
}> {
  const root = await mkdtemp(path.join(tmpdir(), 'mpflow-scoring-'));
  await cp(path.join(FIXTURE_DEPARTMENT, 'content'), path.join(root, 'content'), { recursive: true });
  await cp(path.join(FIXTURE_DEPARTMENT, 'appraisals'), path.join(root, 'appraisals'), { recursive: true });
  // content/department.yaml names its logo under public/; without it check warns department/missing-file.
  await cp(path.join(FIXTURE_DEPARTMENT, 'public'), path.join(root, 'public'), { recursive: true });
  // The sample's ratings are sealed (issue 20); these tests edit them by hand, so they work on the plain form.
  await unsealSample(root);
  return {
    root,
    edit: async (file, from, to) => {
      const target = path.join(root, file);
      const text = await readFile(target, 'utf8');
      if (!text.includes(from)) throw new Error(`"${from}" not in ${file}`);
      await writeFile(target, text.replace(from, to));
    },
    write: async (file, text) => {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), text);
    },
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}
