import { text } from '../i18n/language.ts';
import type { Repository, SourcedRecord } from '../repository/load-repository.ts';
import { indexMembers } from '../team/roster.ts';
import type { Problem } from '../diagnostics/problem.ts';
import { makeProblem } from '../diagnostics/make-problem.ts';
import {
  checkDateOrder,
  checkIdMatchesFileName,
  checkMemberReference,
  isWellFormedId,
  listOf,
} from './reference-helpers.ts';

/** The topic library and the campaigns: ids, owners and the articles they point to. */
export function checkTopicsAndCampaigns(repository: Repository, problems: Problem[]): void {
  const members = indexMembers(repository.team?.data);
  checkUniqueIds(repository.topics, problems);
  checkUniqueIds(repository.campaigns, problems);

  for (const topic of repository.topics) {
    const { data } = topic;
    checkIdMatchesFileName(topic, data.id, problems);
    checkMemberReference(topic, ['proposedBy'], data.proposedBy, members, problems);
    if (data.owner !== undefined) checkMemberReference(topic, ['owner'], data.owner, members, problems, 'copywriter');
    checkDateOrder(topic, ['proposedAt'], data.proposedAt, ['decidedAt'], data.decidedAt, problems);
  }

  for (const campaign of repository.campaigns) {
    const { data } = campaign;
    checkIdMatchesFileName(campaign, data.id, problems);
    checkMemberReference(campaign, ['owner'], data.owner, members, problems, 'operator');
    checkDateOrder(campaign, ['period', 'start'], data.period?.start, ['period', 'end'], data.period?.end, problems);
    listOf(data.articles).forEach((articleId, index) => {
      if (isWellFormedId('article', articleId) && !repository.articleIds.has(articleId)) {
        problems.push(
          makeProblem(
            campaign.file,
            'ref/unknown-article',
            text(
              `文章“${articleId}”不存在（应对应 content/articles/${articleId.slice(0, 4)}/${articleId.slice(5)}/index.md）。`,
              `Article "${articleId}" does not exist (expected content/articles/${articleId.slice(0, 4)}/${articleId.slice(5)}/index.md).`,
            ),
            campaign.locate(['articles', index]),
            `articles[${index}]`,
          ),
        );
      }
    });
  }
}

function checkUniqueIds(records: readonly SourcedRecord<{ id: string }>[], problems: Problem[]): void {
  const firstFile = new Map<string, string>();
  for (const record of records) {
    const id = record.data.id;
    if (typeof id !== 'string') continue;
    const first = firstFile.get(id);
    if (first === undefined) firstFile.set(id, record.file);
    else
      problems.push(
        makeProblem(
          record.file,
          'id/duplicate',
          text(`编号“${id}”已在 ${first} 使用。`, `The id "${id}" is already used in ${first}.`),
          record.locate(['id']),
          'id',
        ),
      );
  }
}
