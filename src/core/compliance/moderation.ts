import { createHash, createHmac } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { LocalizedText } from '../i18n/language.ts';
import type { PolicyFile } from '../model/types.generated.ts';
import { writeFileAtomically } from '../source/write-file-atomically.ts';

/**
 * The optional cloud layer: a department that wants a second opinion on its articles names a
 * moderation provider in its policy (`compliance.moderation`). `mpflow lint --moderate` sends the
 * paragraphs the cache has no verdict for, and only those, and records each verdict under the
 * paragraph's digest in a JSON file committed with the repository. `mpflow lint` (with or without
 * --moderate) reports the cached verdicts as `<family>/cloud` warnings, so CI gives the same answer
 * on every run without a key or a network; nothing of the cloud layer can fail a check.
 *
 * Providers:
 * - `openai-compatible`: a chat-completions endpoint (DeepSeek, Qwen, …) asked for a JSON verdict
 *   naming the content families a paragraph breaks; key in the environment variable `keyEnv`
 *   (sent as a Bearer token).
 * - `tencent-tms`: Tencent Cloud 文本内容安全 TextModeration (API 2020-12-29, TC3-HMAC-SHA256
 *   signed); `keyEnv` holds `SecretId:SecretKey`. A Block or Review suggestion is a lexicon verdict.
 * Its fields are the policy schema's `compliance.moderation` (schemas/policy.schema.json).
 */
export type ModerationSettings = NonNullable<PolicyFile['compliance']['moderation']>;

export const DEFAULT_CACHE_FILE = '.mpflow/moderation-cache.json';

/** The families a provider may name: the content families (form is the engine's own business). */
export const CLOUD_FAMILIES = [
  'ad-law',
  'medical',
  'finance',
  'education',
  'induce-share',
  'induce-follow',
  'lexicon',
] as const;
export type CloudFamily = (typeof CLOUD_FAMILIES)[number];

export interface ModerationVerdict {
  families: CloudFamily[];
  /** The provider's reason, as it gave it (shown with the finding). */
  reason: string;
}

export interface ModerationCache {
  version: 1;
  /** Paragraph digest → verdict; an empty families list is a paragraph the provider passed. */
  verdicts: Record<string, ModerationVerdict>;
}

/** A paragraph of a Markdown body: its text and offsets. Blank lines separate paragraphs. */
export interface Paragraph {
  text: string;
  start: number;
  end: number;
}

export function paragraphsOf(body: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const pattern = /[^\n]+(?:\n[^\n]+)*/g;
  for (let match = pattern.exec(body); match; match = pattern.exec(body)) {
    const text = match[0];
    // Code fences, HTML comments and lines without a CJK character or a letter are not prose.
    if (text.trim() === '' || text.startsWith('```') || text.startsWith('<!--') || !/[\p{L}]/u.test(text)) continue;
    paragraphs.push({ text, start: match.index, end: match.index + text.length });
  }
  return paragraphs;
}

/** The cache key of a paragraph: provider, endpoint, model and the paragraph's text. */
export function paragraphDigest(settings: ModerationSettings, text: string): string {
  return createHash('sha256')
    .update(`${settings.provider}\n${settings.endpoint}\n${settings.model ?? ''}\n${text.trim()}`)
    .digest('hex');
}

const loaded = new Map<string, { mtimeMs: number; size: number; cache: ModerationCache }>();

/** The cache file's verdicts (an empty cache when there is none). Read once per version of the file. */
export function readModerationCache(file: string): ModerationCache {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(file);
  } catch {
    return { version: 1, verdicts: {} };
  }
  const known = loaded.get(file);
  if (known && known.mtimeMs === stats.mtimeMs && known.size === stats.size) return known.cache;
  let cache: ModerationCache = { version: 1, verdicts: {} };
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<ModerationCache>;
    if (parsed && parsed.version === 1 && parsed.verdicts && typeof parsed.verdicts === 'object')
      cache = { version: 1, verdicts: parsed.verdicts };
  } catch {
    // A damaged cache is an empty one: --moderate asks again and rewrites it.
  }
  loaded.set(file, { mtimeMs: stats.mtimeMs, size: stats.size, cache });
  return cache;
}

/** Written with sorted keys, so that the same verdicts give the same file (and small diffs). */
export async function writeModerationCache(file: string, cache: ModerationCache): Promise<void> {
  const verdicts = Object.fromEntries(
    Object.keys(cache.verdicts)
      .sort()
      .map((key) => [key, cache.verdicts[key]!]),
  );
  const { mkdir } = await import('node:fs/promises');
  const path = await import('node:path');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomically(file, `${JSON.stringify({ version: 1, verdicts }, null, 1)}\n`);
  loaded.delete(file);
}

