/**
 * Sealing plain-text appraisal inputs in a repository: each `<name>.yaml` becomes
 * `<name>.yaml.age`, encrypted to exactly the readers of readers.ts, and the plain text is
 * removed. In a finalised month the finalisation's lock moves with the file: the plain text
 * must still be exactly what HR locked (its content digest), and the lock then records the
 * sealed file's digest instead, so a finalised month can be sealed without reopening it.
 * All files are written first and renamed together; on any refusal nothing changes.
 */
import { readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { isMap, parseDocument } from 'yaml';
import { text, type LocalizedText } from '../i18n/language.ts';
import { LocalizedError } from '../diagnostics/localized-error.ts';
import type { Repository } from '../repository/load-repository.ts';
import { recordDigest } from '../scoring/score-period.ts';
import { writeFilesAllOrNothing } from '../source/write-file-atomically.ts';
import { calibrationReaders, inputPlace, recipientsOf } from './readers.ts';
import { ARMOR_BEGIN, sealedDigest, sealText } from '../source/seal.ts';
import { policyForPeriod } from '../scoring/gather-inputs.ts';

export interface SealPlan {
  sealed: Array<{ from: string; to: string; readers: number }>;
  finalisations: string[];
  /** calibrations.yaml files whose reasons were sealed in place. */
  calibrations: string[];
}

/** Sealing refused before anything changed: exit 1. */
export class SealRefused extends LocalizedError {
  constructor(message: LocalizedText) {
    super(message, { exitCode: 1 });
  }
}

/** Seals the given plain inputs (repository-relative; default every plain input under appraisals/). */
export async function sealInputs(repository: Repository, only?: readonly string[]): Promise<SealPlan> {
  const team = repository.team?.valid ? repository.team.data : undefined;
  if (!team)
    throw new SealRefused(
      text(
        '名册 content/team.yaml 有错误或不存在，无法确定谁能读。',
        'The roster content/team.yaml is missing or has errors, so the readers cannot be known.',
      ),
    );
  const wanted = only ? new Set(only) : undefined;
  const plain = [...repository.ratings, ...repository.interviews].filter((record) => {
    const place = inputPlace(record.file);
    return place && !place.sealed && (!wanted || wanted.has(record.file));
  });
  if (wanted) {
    for (const file of wanted) {
      if (
        !plain.some((record) => record.file === file) &&
        !(repository.calibrations ?? []).some((record) => record.file === file)
      ) {
        throw new SealRefused(
          text(
            `${file} 不是可加密的明文评价或面谈记录（appraisals/<月份>/<成员>/self|supervisor|peer-<编号>|interview.yaml）。`,
            `${file} is not a plain rating or interview note (appraisals/<month>/<member>/self|supervisor|peer-<id>|interview.yaml).`,
          ),
        );
      }
    }
  }
  const outputs: Array<{ file: string; content: string }> = [];
  const plan: SealPlan = { sealed: [], finalisations: [], calibrations: [] };
  const relocks = new Map<string, Array<{ from: string; to: string; plainDigest: string; sealedDigest: string }>>();
  for (const record of plain.sort((a, b) => (a.file < b.file ? -1 : 1))) {
    const place = inputPlace(record.file)!;
    const { recipients, missing } = recipientsOf(place, team);
    if (missing.length > 0) {
      throw new SealRefused(
        text(
          `${record.file} 的读者 ${missing.join('、')} 在名册中没有 ageRecipient，无法加密给他们；什么都没有改。`,
          `${record.file}'s readers ${missing.join(', ')} have no ageRecipient in the roster, so it cannot be sealed to them; nothing was changed.`,
        ),
      );
    }
    const plainText = await readFile(path.join(repository.root, record.file), 'utf8');
    const armored = await sealText(plainText, recipients);
    const to = `${record.file}.age`;
    outputs.push({ file: path.join(repository.root, to), content: armored });
    plan.sealed.push({ from: record.file, to, readers: recipients.length });
    const list = relocks.get(place.period) ?? [];
    list.push({ from: record.file, to, plainDigest: recordDigest(record.data), sealedDigest: sealedDigest(armored) });
    relocks.set(place.period, list);
  }

  for (const finalisation of repository.finalizations ?? []) {
    const moves = relocks.get(finalisation.data.period);
    if (!moves || !finalisation.yaml) continue;
    const document = parseDocument(finalisation.yaml.text);
    const records = document.get('records');
    if (!isMap(records)) continue;
    const prefix = `appraisals/${finalisation.data.period}/`;
    const locked = finalisation.data.records as Record<string, string>;
    for (const move of moves) {
      const key = move.from.slice(prefix.length);
      if (!(key in locked)) continue;
      if (locked[key] !== move.plainDigest) {
        throw new SealRefused(
          text(
            `${move.from} 与 ${finalisation.file} 定稿时锁定的内容不同，不能把改动过的记录加密后重新锁定；请先撤回改动。什么都没有改。`,
            `${move.from} differs from what ${finalisation.file} locked at finalisation; a changed record cannot be sealed and re-locked. Revert the change first; nothing was changed.`,
          ),
        );
      }
      records.delete(key);
      records.set(move.to.slice(prefix.length), move.sealedDigest);
    }
    records.items.sort((a, b) =>
      String((a.key as { value?: unknown }).value ?? a.key) < String((b.key as { value?: unknown }).value ?? b.key)
        ? -1
        : 1,
    );
    outputs.push({ file: path.join(repository.root, finalisation.file), content: document.toString({ lineWidth: 0 }) });
    plan.finalisations.push(finalisation.file);
  }

  // Calibration reasons, sealed in place (points, recorder and time stay in the clear for scoring).
  for (const record of repository.calibrations ?? []) {
    if (!record.valid || !record.yaml) continue;
    if (wanted && !wanted.has(record.file)) continue;
    const policy = policyForPeriod(repository, record.data.period);
    const roles = policy?.appraisal.calibration.roles ?? ['hr'];
    const document = parseDocument(record.yaml.text);
    let changed = false;
    for (const [index, entry] of record.data.entries.entries()) {
      if (typeof entry.reason !== 'string' || entry.reason.trimStart().startsWith(ARMOR_BEGIN)) continue;
      const readers = calibrationReaders(entry.member, team, roles);
      const keys = readers.map((reader) => team.members.find((member) => member.id === reader)?.ageRecipient);
      const missing = readers.filter((_, position) => keys[position] === undefined);
      if (missing.length > 0) {
        throw new SealRefused(
          text(
            `${record.file} 第 ${index + 1} 条校准理由的读者 ${missing.join('、')} 在名册中没有 ageRecipient；什么都没有改。`,
            `The readers ${missing.join(', ')} of calibration ${index + 1}'s reason in ${record.file} have no ageRecipient in the roster; nothing was changed.`,
          ),
        );
      }
      const sealed = document.createNode(await sealText(entry.reason, keys as string[]));
      sealed.type = 'BLOCK_LITERAL';
      document.setIn(['entries', index, 'reason'], sealed);
      changed = true;
    }
    if (!changed) continue;
    outputs.push({ file: path.join(repository.root, record.file), content: document.toString({ lineWidth: 0 }) });
    plan.calibrations.push(record.file);
  }

  await writeFilesAllOrNothing(outputs);
  for (const { from } of plan.sealed) await unlink(path.join(repository.root, from));
  return plan;
}
