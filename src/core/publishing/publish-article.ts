import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { text, type LocalizedText } from '../i18n/language.ts';
import { LocalizedError } from '../diagnostics/localized-error.ts';
import type { ArticleRecord } from '../repository/load-repository.ts';
import { WeChatApiError, WeChatNetworkError, type WeChatClient } from '../wechat/client.ts';
import { publishStatusMeaning } from '../wechat/errors.ts';
import { WECHAT_LIMITS } from '../wechat/limits.ts';
import { isoInTimeZone } from '../calendar/wall-clock.ts';
import { writePublishRecord, type PublishRecord } from './record-store.ts';

/** The renderer's contract (src/core/render/render-article.ts): WeChat-ready HTML and the body's local images. */
export type RenderArticle = (input: {
  markdown: string;
  articleDir?: string;
  theme?: string;
  breaks?: boolean;
  imageUrl?: (src: string) => string | undefined;
}) => Promise<{ html: string; images: ReadonlyArray<{ src: string; alt: string; absolutePath?: string }> }>;

/** The recorded steps, in order. Each one's result is on disk before the next one starts. */
export type PublishStep = 'image' | 'cover' | 'draft' | 'submit' | 'published' | 'failed';

export interface PublishArticleOptions {
  root: string;
  client: WeChatClient;
  render: RenderArticle;
  timeZone: string;
  theme?: string;
  /** Display names by member id, for the draft's author field. */
  authorNames: ReadonlyMap<string, string>;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Waits between freepublish/get polls; their count bounds the polling (the next run polls again). */
  pollIntervalsMs?: readonly number[];
  /** Called after each recorded step; tests use it to crash the publisher there. */
  afterStep?: (articleId: string, step: PublishStep, record: PublishRecord) => void | Promise<void>;
  /**
   * Called just before a submission, before submitStartedAt is written (publish-due: look for the
   * draft in 发表记录). Throwing stops the submission; nothing was sent and nothing marked.
   */
  beforeSubmit?: (articleId: string, draft: Record<string, unknown>) => Promise<void>;
  /**
   * Called once submitStartedAt is on disk, before freepublish/submit (publish-due: push the record,
   * so a lost runner cannot take it along). Throwing stops the submission; nothing was sent.
   */
  submitRecorded?: (articleId: string, record: PublishRecord) => Promise<void>;
}

export type ArticleOutcome =
  /** `warning`: the article on the branch no longer matches what was submitted. */
  | { kind: 'published'; record: PublishRecord; warning?: LocalizedText }
  /** Submitted, WeChat still publishing when polling stopped: the next run polls again. */
  | { kind: 'publishing'; record: PublishRecord; warning?: LocalizedText }
  | { kind: 'failed'; record: PublishRecord; message: LocalizedText }
  /** An account-wide problem (IP whitelist, quota, credentials, network): the run stops, the record keeps its steps. */
  | { kind: 'stopped'; record: PublishRecord; message: LocalizedText };

/** Polling: about two minutes in all; WeChat usually finishes within seconds. */
export const DEFAULT_POLL_INTERVALS_MS: readonly number[] = [
  2_000, 3_000, 5_000, 5_000, 10_000, 15_000, 20_000, 30_000, 30_000,
];

/** Errors about the account or the connection, not the article: every other article would meet them too. */
const ACCOUNT_ERRCODES = new Set([-1, 40001, 40014, 42001, 40013, 40125, 40164, 45009, 45011, 48001]);

const CONTENT_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
};

type FailedStep = NonNullable<PublishRecord['failure']>['step'];

class StepFailure extends LocalizedError {
  readonly step: FailedStep;
  readonly status: number | undefined;
  constructor(step: FailedStep, localized: LocalizedText, status?: number) {
    super(localized, { exitCode: 1 });
    this.step = step;
    this.status = status;
  }
}

/**
 * Takes one article from wherever its record left off to published (or failed): body images →
 * cover → draft → submit → poll. Never submits twice: once a submission has started, only polling
 * follows; if its outcome was never heard, the article is failed for a person to look at.
 */
