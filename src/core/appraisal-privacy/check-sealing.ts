/**
 * `mpflow check` rules for sealed appraisal inputs. Once the roster gives anyone an age key,
 * every rating and interview note must be committed sealed (`.yaml.age`): a plain `.yaml`
 * would be readable by every member with a clone. Every reader the policy allows must have a
 * key, or a file could not be sealed to them. Needs no identity: it looks at paths and the roster.
 */
import { text } from '../i18n/language.ts';
import type { Problem } from '../diagnostics/problem.ts';
import { makeProblem } from '../diagnostics/make-problem.ts';
import type { Repository } from '../repository/load-repository.ts';
import { inputPlace, readersOf, rosterSeals } from './readers.ts';
import { ARMOR_BEGIN } from '../source/seal.ts';

export function checkAppraisalSealing(repository: Repository, problems: Problem[]): void {
  const team = repository.team?.valid ? repository.team.data : undefined;
  if (!rosterSeals(team)) return;
  const members = team!.members;
  const withoutKey = new Map<string, number>();
  for (const file of [...repository.files].sort()) {
    const place = inputPlace(file);
    if (!place) continue;
    if (!place.sealed) {
      const sealedToo = repository.files.has(`${file}.age`);
      problems.push(
        makeProblem(
          file,
          'appraisal/unsealed',
          sealedToo
            ? text(
                `${file}.age 已是加密版本，这份明文不能留在仓库里：删除它。`,
                `${file}.age is its sealed form; the plain text must not stay in the repository: delete it.`,
              )
            : text(
                `名册中已有 age 公钥，这份${place.input === 'interview' ? '面谈记录' : '评价'}必须加密后提交：运行 npx mpflow seal ${file}，它会写出 ${file}.age 并删除明文。`,
                `The roster gives age keys, so this ${place.input === 'interview' ? 'interview note' : 'rating'} must be committed sealed: run npx mpflow seal ${file}, which writes ${file}.age and removes the plain text.`,
              ),
        ),
      );
    }
    for (const reader of readersOf(place, team)) {
      const member = members.find((candidate) => candidate.id === reader);
      if (member && typeof member.ageRecipient !== 'string') withoutKey.set(reader, (withoutKey.get(reader) ?? 0) + 1);
    }
  }
  // Calibration reasons are sealed in place: the entry's other fields stay readable for scoring.
  for (const record of repository.calibrations ?? []) {
    if (!record.valid) continue;
    record.data.entries.forEach((entry, index) => {
      if (typeof entry.reason === 'string' && !entry.reason.trimStart().startsWith(ARMOR_BEGIN)) {
        problems.push(
          makeProblem(
            record.file,
            'appraisal/unsealed',
            text(
              `名册中已有 age 公钥，校准理由必须加密：运行 npx mpflow seal ${record.file}。`,
              `The roster gives age keys, so a calibration's reason must be sealed: run npx mpflow seal ${record.file}.`,
            ),
            record.locate(['entries', index, 'reason']),
            `entries[${index}].reason`,
          ),
        );
      }
    });
  }
  for (const [reader, count] of withoutKey) {
    const index = members.findIndex((member) => member.id === reader);
    problems.push(
      makeProblem(
        repository.team!.file,
        'appraisal/recipients',
        text(
          `${reader} 按制度可以读 ${count} 份评价或面谈记录，但名册没有给 ${reader} 填写 ageRecipient，这些记录无法加密给 ${reader}。`,
          `${reader} may read ${count} rating or interview files by the policy, but the roster gives ${reader} no ageRecipient, so they cannot be sealed to ${reader}.`,
        ),
        repository.team!.locate(['members', index], 'key'),
        `members[${index}]`,
      ),
    );
  }
}
