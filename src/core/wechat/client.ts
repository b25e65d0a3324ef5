import { text, type LocalizedText } from '../i18n/language.ts';
import { LocalizedError } from '../diagnostics/localized-error.ts';
import { errcodeMeaning, refusedIpOf } from './errors.ts';
import {
  defaultTokenCachePath,
  readCachedToken,
  removeCachedToken,
  writeCachedToken,
  type CachedToken,
} from './token-cache.ts';

export const DEFAULT_WECHAT_API_BASE = 'https://api.weixin.qq.com';

/** A token is renewed this long before WeChat says it expires, so a call never races the expiry. */
export const TOKEN_REFRESH_MARGIN_MS = 5 * 60 * 1000;

/** Transient answers (-1, 45011, a dropped connection, HTTP 5xx) are retried this many times. */
export const MAX_TRANSIENT_RETRIES = 3;

/** A request that hangs longer than this is treated as a dropped connection, so a stuck call cannot eat the job's time. */
export const REQUEST_TIMEOUT_MS = 60_000;

/** -1 clears within seconds; 45011 is a per-minute quota, so its waits span a minute. */
const BACKOFF_MS: Record<'busy' | 'minute-quota', readonly number[]> = {
  busy: [1_000, 2_000, 4_000],
  'minute-quota': [15_000, 30_000, 60_000],
};

/**
 * Calls that must never be sent twice when the first attempt's fate is unknown: a dropped
 * connection after freepublish/submit may still have published the article.
 */
const NOT_RESENT_AFTER_NETWORK_ERROR = new Set(['/cgi-bin/freepublish/submit']);

export interface WeChatClientOptions {
  appId: string;
  appSecret: string;
  /** Default https://api.weixin.qq.com; a fixed-IP proxy when the runner's IP is not whitelisted. */
  baseUrl?: string;
  /** Where the access token is kept between runs (mode 0600). Default: the user's cache folder, see defaultTokenCachePath. */
  tokenCachePath?: string;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface WeChatClient {
  getJson<T>(path: string, query?: Record<string, string>): Promise<T>;
  postJson<T>(path: string, body: unknown, query?: Record<string, string>): Promise<T>;
  uploadFile<T>(
    path: string,
    field: string,
    file: { name: string; bytes: Uint8Array; contentType: string },
    query?: Record<string, string>,
  ): Promise<T>;
}

/**
 * WeChat answered with errcode ≠ 0. `request` is "POST /cgi-bin/draft/add": never the query, which
 * holds the token. Exit 2 when no command handles it.
 */
export class WeChatApiError extends LocalizedError {
  readonly errcode: number;
  readonly errmsg: string;
  readonly request: string;
  constructor(errcode: number, errmsg: string, request: string, localized: LocalizedText) {
    super(localized);
    this.errcode = errcode;
    this.errmsg = errmsg;
    this.request = request;
  }
}

/** WeChat could not be reached, or answered with something other than JSON (exit 2 when no command handles it). */
export class WeChatNetworkError extends LocalizedError {
  readonly request: string;
  /** Whether the request may have reached WeChat and taken effect. */
  readonly mayHaveTakenEffect: boolean;
  constructor(request: string, localized: LocalizedText, mayHaveTakenEffect: boolean) {
    super(localized);
    this.request = request;
    this.mayHaveTakenEffect = mayHaveTakenEffect;
  }
}

/** Credentials come only from the environment, so they never sit in the repository or a command line. */
export function wechatClientFromEnvironment(
  env: NodeJS.ProcessEnv,
  overrides: Omit<WeChatClientOptions, 'appId' | 'appSecret' | 'baseUrl'> = {},
): WeChatClient {
  const missing = ['WECHAT_APPID', 'WECHAT_APPSECRET'].filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new WeChatConfigurationError(
      text(
        `缺少环境变量 ${missing.join('、')}：请在仓库的 Actions 密钥（或本机环境）中设置公众号的 AppID 与 AppSecret。`,
        `Missing environment variable ${missing.join(', ')}: set the account's AppID and AppSecret as repository Actions secrets (or in your shell).`,
      ),
    );
  }
  const appId = env.WECHAT_APPID!;
  const baseUrl = (env.WECHAT_API_BASE || DEFAULT_WECHAT_API_BASE).replace(/\/+$/, '');
  // The AppSecret travels in the token request: plain http:// is accepted only to this machine.
  if (
    !URL.canParse(baseUrl) ||
    !/^https?:\/\//i.test(baseUrl) ||
    new URL(baseUrl).username !== '' ||
    new URL(baseUrl).password !== '' ||
    (new URL(baseUrl).protocol === 'http:' && !isLoopbackHost(new URL(baseUrl).hostname))
  ) {
    throw new WeChatConfigurationError(
      text(
        'WECHAT_API_BASE 应是以 https:// 开头、不含用户名密码的网址（微信接口或固定 IP 代理的地址）；http:// 只允许本机（localhost、127.0.0.1、::1），否则 AppSecret 会明文传输。',
        'WECHAT_API_BASE must be an https:// URL without user name or password (the WeChat API or a fixed-IP proxy); plain http:// is allowed only for this machine (localhost, 127.0.0.1, ::1), or the AppSecret would travel in clear.',
      ),
    );
  }
  // MPFLOW_WECHAT_TOKEN_CACHE lets a runner keep the token somewhere it persists between jobs.
  const tokenCachePath =
    overrides.tokenCachePath ?? env.MPFLOW_WECHAT_TOKEN_CACHE ?? defaultTokenCachePath(appId, baseUrl, env);
  return createWeChatClient({ ...overrides, appId, appSecret: env.WECHAT_APPSECRET!, baseUrl, tokenCachePath });
}

