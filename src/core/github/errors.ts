import { text, type LocalizedText } from '../i18n/language.ts';
import { LocalizedError } from '../diagnostics/localized-error.ts';

/** A GitHub API request that failed for good (after retries): what was asked, what came back (exit 2). */
export class GitHubApiError extends LocalizedError {
  readonly status: number;
  /** e.g. "GET /repos/acme/wechat/pulls/12"; never carries the token. */
  readonly request: string;
  constructor(status: number, request: string, localized: LocalizedText) {
    super(localized);
    this.status = status;
    this.request = request;
  }
}

interface OctokitRequestError {
  status: number;
  message: string;
  request: { method: string; url: string };
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
}

function isRequestError(error: unknown): error is OctokitRequestError {
  const candidate = error as Partial<OctokitRequestError> | null;
  return (
    typeof candidate?.status === 'number' &&
    typeof candidate.request?.method === 'string' &&
    typeof candidate.request.url === 'string'
  );
}

/** The request as a person would write it: method and path, no host, no query string secrets. */
function describeRequest(method: string, url: string, apiRoot: string): string {
  let pathname = url;
  try {
    const parsed = new URL(url);
    const root = new URL(apiRoot);
    pathname =
      parsed.pathname.startsWith(`${root.pathname.replace(/\/$/, '')}/`) && root.pathname !== '/'
        ? parsed.pathname.slice(root.pathname.replace(/\/$/, '').length)
        : parsed.pathname;
    const ref = parsed.searchParams.get('ref');
    if (ref) pathname += `?ref=${ref}`;
  } catch {
    // Not a URL: keep as given.
  }
  return `${method.toUpperCase()} ${decodeURIComponent(pathname)}`;
}

/** Turns whatever Octokit threw into a GitHubApiError with a plain message in both languages. */
export function toGitHubApiError(error: unknown, apiRoot: string): GitHubApiError | undefined {
  if (error instanceof GitHubApiError) return error;
  if (!isRequestError(error)) {
    const cause =
      (error as { cause?: { code?: string } } | null)?.cause?.code ?? (error as { code?: string } | null)?.code;
    if (typeof cause === 'string' && /^(ECONNREFUSED|ENOTFOUND|ECONNRESET|ETIMEDOUT|EAI_AGAIN|UND_ERR)/.test(cause)) {
      return new GitHubApiError(
        0,
        apiRoot,
        text(
          `连不上 GitHub API（${apiRoot}）：${cause}。请检查 GITHUB_API_URL 和网络。`,
          `Cannot reach the GitHub API at ${apiRoot}: ${cause}. Check GITHUB_API_URL and the network.`,
        ),
      );
    }
    return undefined;
  }
  const request = describeRequest(error.request.method, error.request.url, apiRoot);
  if (!error.response) {
    // Octokit reports a request that got no answer at all (refused, DNS, TLS) as a 500 without a response.
    const cause = (error as { cause?: { cause?: { code?: string; message?: string }; message?: string } }).cause;
    const reason = cause?.cause?.code ?? cause?.cause?.message ?? cause?.message ?? error.message;
    return new GitHubApiError(
      0,
      request,
      text(
        `${request} 没有得到回应：连不上 ${apiRoot}（${reason}），重试后仍然失败。请检查 GITHUB_API_URL 和网络。`,
        `${request} got no answer: cannot reach ${apiRoot} (${reason}), still failing after retries. Check GITHUB_API_URL and the network.`,
      ),
    );
  }
  const status = error.status;
  const remaining = error.response?.headers?.['x-ratelimit-remaining'];
  const githubMessage =
    typeof (error.response?.data as { message?: unknown } | undefined)?.message === 'string'
      ? (error.response!.data as { message: string }).message
      : '';
  const said = githubMessage ? `（GitHub：${githubMessage}）` : '';
  const saidEn = githubMessage ? ` (GitHub: ${githubMessage})` : '';
  let message: LocalizedText;
  if (status === 401) {
    message = text(
      `${request} 被拒绝：401 未通过认证${said}。GITHUB_TOKEN 没有设置、已过期或无效。`,
      `${request} was refused: 401 unauthorised${saidEn}. GITHUB_TOKEN is missing, expired or invalid.`,
    );
  } else if ((status === 403 || status === 429) && remaining === '0') {
    message = text(
      `${request} 多次遇到 GitHub 的速率限制，等待后仍未成功${said}。请稍后重新运行。`,
      `${request} kept hitting GitHub's rate limit after waiting${saidEn}. Run it again later.`,
    );
  } else if (status === 403) {
    message = text(
      `${request} 被拒绝：403 没有权限${said}。检查工作流的 permissions（需要 statuses: write、pull-requests: write、issues: write、contents: read）。`,
      `${request} was refused: 403 forbidden${saidEn}. Check the workflow's permissions (statuses: write, pull-requests: write, issues: write, contents: read).`,
    );
  } else if (status === 404) {
    message = text(
      `${request} 返回 404：没有这个仓库、PR 或文件，或令牌无权访问它${said}。检查 --repo、--pr 和 GITHUB_TOKEN 的权限。`,
      `${request} returned 404: no such repository, pull request or file, or the token cannot see it${saidEn}. Check --repo, --pr and the token's access.`,
    );
  } else if (status >= 500) {
    message = text(
      `${request} 失败：GitHub 返回 ${status}，重试后仍未成功${said}。请稍后重新运行。`,
      `${request} failed: GitHub answered ${status}, still failing after retries${saidEn}. Run it again later.`,
    );
  } else {
    message = text(
      `${request} 失败：GitHub 返回 ${status}${said}。`,
      `${request} failed: GitHub answered ${status}${saidEn}.`,
    );
  }
  return new GitHubApiError(status, request, message);
}