export class ModerationError extends Error {}

export interface ModerateOptions {
  env: NodeJS.ProcessEnv;
  /** The instant of the request (tencent-tms signs it). */
  now: number;
  fetch?: typeof fetch;
}

const SYSTEM_PROMPT = [
  'You review paragraphs of a Chinese WeChat Official Account article for content rules.',
  'Answer with one JSON object: {"families": [...], "reason": "..."}.',
  'families lists those that the paragraph itself breaks (quoting, reporting on or debunking such content breaks none):',
  'ad-law (absolute terms, state endorsement; Advertising Law art. 9), medical (treatment or efficacy claims),',
  'finance (promised returns, no risk), education (guaranteed results), induce-share (rewards or pressure to share),',
  'induce-follow (rewards for following), lexicon (vulgar words, clickbait, rumours, contact lures, gambling or fraud).',
  'reason: one short sentence in Chinese. An empty families list when the paragraph is fine.',
].join(' ');

async function askOpenAiCompatible(
  settings: ModerationSettings,
  key: string,
  text: string,
  fetcher: typeof fetch,
): Promise<ModerationVerdict> {
  const response = await fetcher(settings.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({
      model: settings.model,
      temperature: 0,
      response_format: { type: 'json_object' },
      messages: [
        { role: 'system', content: SYSTEM_PROMPT },
        { role: 'user', content: text },
      ],
    }),
  });
  if (!response.ok) throw new ModerationError(`${settings.endpoint} answered HTTP ${response.status}`);
  const body = (await response.json()) as { choices?: Array<{ message?: { content?: string } }> };
  const content = body.choices?.[0]?.message?.content;
  if (typeof content !== 'string')
    throw new ModerationError(`${settings.endpoint} answered without choices[0].message.content`);
  let verdict: { families?: unknown; reason?: unknown };
  try {
    verdict = JSON.parse(content.replace(/^```(?:json)?\s*|\s*```$/g, '')) as typeof verdict;
  } catch {
    throw new ModerationError(`${settings.endpoint} answered a verdict that is not JSON: ${content.slice(0, 80)}`);
  }
  const families = Array.isArray(verdict.families)
    ? verdict.families.filter((family): family is CloudFamily =>
        (CLOUD_FAMILIES as readonly unknown[]).includes(family),
      )
    : [];
  return { families: [...new Set(families)].sort(), reason: typeof verdict.reason === 'string' ? verdict.reason : '' };
}

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');
const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text).digest();

/** The TC3-HMAC-SHA256 signature headers of a Tencent Cloud API 3.0 request (POST, JSON body). */
export function tencentCloudHeaders(input: {
  secretId: string;
  secretKey: string;
  host: string;
  service: string;
  action: string;
  version: string;
  region: string;
  payload: string;
  timestamp: number;
}): Record<string, string> {
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10);
  const contentType = 'application/json; charset=utf-8';
  const signedHeaders = 'content-type;host;x-tc-action';
  const canonicalRequest = [
    'POST',
    '/',
    '',
    `content-type:${contentType}\nhost:${input.host}\nx-tc-action:${input.action.toLowerCase()}\n`,
    signedHeaders,
    sha256Hex(input.payload),
  ].join('\n');
  const scope = `${date}/${input.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(input.timestamp), scope, sha256Hex(canonicalRequest)].join('\n');
  const signing = hmac(hmac(hmac(`TC3${input.secretKey}`, date), input.service), 'tc3_request');
  const signature = createHmac('sha256', signing).update(stringToSign).digest('hex');
  return {
    'content-type': contentType,
    host: input.host,
    'x-tc-action': input.action,
    'x-tc-version': input.version,
    'x-tc-region': input.region,
    'x-tc-timestamp': String(input.timestamp),
    authorization: `TC3-HMAC-SHA256 Credential=${input.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}

