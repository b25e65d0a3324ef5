/**
 * generate-publish-records.ts — writes content/publishing/<articleId>.yaml for the sample
 * department's articles that went out before the sample's "today" (2026-11-26).
 *
 *   node scripts/dev/generate-publish-records.ts
 *
 * Why: the calendar shows what was published and analytics joins datacube rows to articles by
 * msgid "<msgDataId>_<index>", so the sample needs the records `mpflow publish` would have
 * written. Deterministic: ids come from the article's position and a hash of its id, times from
 * its publishAt (the 20:30 scheduled run submits at 20:30:40 and sees it published a minute later).
 */
import { createHash } from 'node:crypto';
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { loadRepository } from '../../src/core/repository/load-repository.ts';
import { isoInTimeZone } from '../../src/core/calendar/wall-clock.ts';
import {
  serializePublishRecord,
  publishRecordPath,
  type PublishRecord,
} from '../../src/core/publishing/record-store.ts';

const root = path.resolve(import.meta.dirname, '../..');
const SAMPLE_TODAY = Date.parse('2026-11-26T00:00:00+08:00');
const TIME_ZONE = 'Asia/Shanghai';

const { repository } = await loadRepository(root);
const published = repository.articles
  .filter((article) => Date.parse(article.data.publishAt) < SAMPLE_TODAY)
  .sort((a, b) => Date.parse(a.data.publishAt) - Date.parse(b.data.publishAt));

const hash = (value: string) => createHash('sha256').update(value).digest();
await mkdir(path.join(root, 'content/publishing'), { recursive: true });
for (const [position, article] of published.entries()) {
  const n = position + 1;
  const publishAt = Date.parse(article.data.publishAt);
  const msgDataId = `2247483${String(600 + n)}`;
  const digest = hash(`article:${article.id}`);
  const record: PublishRecord = {
    article: article.id,
    status: 'published',
    index: 1,
    cover: { file: article.data.cover, mediaId: `Nq${digest.subarray(0, 24).toString('base64url')}` },
    draftMediaId: `zUUtT8ZY${digest.subarray(8, 32).toString('base64url')}`,
    submitStartedAt: isoInTimeZone(publishAt + 40_000, TIME_ZONE),
    publishId: String(2650177600 + n),
    msgDataId,
    submittedAt: isoInTimeZone(publishAt + 41_000, TIME_ZONE),
    wechatArticleId: `zjMKVd1g66BkEkpetwml4J-${hash(`wechat:${article.id}`).subarray(0, 15).toString('base64url')}`,
    url: `https://mp.weixin.qq.com/s/${hash(`url:${article.id}`).subarray(0, 16).toString('base64url')}`,
    publishedAt: isoInTimeZone(publishAt + 103_000, TIME_ZONE),
  };
  await writeFile(path.join(root, publishRecordPath(article.id)), serializePublishRecord(record));
}
console.log(`wrote ${published.length} publish records`);