export async function publishArticle(
  article: ArticleRecord,
  existing: PublishRecord | undefined,
  options: PublishArticleOptions,
): Promise<ArticleOutcome> {
  const record: PublishRecord = existing
    ? structuredClone(existing)
    : { article: article.id, status: 'in-progress', index: 1 };
  const stamp = () => isoInTimeZone(options.now(), options.timeZone);
  const rendering = renderingOf(article, options);
  let step: FailedStep = 'images';

  const save = async (done: PublishStep) => {
    await writePublishRecord(options.root, record);
    await options.afterStep?.(article.id, done, structuredClone(record));
  };
  const fail = async (failure: StepFailure): Promise<ArticleOutcome> => {
    record.status = 'failed';
    record.failure = {
      step: failure.step,
      ...(failure.status !== undefined ? { status: failure.status } : {}),
      meaning: `${failure.localized.zh} / ${failure.localized.en}`,
      at: stamp(),
    };
    await save('failed');
    return { kind: 'failed', record, message: failure.localized };
  };

  try {
    if (record.publishId === undefined) {
      if (record.submitStartedAt !== undefined) {
        return await fail(
          new StepFailure(
            'submit',
            text(
              `上次提交发布（${record.submitStartedAt}）后没有收到结果，无法确定是否已发出。请到公众平台“发表记录”核实：未发出则在 PR 中删除本记录以重新发布；已发出则补填 publishId。`,
              `The submission started at ${record.submitStartedAt} never got an answer, so whether it went out is unknown. Check 发表记录 on the MP console: if it did not go out, delete this record in a pull request to publish again; if it did, fill in publishId.`,
            ),
          ),
        );
      }
      const articleDir = path.join(options.root, article.directory);
      // Images and cover run on every resume too: each upload is skipped when the recorded one
      // has the same bytes, so an unchanged article costs no call here.
      step = 'images';
      const firstRender = await options.render({ markdown: article.body, articleDir, ...rendering });
      const uploaded = new Map((record.images ?? []).map((image) => [image.src, image]));
      const sources = [...new Map(firstRender.images.map((image) => [image.src, image])).values()];
      const imageShas: Array<[string, string]> = [];
      for (const image of sources) {
        const file = image.absolutePath ?? path.resolve(articleDir, image.src);
        const bytes = await readLocalFile(file, image.src, 'images');
        const sha256 = sha256Of(bytes);
        imageShas.push([image.src, sha256]);
        if (uploaded.get(image.src)?.sha256 === sha256) continue;
        const answer = await options.client.uploadFile<{ url: string }>('/cgi-bin/media/uploadimg', 'media', {
          name: path.basename(file),
          bytes,
          contentType: contentTypeOf(file),
        });
        uploaded.set(image.src, { src: image.src, sha256, url: answer.url });
        record.images = sources.filter((entry) => uploaded.has(entry.src)).map((entry) => uploaded.get(entry.src)!);
        await save('image');
      }

      step = 'cover';
      const coverFile = path.join(articleDir, article.data.cover);
      const coverBytes = await readLocalFile(coverFile, article.data.cover, 'cover');
      const coverSha = sha256Of(coverBytes);
      if (record.cover?.file !== article.data.cover || record.cover.sha256 !== coverSha) {
        // A permanent image material (≤ 10 MB, jpg/png) can be the thumb; type=thumb would demand a ≤ 64 KB JPG.
        const answer = await options.client.uploadFile<{ media_id: string; url?: string }>(
          '/cgi-bin/material/add_material',
          'media',
          { name: article.data.cover, bytes: coverBytes, contentType: contentTypeOf(coverFile) },
          { type: 'image' },
        );
        record.cover = {
          file: article.data.cover,
          sha256: coverSha,
          mediaId: answer.media_id,
          ...(answer.url ? { url: answer.url } : {}),
        };
        await save('cover');
      }

      step = 'draft';
      const rendered = await renderForDraft(article, record, articleDir, options);
      const draft = draftArticle(article, rendered.html, record.cover!.mediaId, options.authorNames);
      const digest = draftDigestOf(draft, imageShas, coverSha);
      // A draft made from an earlier version of the article (edited on main after a crashed run)
      // is never submitted: a new draft is made from what is on the branch now.
      if (record.draftMediaId === undefined || record.draftDigest !== digest) {
        const answer = await options.client.postJson<{ media_id: string }>('/cgi-bin/draft/add', { articles: [draft] });
        record.draftMediaId = answer.media_id;
        record.draftDigest = digest;
        await save('draft');
      }

      step = 'submit';
      // Written before the call: if the answer is lost, the next run knows a submission may exist.
      await options.beforeSubmit?.(article.id, draft);
      record.submitStartedAt = stamp();
      await writePublishRecord(options.root, record);
      await options.submitRecorded?.(article.id, structuredClone(record));
      const submitted = await options.client.postJson<{ publish_id: string | number; msg_data_id?: string | number }>(
        '/cgi-bin/freepublish/submit',
        {
          media_id: record.draftMediaId,
        },
      );
      record.publishId = String(submitted.publish_id);
      if (submitted.msg_data_id !== undefined) record.msgDataId = String(submitted.msg_data_id);
      record.submittedAt = stamp();
      await save('submit');
    }

    step = 'poll';
    const changed = await changedSinceDraft(article, record, options);
    const warning = changed
      ? text(
          `这篇文章在提交发布（${record.submitStartedAt ?? record.submittedAt ?? ''}）之后被修改过：发出去的是提交时的版本，新的改动没有发布，也不会再提交。请到公众平台核对，需要时发布更正。`,
          `This article was changed after it was submitted (${record.submitStartedAt ?? record.submittedAt ?? ''}): what goes out is the submitted version; the changes are not published and will not be submitted. Check it on the MP console and publish a correction if needed.`,
        )
      : undefined;
    const withWarning = warning ? { warning } : {};
    const intervals = options.pollIntervalsMs ?? DEFAULT_POLL_INTERVALS_MS;
    for (let poll = 0; ; poll += 1) {
      const state = await options.client.postJson<FreepublishState>('/cgi-bin/freepublish/get', {
        publish_id: record.publishId,
      });
      const status = Number(state.publish_status);
      if (status === 0) {
        const items = state.article_detail?.item ?? [];
        const item = items.find((entry) => Number(entry.idx) === (record.index ?? 1)) ?? items[0];
        if (item?.article_url) record.url = item.article_url;
        // freepublish/submit documents msg_data_id, but a real capture lacks it; the article URL carries it as `mid`.
        record.msgDataId ??= msgDataIdFromUrl(item?.article_url);
        if (state.article_id !== undefined) record.wechatArticleId = String(state.article_id);
        if (record.msgDataId === undefined || record.url === undefined) await recoverMessageId(record, options.client);
        if (record.msgDataId !== undefined && record.url !== undefined) delete record.msgDataIdMissing;
        record.publishedAt = stamp();
        record.status = 'published';
        delete record.failure;
        await save('published');
        return { kind: 'published', record, ...withWarning };
      }
      if (status !== 1) return await fail(new StepFailure('poll', publishStatusMeaning(status), status));
      const wait = intervals[poll];
      if (wait === undefined) return { kind: 'publishing', record, ...withWarning };
      await options.sleep(wait);
    }
  } catch (error) {
    if (error instanceof StepFailure) return await fail(error);
    // WeChat answered the submission with an error, or never saw it: it certainly did not go out,
    // so the marker that would make the next run treat it as "outcome unknown" goes.
    const refusedSubmit =
      step === 'submit' &&
      record.publishId === undefined &&
      (error instanceof WeChatApiError || (error instanceof WeChatNetworkError && !error.mayHaveTakenEffect));
    if (refusedSubmit && record.submitStartedAt !== undefined) {
      delete record.submitStartedAt;
      await writePublishRecord(options.root, record);
    }
    if (error instanceof WeChatApiError) {
      if (ACCOUNT_ERRCODES.has(error.errcode)) return { kind: 'stopped', record, message: error.localized };
      return await fail(new StepFailure(step, error.localized, error.errcode));
    }
    if (error instanceof WeChatNetworkError) {
      if (step === 'submit' && error.mayHaveTakenEffect) {
        return await fail(
          new StepFailure(
            'submit',
            text(
              `${error.localized.zh} 提交可能已生效，为免重复发布不再重试。请到公众平台“发表记录”核实：未发出则在 PR 中删除本记录以重新发布。`,
              `${error.localized.en} The submission may have gone through, so it is not retried. Check 发表记录 on the MP console; if it did not go out, delete this record in a pull request to publish again.`,
            ),
          ),
        );
      }
      return { kind: 'stopped', record, message: error.localized };
    }
    throw error;
  }
}