async function askTencentTms(
  settings: ModerationSettings,
  key: string,
  text: string,
  options: ModerateOptions,
  fetcher: typeof fetch,
): Promise<ModerationVerdict> {
  const split = key.indexOf(':');
  if (split <= 0) throw new ModerationError(`${settings.keyEnv} must hold SecretId:SecretKey for tencent-tms`);
  const url = new URL(settings.endpoint);
  const payload = JSON.stringify({
    Content: Buffer.from(text, 'utf8').toString('base64'),
    ...(settings.model ? { BizType: settings.model } : {}),
  });
  const headers = tencentCloudHeaders({
    secretId: key.slice(0, split),
    secretKey: key.slice(split + 1),
    host: url.host,
    service: 'tms',
    action: 'TextModeration',
    version: '2020-12-29',
    region: settings.region ?? 'ap-guangzhou',
    payload,
    timestamp: Math.floor(options.now / 1000),
  });
  const response = await fetcher(url, { method: 'POST', headers, body: payload });
  if (!response.ok) throw new ModerationError(`${settings.endpoint} answered HTTP ${response.status}`);
  const body = (await response.json()) as {
    Response?: {
      Suggestion?: string;
      Label?: string;
      SubLabel?: string;
      Keywords?: string[];
      Error?: { Code?: string; Message?: string };
    };
  };
  const answer = body.Response;
  if (!answer) throw new ModerationError(`${settings.endpoint} answered without Response`);
  if (answer.Error)
    throw new ModerationError(
      `${settings.endpoint}: ${answer.Error.Code ?? 'error'} ${answer.Error.Message ?? ''}`.trim(),
    );
  const flagged = answer.Suggestion === 'Block' || answer.Suggestion === 'Review';
  const label = [answer.Label, answer.SubLabel].filter(Boolean).join('/');
  const keywords = (answer.Keywords ?? []).join('、');
  return {
    families: flagged ? ['lexicon'] : [],
    reason: flagged ? `${answer.Suggestion} ${label}${keywords ? `（${keywords}）` : ''}` : '',
  };
}

/**
 * Asks the provider about every paragraph the cache has no verdict for, and adds the verdicts to
 * the cache (returned; the caller writes it). Nothing is sent for a paragraph already cached.
 */
export async function moderate(
  settings: ModerationSettings,
  paragraphs: readonly string[],
  cache: ModerationCache,
  options: ModerateOptions,
): Promise<{ cache: ModerationCache; sent: number }> {
  const key = options.env[settings.keyEnv];
  if (!key)
    throw new ModerationError(`the environment variable ${settings.keyEnv} (compliance.moderation.keyEnv) is not set`);
  const given = options.fetch ?? fetch;
  // A refused connection or a reset is the provider's failure, told as one (no stack trace).
  const fetcher: typeof fetch = async (input, init) => {
    try {
      return await given(input, init);
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new ModerationError(
        `could not reach ${settings.endpoint}: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
      );
    }
  };
  const verdicts = { ...cache.verdicts };
  let sent = 0;
  for (const text of paragraphs) {
    const digest = paragraphDigest(settings, text);
    if (verdicts[digest]) continue;
    verdicts[digest] =
      settings.provider === 'tencent-tms'
        ? await askTencentTms(settings, key, text, options, fetcher)
        : await askOpenAiCompatible(settings, key, text, fetcher);
    sent += 1;
  }
  return { cache: { version: 1, verdicts }, sent };
}

/** The policy's moderation section, when it is complete enough to use. */
export function moderationSettings(
  policy: { compliance?: { moderation?: unknown } } | undefined,
): ModerationSettings | undefined {
  const given = policy?.compliance?.moderation as Partial<ModerationSettings> | undefined;
  if (
    !given ||
    (given.provider !== 'openai-compatible' && given.provider !== 'tencent-tms') ||
    typeof given.endpoint !== 'string' ||
    typeof given.keyEnv !== 'string'
  )
    return undefined;
  return given as ModerationSettings;
}

/** The cache file of a repository's moderation settings. */
export function moderationCacheFile(root: string, settings: ModerationSettings): string {
  return `${root.replace(/\/+$/, '')}/${settings.cacheFile ?? DEFAULT_CACHE_FILE}`;
}

/** What the engine needs for a policy: its settings and the cache as it is now; undefined without a provider. */
export function moderationFor(
  root: string,
  policy: { compliance?: { moderation?: unknown } } | undefined,
): { settings: ModerationSettings; cache: ModerationCache } | undefined {
  const settings = moderationSettings(policy);
  return settings ? { settings, cache: readModerationCache(moderationCacheFile(root, settings)) } : undefined;
}

/**
 * The cached verdicts a body's findings depend on, as a string for the check cache's key ('' when
 * the policy names no provider): a verdict added by lint --moderate changes the key of exactly the
 * articles whose paragraphs it concerns.
 */
export function cachedVerdictsKey(
  root: string,
  policy: { compliance?: { moderation?: unknown } } | undefined,
  body: string,
): string {
  const moderation = moderationFor(root, policy);
  if (!moderation) return '';
  const { settings, cache } = moderation;
  return JSON.stringify(
    paragraphsOf(body).map((paragraph) => cache.verdicts[paragraphDigest(settings, paragraph.text)] ?? null),
  );
}

export const CLOUD_READS: LocalizedText = {
  zh: '云端审核认为此段',
  en: 'The cloud moderation reads this paragraph as',
};
