import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake WeChat Official Account API on loopback: real HTTP, the documented request and answer
 * shapes (as WeChat's Official Account API documentation gives them) and the documented
 * errors, so the client and the publisher are tested the way they meet WeChat.
 */

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: any;
}

/** Answers a request after the token check, or returns undefined to let the next route try. */
export type FakeRoute = (request: FakeRequest) => { status?: number; json: unknown } | undefined;

export interface FakeCall {
  method: string;
  path: string;
  body: unknown;
  /** The query string without access_token. */
  query: Record<string, string>;
}

export interface UploadedFile {
  field: string;
  name: string;
  contentType: string;
  size: number;
}

export interface FakeDraftArticle {
  title: string;
  author?: string;
  digest?: string;
  content: string;
  content_source_url?: string;
  thumb_media_id: string;
  need_open_comment?: number;
  only_fans_can_comment?: number;
}

export interface FakePublish {
  publishId: number;
  msgDataId: number;
  draftMediaId: string;
  articles: FakeDraftArticle[];
  polls: number;
  finalStatus: number;
  articleId?: string;
}

export interface FakeWeChatState {
  appId: string;
  appSecret: string;
  /** The one valid token and when it expires (fake clock, ms). */
  token?: { value: string; expiresAt: number };
  /** Tokens that were valid once; using one answers 40001. */
  retiredTokens: Set<string>;
  tokensIssued: number;
  forceRefreshes: number;
  imageUrls: Set<string>;
  materials: Map<string, { type: string; url: string; file: UploadedFile }>;
  drafts: Map<string, FakeDraftArticle[]>;
  publishes: Map<number, FakePublish>;
  /** Image sources WeChat dropped from a draft because they were not uploadimg URLs. */
  strippedImages: string[];
  /** Submissions per draft title: the publisher must never make this exceed 1. */
  submitsByTitle: Map<string, number>;
}

export interface FakeWeChatOptions {
  extraRoutes?: FakeRoute[];
  appId?: string;
  appSecret?: string;
  /** Lifetime of an issued token, seconds (WeChat: 7200). */
  tokenLifetimeSeconds?: number;
  /** The fake server's clock, for expiring tokens in tests. */
  now?: () => number;
  /** How many freepublish/get polls answer publish_status 1 before the outcome (default 1). */
  pollsWhilePublishing?: number;
  /** The final publish_status for a submission (default 0, published). */
  publishOutcome?: (articles: FakeDraftArticle[]) => number;
  /**
   * Put msg_data_id in freepublish/submit's answer, as the docs show it. Off by default: the
   * captured real answer (freepublish_submit.wxjava.json) has only errcode, errmsg and publish_id.
   */
  includeMsgDataId?: boolean;
  /**
   * The article links each call answers: `long` (…/s?__biz=…&mid=…&idx=…&sn=…), `short`
   * (…/s/<hash>, no mid, as real answers may give), `redacted` (the captured get sample's
   * `…/s?__biz=MzAwMTE2MzA1xxxxxxxxxx`, no mid) or `none` (no url field). Default `long` for all.
   */
  articleUrls?: Partial<Record<'get' | 'getarticle' | 'batchget', 'long' | 'short' | 'redacted' | 'none'>>;
  /**
   * The customer-service message records customservice/msgrecord/getmsglist pages through:
   * `{openid, opercode (2002 kf → user, 2003 user → kf), text, time (unix s), worker}`. Asked
   * windows longer than 24 hours or `number` over 10,000 answer 40097 (invalid args).
   */
  kfRecords?: Array<{ openid: string; opercode: number; text: string; time: number; worker: string }>;
  /** Called with each request once it is recorded and before it is answered (tests kill the caller here). */
  onRequest?: (call: FakeCall, index: number) => void | Promise<void>;
}

export interface FakeWeChat {
  url: string;
  state: FakeWeChatState;
  calls: FakeCall[];
  /** The next `times` requests to `path` answer this errcode (checked before the token, like the IP whitelist). */
  injectError(path: string, errcode: number, options?: { times?: number; errmsg?: string }): void;
  /** The next `times` requests to `path` get their connection cut without an answer. */
  injectDisconnect(path: string, options?: { times?: number; afterHandling?: boolean }): void;
  /** How many requests reached `path`. */
  count(path: string): number;
  close(): Promise<void>;
}

