/**
 * Turns a copy of the sample department back into a plain-text one: every sealed appraisal
 * input is opened with the sample's HR key (sample-keys/SAMPLE-liu-fang.agekey, a labelled
 * SAMPLE key), written as its plain .yaml, the finalisations lock the plain records again and
 * the roster loses its age keys. Tests of scoring and checking that edit ratings by hand work on
 * this copy; the privacy tests check that sealing and this opening give back the same files.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isSeq, parse, parseDocument } from 'yaml';
import { openSealed, parseIdentities } from '../../src/core/source/seal.ts';
import { recordDigest } from '../../src/core/scoring/score-period.ts';
import { FIXTURE_SAMPLE_KEYS } from './fixture-repository.ts';

export const SAMPLE_KEYS = FIXTURE_SAMPLE_KEYS;

export async function sampleIdentity(member: string): Promise<string> {
  const file = path.join(SAMPLE_KEYS, `SAMPLE-${member}.agekey`);
  return parseIdentities(await readFile(file, 'utf8'), file)[0]!;
}

export async function unsealSample(root: string): Promise<void> {
  const hr = await sampleIdentity('liu-fang');
  const appraisals = path.join(root, 'appraisals');
  const files = (await readdir(appraisals, { recursive: true })).map((file) => file.split(path.sep).join('/'));
  const plainDigests = new Map<string, string>();
  for (const file of files.filter((name) => name.endsWith('.yaml.age')).sort()) {
    const sealedPath = path.join(appraisals, file);
    const opened = await openSealed(await readFile(sealedPath, 'utf8'), [hr]);
    if (opened.state !== 'opened') throw new Error(`the sample HR key does not open appraisals/${file}`);
    const plainName = file.slice(0, -'.age'.length);
    await writeFile(path.join(appraisals, plainName), opened.text);
    await rm(sealedPath);
    plainDigests.set(plainName, recordDigest(parse(opened.text)));
  }
  for (const file of files.filter((name) => /^[^/]+\/finalized\.yaml$/.test(name))) {
    const month = file.split('/')[0]!;
    const target = path.join(appraisals, file);
    const document = parseDocument(await readFile(target, 'utf8'));
    const records = document.get('records');
    if (!isMap(records)) continue;
    for (const item of records.items) {
      const key = String((item.key as { value: unknown }).value);
      if (!key.endsWith('.yaml.age')) continue;
      const plain = key.slice(0, -'.age'.length);
      (item.key as { value: unknown }).value = plain;
      (item.value as { value: unknown }).value = plainDigests.get(`${month}/${plain}`);
    }
    await writeFile(target, document.toString({ lineWidth: 0 }));
  }
  // Calibration reasons are sealed in place: open them back into plain scalars.
  for (const file of files.filter((name) => /^[^/]+\/calibrations\.yaml$/.test(name))) {
    const target = path.join(appraisals, file);
    const document = parseDocument(await readFile(target, 'utf8'));
    const entries = document.get('entries');
    if (!isSeq(entries)) continue;
    for (const entry of entries.items) {
      if (!isMap(entry)) continue;
      const reason = entry.get('reason');
      if (typeof reason !== 'string' || !reason.startsWith('-----BEGIN AGE')) continue;
      const opened = await openSealed(reason, [hr]);
      if (opened.state !== 'opened') throw new Error(`the sample HR key does not open a reason in appraisals/${file}`);
      const plain = document.createNode(opened.text);
      plain.type = 'PLAIN';
      entry.set('reason', plain);
    }
    await writeFile(target, document.toString({ lineWidth: 0 }));
  }
  const team = path.join(root, 'content/team.yaml');
  await writeFile(team, (await readFile(team, 'utf8')).replace(/^ {4}ageRecipient: .*\n/gm, ''));
}