interface FreepublishState {
  publish_id?: string | number;
  publish_status: number | string;
  article_id?: string;
  article_detail?: { count?: number; item?: Array<{ idx: number | string; article_url?: string }> };
  fail_idx?: number[];
}

/** The writer's theme and line breaks (front matter `breaks`), rendered as mpflow render renders them. */
function renderingOf(
  article: ArticleRecord,
  options: Pick<PublishArticleOptions, 'theme'>,
): { theme?: string; breaks?: boolean } {
  return {
    ...(options.theme ? { theme: options.theme } : {}),
    ...(article.data.breaks !== undefined ? { breaks: article.data.breaks } : {}),
  };
}

/** The body as draft/add gets it: rendered with the article's theme, its images at the URLs WeChat gave them. */
function renderForDraft(
  article: ArticleRecord,
  record: PublishRecord,
  articleDir: string,
  options: Pick<PublishArticleOptions, 'theme' | 'render'>,
): ReturnType<RenderArticle> {
  const urls = new Map((record.images ?? []).map((image) => [image.src, image.url]));
  return options.render({
    markdown: article.body,
    articleDir,
    ...renderingOf(article, options),
    imageUrl: (src) => urls.get(src),
  });
}

/** draft/add's article: the front matter's fields within WeChat's limits (title 32, author 16, digest 128). */
export function draftArticle(
  article: ArticleRecord,
  html: string,
  thumbMediaId: string,
  authorNames: ReadonlyMap<string, string>,
): Record<string, unknown> {
  const data = article.data;
  const draft: Record<string, unknown> = {
    article_type: 'news',
    title: data.title,
    author: [...(authorNames.get(data.author) ?? data.author)].slice(0, WECHAT_LIMITS.authorMaxChars).join(''),
    digest: data.digest,
    content: html,
    thumb_media_id: thumbMediaId,
    need_open_comment: data.openComments === false ? 0 : 1,
    only_fans_can_comment: 0,
  };
  if (data.contentSourceUrl) draft.content_source_url = data.contentSourceUrl;
  return draft;
}

