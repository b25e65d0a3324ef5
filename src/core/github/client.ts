import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

const GitHubOctokit = Octokit.plugin(retry, throttling);
export type GitHubClient = InstanceType<typeof GitHubOctokit>;

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';
/** How many times a rate-limited request is tried again after waiting the limit out. */
const RATE_LIMIT_RETRIES = 3;

export interface GitHubClientOptions {
  token?: string;
  /** REST API root; GitHub Enterprise Server uses https://HOST/api/v3. */
  baseUrl?: string;
  /**
   * Milliseconds per second of a rate-limit wait (GitHub says "retry after N seconds"). 1000 in
   * real use; tests make it small so a rate limit is waited out without slowing the suite.
   */
  rateLimitMillisecondsPerSecond?: number;
  /** Base of the back-off for 5xx retries (attempt n waits n² × this). */
  retryBaseMilliseconds?: number;
  /** 5xx retries before giving up. */
  retries?: number;
  /**
   * Pause between writes. GitHub asks integrations to space content-creating requests about one
   * second apart to stay clear of the secondary rate limit.
   */
  writeSpacingMilliseconds?: number;
  /** Where "waiting for the rate limit" notices go (stderr in the CLI). */
  notice?: (message: string) => void;
}

/** Spaces writes like the throttling plugin's own write limiter, but with a configurable gap. */
function writeSpacer(gap: number) {
  let next = 0;
  const limiter = {
    schedule: async (...args: unknown[]) => {
      const task = args.find((argument) => typeof argument === 'function') as (() => unknown) | undefined;
      const wait = next - Date.now();
      next = Math.max(Date.now(), next) + gap;
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      return task?.();
    },
  };
  return { key: () => limiter };
}

/**
 * A GitHub REST client: @octokit/rest with the retry plugin (5xx and network errors retried with
 * back-off) and the throttling plugin (primary and secondary rate limits waited out, then retried).
 */
export function createGitHubClient(options: GitHubClientOptions = {}): GitHubClient {
  const notice = options.notice ?? (() => {});
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      if (retryCount >= RATE_LIMIT_RETRIES) return false;
      notice(
        `GitHub ${kind} rate limit on ${request.method} ${request.url}; waiting ${retryAfter} s (attempt ${retryCount + 1} of ${RATE_LIMIT_RETRIES}).`,
      );
      return true;
    };
  return new GitHubOctokit({
    ...(options.token ? { auth: options.token } : {}),
    baseUrl: (options.baseUrl ?? DEFAULT_GITHUB_API_URL).replace(/\/+$/, ''),
    userAgent: 'mpflow-review-gate',
    // Octokit's default logger writes to the console; the CLI decides what the user sees.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    // 429 is left to the throttling plugin, which waits as long as GitHub asks; retrying it here too
    // would multiply the attempts.
    retry: {
      retries: options.retries ?? 3,
      retryAfterBaseValue: options.retryBaseMilliseconds ?? 1000,
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
    },
    throttle: {
      id: `mpflow-${Math.random().toString(36).slice(2)}`,
      retryAfterBaseValue: options.rateLimitMillisecondsPerSecond ?? 1000,
      // A small fallback when GitHub sends no retry-after for a secondary limit: the default is 60 s.
      fallbackSecondaryRateRetryAfter: 60,
      write: writeSpacer(options.writeSpacingMilliseconds ?? 1000) as never,
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
    },
  });
}

/** GITHUB_TOKEN and GITHUB_API_URL, as GitHub Actions sets them (also on GitHub Enterprise Server). */
export function githubOptionsFromEnvironment(env: NodeJS.ProcessEnv): Pick<GitHubClientOptions, 'token' | 'baseUrl'> {
  const token = env.GITHUB_TOKEN?.trim();
  const baseUrl = env.GITHUB_API_URL?.trim();
  return { ...(token ? { token } : {}), baseUrl: baseUrl || DEFAULT_GITHUB_API_URL };
}