/** localhost, 127.0.0.0/8 and ::1: addresses that never leave the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** The credentials in the environment are missing or unusable: nothing was sent, exit 1. */
export class WeChatConfigurationError extends LocalizedError {
  constructor(localized: LocalizedText) {
    super(localized, { exitCode: 1 });
  }
}

type Payload =
  | { kind: 'none' }
  | { kind: 'json'; body: unknown }
  | { kind: 'file'; field: string; file: { name: string; bytes: Uint8Array; contentType: string } };

export function createWeChatClient(options: WeChatClientOptions): WeChatClient {
  const baseUrl = (options.baseUrl ?? DEFAULT_WECHAT_API_BASE).replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const cachePath = options.tokenCachePath ?? defaultTokenCachePath(options.appId, baseUrl);
  // A proxy URL may carry user:password; messages name only its origin.
  const shownBase = safeOrigin(baseUrl);
  let memoryToken: CachedToken | undefined;

  /** Sends one HTTP request; WeChat's JSON answer, or a WeChatNetworkError. */
  async function send(
    method: 'GET' | 'POST',
    path: string,
    query: Record<string, string>,
    payload: Payload,
  ): Promise<Record<string, unknown>> {
    const request = `${method} ${path}`;
    const url = new URL(baseUrl + path);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    const init: RequestInit = { method, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) };
    if (payload.kind === 'json') {
      init.headers = { 'content-type': 'application/json; charset=utf-8' };
      // WeChat wants Chinese as UTF-8, not \u escapes (draft/add stores escapes literally in some fields).
      init.body = JSON.stringify(payload.body);
    } else if (payload.kind === 'file') {
      const form = new FormData();
      form.append(
        payload.field,
        new Blob([payload.file.bytes as Uint8Array<ArrayBuffer>], { type: payload.file.contentType }),
        payload.file.name,
      );
      init.body = form;
    }
    let response: Response;
    try {
      response = await fetchImpl(url, init);
    } catch (error) {
      // fetch's messages can quote the whole URL, access_token and all.
      const reason = scrub(
        error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error),
      );
      throw new WeChatNetworkError(
        request,
        text(
          `${request} 无法连接微信接口（${shownBase}）：${reason}`,
          `${request} could not reach the WeChat API (${shownBase}): ${reason}`,
        ),
        true,
      );
    }
    const body = await response.text().catch(() => '');
    if (response.status >= 500) {
      throw new WeChatNetworkError(
        request,
        text(
          `${request} 微信接口返回 HTTP ${response.status}。`,
          `${request}: the WeChat API answered HTTP ${response.status}.`,
        ),
        true,
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new WeChatNetworkError(
        request,
        text(
          `${request} 的回应不是 JSON（HTTP ${response.status}）。WECHAT_API_BASE 是否指向微信接口或其代理？`,
          `${request} did not answer JSON (HTTP ${response.status}). Does WECHAT_API_BASE point at the WeChat API or a proxy of it?`,
        ),
        false,
      );
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new WeChatNetworkError(
        request,
        text(`${request} 的回应不是 JSON 对象。`, `${request} did not answer a JSON object.`),
        false,
      );
    }
    return parsed as Record<string, unknown>;
  }

  function apiError(request: string, errcode: number, errmsg: string, file?: string): WeChatApiError {
    const { meaning } = errcodeMeaning(errcode);
    // WeChat's errmsg carries a request id (rid) that its support asks for; keep it, minus anything secret.
    const detail = scrub(errmsg);
    let zh = `${request} 失败：错误码 ${errcode}，${meaning.zh}`;
    let en = `${request} failed: errcode ${errcode}, ${meaning.en}`;
    if (errcode === 40164) {
      const ip = refusedIpOf(errmsg);
      if (ip) {
        zh += `被拒绝的出口 IP：${ip}。`;
        en += ` The refused outbound IP: ${ip}.`;
      }
    }
    if (file && (errcode === 40005 || errcode === 40009)) {
      zh += `文件：${file}。`;
      en += ` File: ${file}.`;
    }
    zh += `（${detail}）`;
    en += ` (${detail})`;
    return new WeChatApiError(errcode, detail, request, text(zh, en));
  }

  function scrub(message: string): string {
    let clean = message.replace(/access_token=[^&\s"']+/gi, 'access_token=***').replace(/\/\/[^/@\s]+@/g, '//***@');
    for (const secret of [options.appSecret, memoryToken?.accessToken]) {
      if (secret) clean = clean.split(secret).join('***');
    }
    return clean;
  }

  async function fetchToken(forceRefresh: boolean): Promise<CachedToken> {
    const request = 'POST /cgi-bin/stable_token';
    const answer = await withTransientRetries('/cgi-bin/stable_token', () =>
      send(
        'POST',
        '/cgi-bin/stable_token',
        {},
        {
          kind: 'json',
          body: {
            grant_type: 'client_credential',
            appid: options.appId,
            secret: options.appSecret,
            force_refresh: forceRefresh,
          },
        },
      ),
    );
    const errcode = Number(answer.errcode ?? 0);
    if (errcode !== 0) throw apiError(request, errcode, String(answer.errmsg ?? ''));
    if (typeof answer.access_token !== 'string' || typeof answer.expires_in !== 'number') {
      throw new WeChatNetworkError(
        request,
        text(
          `${request} 的回应缺少 access_token 或 expires_in。`,
          `${request} answered without access_token or expires_in.`,
        ),
        false,
      );
    }
    const token = { accessToken: answer.access_token, expiresAt: now() + answer.expires_in * 1000 };
    memoryToken = token;
    try {
      await writeCachedToken(cachePath, options.appId, baseUrl, token);
    } catch {
      // An unwritable cache folder costs only an extra token call next run; stable_token hands out the same token anyway.
    }
    return token;
  }

  const isFresh = (token: CachedToken | undefined): token is CachedToken =>
    token !== undefined && token.expiresAt - TOKEN_REFRESH_MARGIN_MS > now();

  async function currentToken(): Promise<string> {
    if (isFresh(memoryToken)) return memoryToken.accessToken;
    const cached = await readCachedToken(cachePath, options.appId, baseUrl);
    if (isFresh(cached)) {
      memoryToken = cached;
      return cached.accessToken;
    }
    return (await fetchToken(false)).accessToken;
  }

  /**
   * A rejected token is replaced once. stable_token without force_refresh returns the token every
   * process shares; only if that is the very token just rejected is a new one forced (20 a day).
   */
  async function replaceToken(rejected: string): Promise<string> {
    memoryToken = undefined;
    await removeCachedToken(cachePath).catch(() => undefined);
    const shared = await fetchToken(false);
    if (shared.accessToken !== rejected) return shared.accessToken;
    return (await fetchToken(true)).accessToken;
  }

  async function withTransientRetries(
    path: string,
    attempt: () => Promise<Record<string, unknown>>,
  ): Promise<Record<string, unknown>> {
    for (let retry = 0; ; retry += 1) {
      let answer: Record<string, unknown>;
      try {
        answer = await attempt();
      } catch (error) {
        // Only a dropped connection or an HTTP 5xx is worth another try; a non-JSON answer will not change.
        const transient =
          error instanceof WeChatNetworkError && error.mayHaveTakenEffect && !NOT_RESENT_AFTER_NETWORK_ERROR.has(path);
        if (transient && retry < MAX_TRANSIENT_RETRIES) {
          await sleep(BACKOFF_MS.busy[retry]!);
          continue;
        }
        throw error;
      }
      const errcode = Number(answer.errcode ?? 0);
      const wait =
        errcode === -1 ? BACKOFF_MS.busy[retry] : errcode === 45011 ? BACKOFF_MS['minute-quota'][retry] : undefined;
      if (wait === undefined || retry >= MAX_TRANSIENT_RETRIES) return answer;
      await sleep(wait);
    }
  }

  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    query: Record<string, string>,
    payload: Payload,
  ): Promise<T> {
    const request = `${method} ${path}`;
    let token = await currentToken();
    let refreshed = false;
    for (;;) {
      const answer = await withTransientRetries(path, () =>
        send(method, path, { ...query, access_token: token }, payload),
      );
      const errcode = Number(answer.errcode ?? 0);
      if (errcode === 0) return answer as T;
      if (errcodeMeaning(errcode).action === 'refresh-token' && !refreshed) {
        refreshed = true;
        token = await replaceToken(token);
        continue;
      }
      throw apiError(
        request,
        errcode,
        String(answer.errmsg ?? ''),
        payload.kind === 'file' ? payload.file.name : undefined,
      );
    }
  }

  return {
    getJson: <T>(path: string, query: Record<string, string> = {}) => call<T>('GET', path, query, { kind: 'none' }),
    postJson: <T>(path: string, body: unknown, query: Record<string, string> = {}) =>
      call<T>('POST', path, query, { kind: 'json', body }),
    uploadFile: <T>(
      path: string,
      field: string,
      file: { name: string; bytes: Uint8Array; contentType: string },
      query: Record<string, string> = {},
    ) => call<T>('POST', path, query, { kind: 'file', field, file }),
  };
}

function safeOrigin(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    return `${url.origin}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return '(WECHAT_API_BASE)';
  }
}