/**
 * The identity of a draft: every field sent to draft/add except the cover's media_id, which
 * stands for the cover's bytes (included instead), plus the bytes behind every body image.
 */
export function draftDigestOf(
  draft: Record<string, unknown>,
  imageShas: ReadonlyArray<readonly [string, string]>,
  coverSha: string,
): string {
  const { thumb_media_id: _thumb, ...fields } = draft;
  const identity = JSON.stringify({
    fields: Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : 1)),
    images: imageShas,
    cover: coverSha,
  });
  return `sha256:${createHash('sha256').update(identity).digest('hex')}`;
}

/**
 * After submission nothing is uploaded: the article's digest is recomputed from the files on the
 * branch and the recorded upload addresses. True when it differs from the submitted draft's.
 */
export async function changedSinceDraft(
  article: ArticleRecord,
  record: PublishRecord,
  options: Pick<PublishArticleOptions, 'root' | 'theme' | 'render' | 'authorNames'>,
): Promise<boolean> {
  if (record.draftDigest === undefined) return false;
  const articleDir = path.join(options.root, article.directory);
  const shaOf = async (file: string) => {
    try {
      return sha256Of(await readFile(file));
    } catch {
      return 'missing';
    }
  };
  try {
    const rendered = await renderForDraft(article, record, articleDir, options);
    const sources = [...new Map(rendered.images.map((image) => [image.src, image])).values()];
    const imageShas: Array<[string, string]> = [];
    for (const image of sources)
      imageShas.push([image.src, await shaOf(image.absolutePath ?? path.resolve(articleDir, image.src))]);
    const coverSha = await shaOf(path.join(articleDir, article.data.cover));
    const draft = draftArticle(article, rendered.html, record.cover?.mediaId ?? '', options.authorNames);
    return draftDigestOf(draft, imageShas, coverSha) !== record.draftDigest;
  } catch {
    return true;
  }
}