const DEFAULT_ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40164: 'invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
  48001: 'api unauthorized',
};

const IMAGE_TYPES: Record<string, { extensions: RegExp; magic: (bytes: Buffer) => boolean }> = {
  jpg: { extensions: /\.jpe?g$/i, magic: (bytes) => bytes[0] === 0xff && bytes[1] === 0xd8 },
  png: {
    extensions: /\.png$/i,
    magic: (bytes) => bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  gif: { extensions: /\.gif$/i, magic: (bytes) => bytes.subarray(0, 3).toString('latin1') === 'GIF' },
};

function rid(): string {
  return `${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;
}

function error(errcode: number, errmsg?: string): { json: unknown } {
  return { json: { errcode, errmsg: `${errmsg ?? DEFAULT_ERRMSG[errcode] ?? 'error'} rid: ${rid()}` } };
}

export async function startFakeWeChat(options: FakeWeChatOptions = {}): Promise<FakeWeChat> {
  const now = options.now ?? Date.now;
  const lifetime = (options.tokenLifetimeSeconds ?? 7200) * 1000;
  const state: FakeWeChatState = {
    appId: options.appId ?? 'wx0123456789abcdef',
    appSecret: options.appSecret ?? 'test-app-secret-0123456789abcdef',
    retiredTokens: new Set(),
    tokensIssued: 0,
    forceRefreshes: 0,
    imageUrls: new Set(),
    materials: new Map(),
    drafts: new Map(),
    publishes: new Map(),
    strippedImages: [],
    submitsByTitle: new Map(),
  };
  const calls: FakeCall[] = [];
  const injected: Array<{ path: string; errcode: number; errmsg?: string; times: number }> = [];
  const disconnects: Array<{ path: string; times: number; afterHandling: boolean }> = [];
  let nextPublishId = 2650177668;
  let nextMsgDataId = 2247483700;

  function issueToken(): { access_token: string; expires_in: number } {
    if (state.token) state.retiredTokens.add(state.token.value);
    state.token = { value: `FAKE_TOKEN_${randomBytes(12).toString('hex')}`, expiresAt: now() + lifetime };
    state.tokensIssued += 1;
    return { access_token: state.token.value, expires_in: Math.round(lifetime / 1000) };
  }

  function stableToken(body: Record<string, unknown>): { json: unknown } {
    if (body.grant_type !== 'client_credential') return error(40002, 'invalid grant_type');
    if (body.appid !== state.appId) return error(40013, 'invalid appid');
    if (body.secret !== state.appSecret) return error(40125, 'invalid appsecret');
    if (body.force_refresh === true) {
      state.forceRefreshes += 1;
      return { json: issueToken() };
    }
    // Without force_refresh every caller shares the current token until it expires.
    if (state.token && state.token.expiresAt > now())
      return {
        json: { access_token: state.token.value, expires_in: Math.round((state.token.expiresAt - now()) / 1000) },
      };
    return { json: issueToken() };
  }

  function checkToken(query: URLSearchParams): { json: unknown } | undefined {
    const token = query.get('access_token');
    if (!token) return error(41001, 'access_token missing');
    if (state.token?.value === token)
      return state.token.expiresAt > now() ? undefined : error(42001, 'access_token expired');
    if (state.retiredTokens.has(token)) return error(40001);
    return error(40001);
  }

  function uploadImage(body: MultipartBody): { json: unknown } {
    const file = body.files.find((entry) => entry.field === 'media');
    if (!file) return error(41005, 'media data missing');
    const type = Object.entries(IMAGE_TYPES).find(
      ([, spec]) => spec.extensions.test(file.name) && spec.magic(file.bytes),
    )?.[0];
    if (type !== 'jpg' && type !== 'png') return error(40005, 'invalid file type');
    if (file.bytes.length >= 1024 * 1024) return error(40009, 'invalid image size');
    const url = `http://mmbiz.qpic.cn/mmbiz_${type}/${createHash('sha256').update(file.bytes).digest('base64url').slice(0, 40)}/0?wx_fmt=${type}`;
    state.imageUrls.add(url);
    return { json: { url } };
  }

  function addMaterial(query: URLSearchParams, body: MultipartBody): { json: unknown } {
    const kind = query.get('type');
    if (kind !== 'image' && kind !== 'thumb' && kind !== 'voice' && kind !== 'video')
      return error(40004, 'invalid media type');
    const file = body.files.find((entry) => entry.field === 'media');
    if (!file) return error(41005, 'media data missing');
    const type = Object.entries(IMAGE_TYPES).find(
      ([, spec]) => spec.extensions.test(file.name) && spec.magic(file.bytes),
    )?.[0];
    if (kind === 'image') {
      if (!type) return error(40005, 'invalid file type');
      if (file.bytes.length > 10 * 1024 * 1024) return error(40009, 'invalid image size');
    } else if (kind === 'thumb') {
      if (type !== 'jpg') return error(40005, 'invalid file type');
      if (file.bytes.length > 64 * 1024) return error(40009, 'invalid image size');
    }
    const mediaId = `MEDIA_${randomBytes(16).toString('base64url')}`;
    const url = `http://mmbiz.qpic.cn/mmbiz_${type ?? 'bin'}/${mediaId}/0`;
    state.materials.set(mediaId, {
      type: kind,
      url,
      file: { field: file.field, name: file.name, contentType: file.contentType, size: file.bytes.length },
    });
    return { json: { media_id: mediaId, url } };
  }

  function addDraft(body: { articles?: unknown }): { json: unknown } {
    if (!Array.isArray(body.articles) || body.articles.length === 0) return error(44003, 'empty news data');
    const stored: FakeDraftArticle[] = [];
    for (const raw of body.articles as Array<Record<string, unknown>>) {
      const title = String(raw.title ?? '');
      const content = String(raw.content ?? '');
      if (title === '') return error(44003, 'empty title');
      if ([...title].length > 32) return error(45003, 'title size out of limit');
      if (raw.author !== undefined && [...String(raw.author)].length > 16)
        return error(45110, 'author size out of limit');
      if (raw.digest !== undefined && [...String(raw.digest)].length > 128)
        return error(45004, 'description size out of limit');
      if (content === '') return error(44004, 'empty content');
      if (content.length >= 20_000 || Buffer.byteLength(content) >= 1024 * 1024)
        return error(45002, 'content size out of limit');
      if (raw.content_source_url !== undefined && Buffer.byteLength(String(raw.content_source_url)) > 1024)
        return error(45005, 'url size out of limit');
      if ((raw.article_type ?? 'news') === 'news') {
        const thumb = raw.thumb_media_id;
        if (typeof thumb !== 'string' || thumb === '') return error(40007, 'invalid media_id (thumb_media_id missing)');
        if (!state.materials.has(thumb)) return error(40007, 'invalid media_id');
      }
      // WeChat strips scripts and drops every image that is not an uploadimg URL.
      const cleaned = content.replace(/<script\b[\s\S]*?<\/script>/gi, '').replace(/<img\b[^>]*>/gi, (tag) => {
        const src = /\ssrc="([^"]*)"/i.exec(tag)?.[1] ?? '';
        if (state.imageUrls.has(src.replace(/&amp;/g, '&'))) return tag;
        state.strippedImages.push(src);
        return '';
      });
      stored.push({ ...(raw as unknown as FakeDraftArticle), title, content: cleaned });
    }
    const mediaId = `DRAFT_${randomBytes(16).toString('base64url')}`;
    state.drafts.set(mediaId, stored);
    return { json: { media_id: mediaId, item: [] } };
  }

  function submit(body: { media_id?: unknown }): { json: unknown } {
    const draft = typeof body.media_id === 'string' ? state.drafts.get(body.media_id) : undefined;
    if (!draft) return error(40007, 'invalid media_id');
    const publishId = nextPublishId++;
    const msgDataId = nextMsgDataId++;
    const finalStatus = options.publishOutcome?.(draft) ?? 0;
    state.publishes.set(publishId, {
      publishId,
      msgDataId,
      draftMediaId: body.media_id as string,
      articles: draft,
      polls: 0,
      finalStatus,
    });
    for (const article of draft)
      state.submitsByTitle.set(article.title, (state.submitsByTitle.get(article.title) ?? 0) + 1);
    // A published draft leaves the draft box.
    state.drafts.delete(body.media_id as string);
    return {
      json: options.includeMsgDataId
        ? { errcode: 0, errmsg: 'ok', publish_id: publishId, msg_data_id: msgDataId }
        : { errcode: 0, errmsg: 'ok', publish_id: publishId },
    };
  }

  /** An article's link in the shape `call` answers (see FakeWeChatOptions.articleUrls). */
  function articleUrl(
    publish: FakePublish,
    index: number,
    call: 'get' | 'getarticle' | 'batchget',
  ): string | undefined {
    const sn = createHash('md5').update(`${publish.publishId}/${index}`).digest('hex');
    switch (options.articleUrls?.[call] ?? 'long') {
      case 'long':
        return `https://mp.weixin.qq.com/s?__biz=MzAwMTE2MzA1Mw==&mid=${publish.msgDataId}&idx=${index + 1}&sn=${sn}`;
      case 'short':
        return `https://mp.weixin.qq.com/s/${Buffer.from(sn, 'hex').toString('base64url').slice(0, 22)}`;
      case 'redacted':
        return 'https://mp.weixin.qq.com/s?__biz=MzAwMTE2MzA1xxxxxxxxxx';
      case 'none':
        return undefined;
    }
  }

  /** A published article as freepublish/getarticle and batchget list it (the official docs' news_item fields). */
  function newsItem(
    publish: FakePublish,
    article: FakeDraftArticle,
    index: number,
    call: 'getarticle' | 'batchget',
    withContent: boolean,
  ): Record<string, unknown> {
    const url = articleUrl(publish, index, call);
    const material = state.materials.get(article.thumb_media_id);
    return {
      title: article.title,
      author: article.author ?? '',
      digest: article.digest ?? '',
      ...(withContent ? { content: article.content } : {}),
      content_source_url: article.content_source_url ?? '',
      thumb_media_id: article.thumb_media_id,
      ...(material ? { thumb_url: material.url } : {}),
      need_open_comment: article.need_open_comment ?? 0,
      only_fans_can_comment: article.only_fans_can_comment ?? 0,
      ...(url !== undefined ? { url } : {}),
      is_deleted: false,
    };
  }

  const published = () =>
    [...state.publishes.values()].filter((publish) => publish.articleId !== undefined && publish.finalStatus === 0);

  function getArticle(body: { article_id?: unknown }): { json: unknown } {
    const publish = published().find((entry) => entry.articleId === body.article_id);
    if (!publish) return error(53600, 'Article ID 无效');
    return {
      json: {
        news_item: publish.articles.map((article, index) => newsItem(publish, article, index, 'getarticle', true)),
      },
    };
  }

  function batchGet(body: { offset?: unknown; count?: unknown; no_content?: unknown }): { json: unknown } {
    const offset = Number(body.offset ?? 0);
    const count = Number(body.count ?? 0);
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(count) || count < 1 || count > 20)
      return error(40097, 'invalid args');
    // Newest first, as the publication list on 发表记录.
    const all = published().reverse();
    const page = all.slice(offset, offset + count);
    return {
      json: {
        total_count: all.length,
        item_count: page.length,
        item: page.map((publish) => ({
          article_id: publish.articleId,
          content: {
            news_item: publish.articles.map((article, index) =>
              newsItem(publish, article, index, 'batchget', Number(body.no_content ?? 0) !== 1),
            ),
          },
          update_time: 1_788_000_000 + publish.publishId - 2650177668,
        })),
      },
    };
  }

  function getPublish(body: { publish_id?: unknown }): { json: unknown } {
    const publish = state.publishes.get(Number(body.publish_id));
    if (!publish) return error(53600, 'invalid publish_id');
    publish.polls += 1;
    const base = { publish_id: publish.publishId };
    if (publish.polls <= (options.pollsWhilePublishing ?? 1))
      return { json: { ...base, publish_status: 1, fail_idx: [] } };
    if (publish.finalStatus !== 0) {
      return {
        json: { ...base, publish_status: publish.finalStatus, fail_idx: publish.articles.map((_, index) => index + 1) },
      };
    }
    publish.articleId ??= `zjMKVd1g66BkEkpetwml4J-${randomBytes(12).toString('base64url')}`;
    return {
      json: {
        ...base,
        publish_status: 0,
        article_id: publish.articleId,
        article_detail: {
          count: publish.articles.length,
          item: publish.articles.map((_, index) => {
            const url = articleUrl(publish, index, 'get');
            return { idx: index + 1, ...(url !== undefined ? { article_url: url } : {}) };
          }),
        },
        fail_idx: [],
      },
    };
  }

  function messageRecords(body: { starttime?: unknown; endtime?: unknown; msgid?: unknown; number?: unknown }): {
    json: unknown;
  } {
    const [start, end, cursor, number] = [body.starttime, body.endtime, body.msgid, body.number].map(Number) as [
      number,
      number,
      number,
      number,
    ];
    if (
      ![start, end, cursor, number].every(Number.isInteger) ||
      end < start ||
      end - start > 86_400 ||
      cursor < 1 ||
      number < 1 ||
      number > 10_000
    )
      return error(40097, 'invalid args');
    // Each record's msgid is its place in the account's whole log, in time order.
    const all = [...(options.kfRecords ?? [])]
      .sort((a, b) => a.time - b.time)
      .map((record, index) => ({ id: index + 1, record }));
    const page = all
      .filter(({ id, record }) => id >= cursor && record.time >= start && record.time <= end)
      .slice(0, number);
    return {
      json: {
        recordlist: page.map(({ record }) => record),
        number: page.length,
        msgid: page.length > 0 ? page[page.length - 1]!.id + 1 : cursor,
      },
    };
  }

  function route(request: FakeRequest): { status?: number; json: unknown } | undefined {
    const { path, query, body } = request;
    switch (path) {
      case '/cgi-bin/media/uploadimg':
        return uploadImage(body as MultipartBody);
      case '/cgi-bin/material/add_material':
        return addMaterial(query, body as MultipartBody);
      case '/cgi-bin/draft/add':
        return addDraft(body as { articles?: unknown });
      case '/cgi-bin/draft/get': {
        const draft = state.drafts.get(String((body as { media_id?: unknown }).media_id));
        return draft ? { json: { news_item: draft } } : error(40007, 'invalid media_id');
      }
      case '/cgi-bin/freepublish/submit':
        return submit(body as { media_id?: unknown });
      case '/cgi-bin/freepublish/get':
        return getPublish(body as { publish_id?: unknown });
      case '/customservice/msgrecord/getmsglist':
        return messageRecords((body ?? {}) as { starttime?: unknown });
      case '/cgi-bin/freepublish/getarticle':
        return getArticle((body ?? {}) as { article_id?: unknown });
      case '/cgi-bin/freepublish/batchget':
        return batchGet((body ?? {}) as { offset?: unknown; count?: unknown });
    }
    return undefined;
  }

  async function handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(incoming.url ?? '/', 'http://fake.local');
    const raw = await readBody(incoming);
    const contentType = incoming.headers['content-type'] ?? '';
    let body: unknown;
    if (contentType.startsWith('multipart/form-data')) body = parseMultipart(raw, contentType);
    else if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return answer(response, 200, error(47001, 'data format error').json);
      }
    }
    const query: Record<string, string> = {};
    for (const [name, value] of url.searchParams) if (name !== 'access_token') query[name] = value;
    calls.push({
      method: incoming.method ?? 'GET',
      path: url.pathname,
      query,
      body:
        body && typeof body === 'object' && 'files' in body
          ? { fields: (body as MultipartBody).fields, files: (body as MultipartBody).files.map(describeFile) }
          : body,
    });

    await options.onRequest?.(calls.at(-1)!, calls.length - 1);
    const cut = disconnects.find((entry) => entry.path === url.pathname && entry.times > 0);
    if (cut && !cut.afterHandling) {
      cut.times -= 1;
      incoming.socket.destroy();
      return;
    }
    const fault = injected.find((entry) => entry.path === url.pathname && entry.times > 0);
    if (fault) {
      fault.times -= 1;
      return answer(response, 200, error(fault.errcode, fault.errmsg).json);
    }
    let result: { status?: number; json: unknown } | undefined;
    if (url.pathname === '/cgi-bin/stable_token' && incoming.method === 'POST')
      result = stableToken((body ?? {}) as Record<string, unknown>);
    else {
      result = checkToken(url.searchParams);
      const request: FakeRequest = {
        method: incoming.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        body,
      };
      if (!result) {
        for (const extra of options.extraRoutes ?? []) {
          result = extra(request);
          if (result) break;
        }
      }
      result ??= route(request);
    }
    if (cut) {
      // The request took effect, but the caller never hears so.
      cut.times -= 1;
      incoming.socket.destroy();
      return;
    }
    if (!result)
      return answer(response, 404, {
        errcode: 48001,
        errmsg: `api unauthorized (no such fake endpoint ${url.pathname}) rid: ${rid()}`,
      });
    answer(response, result.status ?? 200, result.json);
  }

  const server = createServer((incoming, response) => {
    handle(incoming, response).catch((failure: unknown) => {
      if (!response.headersSent) answer(response, 500, { errcode: -1, errmsg: `fake server bug: ${String(failure)}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    state,
    calls,
    injectError(path, errcode, settings = {}) {
      injected.push({
        path,
        errcode,
        times: settings.times ?? 1,
        ...(settings.errmsg !== undefined ? { errmsg: settings.errmsg } : {}),
      });
    },
    injectDisconnect(path, settings = {}) {
      disconnects.push({ path, times: settings.times ?? 1, afterHandling: settings.afterHandling ?? false });
    },
    count(path) {
      return calls.filter((entry) => entry.path === path).length;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((failure) => (failure ? reject(failure) : resolve())));
    },
  };
}

function answer(response: ServerResponse, status: number, json: unknown): void {
  const payload = JSON.stringify(json);
  // WeChat answers JSON as text/plain on several endpoints; clients must not depend on the header.
  response.writeHead(status, {
    'content-type': 'application/json; encoding=utf-8',
    'content-length': Buffer.byteLength(payload),
  });
  response.end(payload);
}

async function readBody(incoming: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

interface MultipartFile {
  field: string;
  name: string;
  contentType: string;
  bytes: Buffer;
}

export interface MultipartBody {
  fields: Record<string, string>;
  files: MultipartFile[];
}

function describeFile(file: MultipartFile): UploadedFile {
  return { field: file.field, name: file.name, contentType: file.contentType, size: file.bytes.length };
}

/** multipart/form-data (RFC 7578), enough of it for what WeChat accepts: named fields and files. */
function parseMultipart(raw: Buffer, contentType: string): MultipartBody {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const result: MultipartBody = { fields: {}, files: [] };
  if (!boundary) return result;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let start = raw.indexOf(delimiter);
  while (start !== -1) {
    const partStart = start + delimiter.length;
    if (raw.subarray(partStart, partStart + 2).toString() === '--') break;
    const next = raw.indexOf(delimiter, partStart);
    if (next === -1) break;
    // Each part: CRLF, headers, CRLF CRLF, content, CRLF before the next delimiter.
    const part = raw.subarray(partStart + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const content = part.subarray(headerEnd + 4);
      const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
      const field = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '';
      const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
      const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream';
      if (filename !== undefined)
        result.files.push({ field, name: filename, contentType: type, bytes: Buffer.from(content) });
      else result.fields[field] = content.toString('utf8');
    }
    start = next;
  }
  return result;
}
