import { text } from '../i18n/language.ts';
import type { Repository } from '../repository/load-repository.ts';
import type { Problem } from '../diagnostics/problem.ts';
import { makeProblem } from '../diagnostics/make-problem.ts';
import { isWellFormedId } from './reference-helpers.ts';

/**
 * Publish records (content/publishing/<articleId>.yaml): each belongs to an existing article, is
 * named after it, and no two claim the same WeChat message (msgDataId + index), since analytics
 * joins datacube rows to articles by that pair.
 */
export function checkPublishRecords(repository: Repository, problems: Problem[]): void {
  const messageOwners = new Map<string, string>();
  for (const record of repository.publishRecords ?? []) {
    const { data } = record;
    const base = record.file.slice(record.file.lastIndexOf('/') + 1).replace(/\.ya?ml$/, '');
    if (typeof data.article === 'string' && data.article !== base) {
      problems.push(
        makeProblem(
          record.file,
          'id/mismatch',
          text(
            `文章编号“${data.article}”与文件名“${base}”不一致。`,
            `The article id "${data.article}" differs from the file name "${base}".`,
          ),
          record.locate(['article']),
          'article',
        ),
      );
    }
    if (isWellFormedId('article', data.article) && !repository.articleIds.has(data.article)) {
      problems.push(
        makeProblem(
          record.file,
          'ref/unknown-article',
          text(
            `文章“${data.article}”不存在（应对应 content/articles/${data.article.slice(0, 4)}/${data.article.slice(5)}/index.md）。`,
            `Article "${data.article}" does not exist (expected content/articles/${data.article.slice(0, 4)}/${data.article.slice(5)}/index.md).`,
          ),
          record.locate(['article']),
          'article',
        ),
      );
    }
    if (typeof data.msgDataId === 'string') {
      const message = `${data.msgDataId}_${data.index ?? 1}`;
      const owner = messageOwners.get(message);
      if (owner === undefined) messageOwners.set(message, record.file);
      else {
        problems.push(
          makeProblem(
            record.file,
            'id/duplicate',
            text(
              `微信消息 ${message}（msgDataId_index）已记录在 ${owner}。`,
              `The WeChat message ${message} (msgDataId_index) is already recorded in ${owner}.`,
            ),
            record.locate(['msgDataId']),
            'msgDataId',
          ),
        );
      }
    }
  }
}