/** How far freepublish/batchget is paged looking for a just-published article (newest first, 20 a page). */
const BATCHGET_PAGES = 3;

interface PublishedNewsItem {
  url?: string;
  is_deleted?: boolean;
}

/**
 * WeChat published the article but neither submit nor get gave its msg_data_id (a real submit
 * answer has none; get may give a short /s/<hash> link without `mid`). It is looked for in
 * freepublish/getarticle's news_item url, then in freepublish/batchget's entry for the article;
 * what cannot be had is said in msgDataIdMissing, so the record stays valid and says why. These
 * calls never fail the publication: it went out either way.
 */
async function recoverMessageId(record: PublishRecord, client: WeChatClient): Promise<void> {
  const position = (record.index ?? 1) - 1;
  const tried: string[] = [];
  const adopt = (items: PublishedNewsItem[] | undefined) => {
    const url = items?.[position]?.url ?? (items?.length === 1 ? items[0]?.url : undefined);
    if (!url) return;
    record.url ??= url;
    record.msgDataId ??= msgDataIdFromUrl(url);
  };
  const failureOf = (request: string, error: unknown): string => {
    if (error instanceof WeChatApiError) return `${request} errcode ${error.errcode}`;
    if (error instanceof WeChatNetworkError) return `${request} ${error.mayHaveTakenEffect ? 'no answer' : 'not JSON'}`;
    throw error;
  };
  if (record.wechatArticleId === undefined) {
    tried.push('freepublish/get: no article_id');
  } else {
    try {
      const answer = await client.postJson<{ news_item?: PublishedNewsItem[] }>('/cgi-bin/freepublish/getarticle', {
        article_id: record.wechatArticleId,
      });
      adopt(answer.news_item);
      if (record.msgDataId === undefined) tried.push('freepublish/getarticle: no mid in url');
    } catch (error) {
      tried.push(failureOf('freepublish/getarticle', error));
    }
    for (let page = 0; page < BATCHGET_PAGES && record.msgDataId === undefined; page += 1) {
      try {
        const answer = await client.postJson<{
          total_count?: number;
          item?: Array<{ article_id?: string; content?: { news_item?: PublishedNewsItem[] } }>;
        }>('/cgi-bin/freepublish/batchget', {
          offset: page * 20,
          count: 20,
          no_content: 1,
        });
        const items = answer.item ?? [];
        const entry = items.find((candidate) => candidate.article_id === record.wechatArticleId);
        if (entry) {
          adopt(entry.content?.news_item);
          if (record.msgDataId === undefined) tried.push('freepublish/batchget: no mid in url');
          break;
        }
        if (items.length < 20 || (answer.total_count !== undefined && (page + 1) * 20 >= answer.total_count)) {
          tried.push('freepublish/batchget: article not listed');
          break;
        }
        if (page === BATCHGET_PAGES - 1) tried.push(`freepublish/batchget: not in the newest ${BATCHGET_PAGES * 20}`);
      } catch (error) {
        tried.push(failureOf('freepublish/batchget', error));
        break;
      }
    }
  }
  if (record.msgDataId !== undefined && record.url !== undefined) return;
  const lacking = [record.msgDataId === undefined ? 'msg_data_id' : '', record.url === undefined ? 'article_url' : '']
    .filter(Boolean)
    .join(' / ');
  record.msgDataIdMissing = `微信没有给出 ${lacking}（${tried.join('；')}）。数据导入按标题对应这篇文章；在公众平台“发表记录”找到链接中的 mid 后可补填 msgDataId。 / WeChat gave no ${lacking} (${tried.join('; ')}). Analytics match this article by its title; the mid in its link on 发表记录 can be filled in as msgDataId.`;
}

export function msgDataIdFromUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const mid = new URL(url).searchParams.get('mid');
    return mid && /^\d+$/.test(mid) ? mid : undefined;
  } catch {
    return undefined;
  }
}

async function readLocalFile(file: string, shown: string, step: 'images' | 'cover'): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch {
    throw new StepFailure(step, text(`找不到图片文件 ${shown}。`, `The image file ${shown} cannot be read.`));
  }
}

function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
