import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake GitHub REST API on loopback: real HTTP, GitHub's payload shapes for the endpoints the
 * review gate uses, pagination through Link headers, rate-limit and 5xx responses on demand. Every
 * call is recorded so tests can assert what was read and what was written.
 */

export interface FakeUser {
  login: string;
  type?: 'User' | 'Bot';
}

export interface FakeCommit {
  sha: string;
  /** Linked GitHub account of the author; null when the e-mail is linked to none. */
  author: string | null;
  committer?: string | null;
  authorName?: string;
  /** The e-mail written in the commit (default: derived from the name). */
  authorEmail?: string;
  message?: string;
  /** Files this commit touched (GET /repos/{o}/{r}/commits/{sha}). */
  files?: string[];
  /** The committer's name and e-mail written in the commit (default: the author's). */
  committerName?: string;
  committerEmail?: string;
  /** verification.verified: GitHub checked the commit's signature. */
  verified?: boolean;
}

export interface FakeReview {
  id?: number;
  user: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
  commit_id: string;
  submitted_at: string;
  body?: string;
}

export interface FakeComment {
  id?: number;
  user: string;
  type?: 'User' | 'Bot';
  body: string;
  created_at: string;
  updated_at?: string;
}

export interface FakePull {
  number: number;
  title: string;
  user: string;
  body?: string;
  draft?: boolean;
  state?: 'open' | 'closed';
  created_at: string;
  merged_at?: string | null;
  merged_by?: string | null;
  head: { sha: string; ref?: string };
  base: { sha: string; ref?: string };
  labels?: string[];
  commits: FakeCommit[];
  files: Array<{ filename: string; status?: string; previous_filename?: string }>;
  reviews?: FakeReview[];
  comments?: FakeComment[];
}

export interface FakeStatus {
  sha: string;
  state: string;
  context: string;
  description?: string;
  target_url?: string;
  created_at: string;
}

export interface FakeRepository {
  owner: string;
  name: string;
  pulls: Map<number, FakePull>;
  /** Files by commit SHA, then by path: what the contents API serves for ?ref=SHA. */
  trees: Map<string, Map<string, string>>;
  statuses: FakeStatus[];
  checkRuns: Map<
    string,
    Array<{
      name: string;
      status: string;
      conclusion: string | null;
      output?: { title?: string; summary?: string };
      details_url?: string;
    }>
  >;
  /** Branch name → the commit it points at (GET /git/ref/heads/{branch}). */
  branches: Map<string, string>;
  /** The repository's default branch, as pulls report it in base.repo.default_branch. */
  defaultBranch: string;
}

export interface FakeCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
}

export interface FakeFailure {
  method?: string;
  /** Matched against the path (no query). */
  path: RegExp;
  status: number;
  times: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface FakeGitHubOptions {
  /** Token the server accepts; requests without it (or with another) get 401 Bad credentials. */
  token?: string;
  /** Largest page the server serves, whatever per_page asks: small values force pagination. */
  maxPerPage?: number;
  /** Serve the API under a path prefix, as GitHub Enterprise Server does (/api/v3). */
  prefix?: string;
}

export interface FakeGitHub {
  url: string;
  calls: FakeCall[];
  repositories: Map<string, FakeRepository>;
  addRepository(owner: string, name: string): FakeRepository;
  /** Queue failures: the next `times` matching requests get this response. */
  fail(failure: FakeFailure): void;
  /** A primary rate limit: 403, x-ratelimit-remaining 0, reset one second from now. */
  rateLimit(path: RegExp, options?: { times?: number; status?: 403 | 429 }): void;
  /** A secondary rate limit: 403 with retry-after. */
  secondaryRateLimit(path: RegExp, options?: { times?: number; retryAfterSeconds?: number }): void;
  /** Calls that changed something (not GET). */
  writes(): FakeCall[];
  close(): Promise<void>;
}

const BOT: FakeUser = { login: 'github-actions[bot]', type: 'Bot' };

function userJson(user: FakeUser | string) {
  const login = typeof user === 'string' ? user : user.login;
  const type = typeof user === 'string' ? 'User' : (user.type ?? 'User');
  return {
    login,
    id: hashId(login),
    node_id: `U_${login}`,
    type,
    site_admin: false,
    html_url: `https://github.example/${login}`,
  };
}

function hashId(value: string): number {
  let hash = 7;
  for (const character of value) hash = (hash * 31 + character.charCodeAt(0)) % 2_000_000_000;
  return hash;
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const repositories = new Map<string, FakeRepository>();
  const calls: FakeCall[] = [];
  const failures: FakeFailure[] = [];
  const prefix = (options.prefix ?? '').replace(/\/$/, '');
  let nextId = 900_000;
  let baseUrl = '';

  const server = createServer((request, response) => {
    let raw = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (raw += chunk));
    request.on('end', () => {
      try {
        handle(request, response, raw);
      } catch (error) {
        send(response, 500, { message: `fake GitHub bug: ${(error as Error).message}` });
      }
    });
  });

  function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    const text = body === undefined ? '' : JSON.stringify(body);
    response.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-github-media-type': 'github.v3; format=json',
      ...headers,
    });
    response.end(text);
  }

  function handle(request: IncomingMessage, response: ServerResponse, raw: string) {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    let path = decodeURIComponent(url.pathname);
    const query = Object.fromEntries(url.searchParams);
    const body = raw ? (JSON.parse(raw) as unknown) : undefined;
    const call: FakeCall = { method, path, query, body, status: 0 };
    calls.push(call);
    const reply = (status: number, json: unknown, headers?: Record<string, string>) => {
      call.status = status;
      send(response, status, json, headers);
    };
    if (prefix) {
      if (!path.startsWith(`${prefix}/`)) return reply(404, { message: 'Not Found' });
      path = path.slice(prefix.length);
      call.path = path;
    }
    if (options.token !== undefined) {
      const authorization = request.headers.authorization ?? '';
      if (authorization !== `token ${options.token}` && authorization !== `Bearer ${options.token}`) {
        return reply(401, {
          message: 'Bad credentials',
          documentation_url: 'https://docs.github.com/rest',
          status: '401',
        });
      }
    }
    const failure = failures.find(
      (entry) => entry.times > 0 && entry.path.test(path) && (!entry.method || entry.method === method),
    );
    if (failure) {
      failure.times -= 1;
      return reply(failure.status, failure.body ?? { message: 'Server Error' }, failure.headers);
    }
    const repoMatch = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path);
    const repository = repoMatch ? repositories.get(`${repoMatch[1]}/${repoMatch[2]}`.toLowerCase()) : undefined;
    if (!repoMatch || !repository)
      return reply(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
    const rest = repoMatch[3] ?? '';
    const answer = route(repository, method, rest, query, body as Record<string, unknown> | undefined);
    if (!answer)
      return reply(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
    if ('page' in answer) {
      const perPage = Math.min(Number(query.per_page ?? 30) || 30, 100, options.maxPerPage ?? 100);
      const page = Math.max(1, Number(query.page ?? 1) || 1);
      const items = answer.page;
      const last = Math.max(1, Math.ceil(items.length / perPage));
      const slice = items.slice((page - 1) * perPage, page * perPage);
      const links: string[] = [];
      const link = (n: number, rel: string) => {
        const target = new URL(`${baseUrl}${prefix}${path}`);
        for (const [key, value] of Object.entries(query)) target.searchParams.set(key, value);
        target.searchParams.set('per_page', String(perPage));
        target.searchParams.set('page', String(n));
        links.push(`<${target.toString()}>; rel="${rel}"`);
      };
      if (page < last) {
        link(page + 1, 'next');
        link(last, 'last');
      }
      if (page > 1) {
        link(1, 'first');
        link(page - 1, 'prev');
      }
      const json = answer.wrap ? { total_count: items.length, [answer.wrap]: slice } : slice;
      return reply(200, json, links.length > 0 ? { link: links.join(', ') } : {});
    }
    return reply(answer.status ?? 200, answer.json);
  }

  type Answer = { status?: number; json: unknown } | { page: unknown[]; wrap?: string };

  function route(
    repository: FakeRepository,
    method: string,
    rest: string,
    query: Record<string, string>,
    body: Record<string, unknown> | undefined,
  ): Answer | undefined {
    const full = `${repository.owner}/${repository.name}`;
    const api = `${baseUrl}${prefix}/repos/${full}`;
    let match: RegExpExecArray | null;

    if ((match = /^\/pulls\/(\d+)(\/[a-z]+)?$/.exec(rest)) && method === 'GET') {
      const pull = repository.pulls.get(Number(match[1]));
      if (!pull) return undefined;
      switch (match[2]) {
        case undefined:
          return { json: pullJson(repository, pull, api) };
        case '/commits':
          // GitHub lists at most 250 commits of a pull request.
          return { page: pull.commits.slice(0, 250).map((commit) => commitJson(commit, api)) };
        case '/files':
          // ... and at most 3000 of its files.
          return {
            page: pull.files.slice(0, 3000).map((file) => ({
              sha: 'f'.repeat(40),
              filename: file.filename,
              status: file.status ?? 'modified',
              additions: 1,
              deletions: 0,
              changes: 1,
              ...(file.previous_filename ? { previous_filename: file.previous_filename } : {}),
            })),
          };
        case '/reviews':
          return { page: (pull.reviews ?? []).map((review) => reviewJson(review, pull, api)) };
        default:
          return undefined;
      }
    }
    if ((match = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      const pull = repository.pulls.get(Number(match[1]));
      if (!pull) return undefined;
      pull.comments ??= [];
      if (method === 'GET') return { page: pull.comments.map((comment) => commentJson(comment, pull, full, api)) };
      if (method === 'POST') {
        const now = new Date().toISOString();
        const comment: FakeComment = {
          id: nextId++,
          user: BOT.login,
          type: 'Bot',
          body: String(body?.body ?? ''),
          created_at: now,
          updated_at: now,
        };
        pull.comments.push(comment);
        return { status: 201, json: commentJson(comment, pull, full, api) };
      }
    }
    if ((match = /^\/issues\/comments\/(\d+)$/.exec(rest)) && method === 'DELETE') {
      for (const pull of repository.pulls.values()) {
        const index = pull.comments?.findIndex((entry) => entry.id === Number(match![1])) ?? -1;
        if (index >= 0) {
          pull.comments!.splice(index, 1);
          return { status: 204, json: undefined };
        }
      }
      return undefined;
    }
    if ((match = /^\/issues\/comments\/(\d+)$/.exec(rest)) && method === 'PATCH') {
      for (const pull of repository.pulls.values()) {
        const comment = pull.comments?.find((entry) => entry.id === Number(match![1]));
        if (comment) {
          comment.body = String(body?.body ?? '');
          comment.updated_at = new Date().toISOString();
          return { json: commentJson(comment, pull, full, api) };
        }
      }
      return undefined;
    }
    if ((match = /^\/issues\/(\d+)\/labels(?:\/(.+))?$/.exec(rest))) {
      const pull = repository.pulls.get(Number(match[1]));
      if (!pull) return undefined;
      pull.labels ??= [];
      const labelsJson = () =>
        pull.labels!.map((name) => ({ id: hashId(name), name, color: 'ededed', default: false }));
      if (method === 'GET' && !match[2]) return { page: labelsJson() };
      if (method === 'POST' && !match[2]) {
        for (const name of (body?.labels as string[] | undefined) ?? [])
          if (!pull.labels.includes(name)) pull.labels.push(name);
        return { json: labelsJson() };
      }
      if (method === 'DELETE' && match[2]) {
        const index = pull.labels.indexOf(match[2]);
        if (index < 0) return { status: 404, json: { message: 'Label does not exist' } };
        pull.labels.splice(index, 1);
        return { json: labelsJson() };
      }
    }
    if ((match = /^\/statuses\/([0-9a-f]{40})$/.exec(rest)) && method === 'POST') {
      const state = String(body?.state ?? '');
      const description = body?.description === undefined ? undefined : String(body.description);
      if (
        !['error', 'failure', 'pending', 'success'].includes(state) ||
        (description !== undefined && description.length > 140)
      ) {
        return {
          status: 422,
          json: {
            message: 'Validation Failed',
            errors: [{ resource: 'Status', code: 'custom', message: 'state or description is invalid' }],
          },
        };
      }
      const status: FakeStatus = {
        sha: match[1]!,
        state,
        context: String(body?.context ?? 'default'),
        created_at: new Date().toISOString(),
        ...(description !== undefined ? { description } : {}),
        ...(body?.target_url ? { target_url: String(body.target_url) } : {}),
      };
      repository.statuses.push(status);
      return {
        status: 201,
        json: {
          id: nextId++,
          state,
          context: status.context,
          description: status.description ?? null,
          target_url: status.target_url ?? null,
          created_at: status.created_at,
          updated_at: status.created_at,
          creator: userJson(BOT),
        },
      };
    }
    if ((match = /^\/commits\/([0-9a-f]{40})\/status$/.exec(rest)) && method === 'GET') {
      const sha = match[1]!;
      const latest = new Map<string, FakeStatus>();
      for (const status of repository.statuses) if (status.sha === sha) latest.set(status.context, status);
      const statuses = [...latest.values()];
      const state = statuses.some((status) => status.state === 'failure' || status.state === 'error')
        ? 'failure'
        : statuses.length === 0 || statuses.some((status) => status.state === 'pending')
          ? 'pending'
          : 'success';
      return {
        json: {
          state,
          sha,
          total_count: statuses.length,
          statuses: statuses.map((status) => ({
            context: status.context,
            state: status.state,
            description: status.description ?? null,
            target_url: status.target_url ?? null,
            created_at: status.created_at,
            updated_at: status.created_at,
          })),
          repository: { full_name: full },
        },
      };
    }
    if (rest === '/check-runs' && method === 'POST') {
      const headSha = String(body?.head_sha ?? '');
      const status = String(body?.status ?? 'queued');
      const conclusion = body?.conclusion === undefined ? null : String(body.conclusion);
      if (!/^[0-9a-f]{40}$/.test(headSha) || !body?.name || (status === 'completed') !== (conclusion !== null)) {
        return {
          status: 422,
          json: { message: 'Validation Failed', errors: [{ resource: 'CheckRun', code: 'invalid' }] },
        };
      }
      const run = {
        name: String(body.name),
        status,
        conclusion,
        ...(body.output ? { output: body.output as { title?: string; summary?: string } } : {}),
        ...(body.details_url ? { details_url: String(body.details_url) } : {}),
      };
      repository.checkRuns.set(headSha, [...(repository.checkRuns.get(headSha) ?? []), run]);
      return {
        status: 201,
        json: { id: nextId++, head_sha: headSha, name: run.name, status, conclusion, app: { slug: 'mpflow-review' } },
      };
    }
    if ((match = /^\/commits\/([0-9a-f]{40})\/check-runs$/.exec(rest)) && method === 'GET') {
      const runs = repository.checkRuns.get(match[1]!) ?? [];
      return {
        page: runs.map((run, index) => ({
          id: index + 1,
          head_sha: match![1],
          name: run.name,
          status: run.status,
          conclusion: run.conclusion,
          app: { slug: 'github-actions' },
        })),
        wrap: 'check_runs',
      };
    }
    if ((match = /^\/commits\/([0-9a-f]{40})$/.exec(rest)) && method === 'GET') {
      // Latest pull request first: scenario tables reuse SHAs across pull requests.
      for (const pull of [...repository.pulls.values()].reverse()) {
        const commit = pull.commits.find((entry) => entry.sha === match![1]);
        if (commit) {
          // Files come 300 to a page (per_page up to 300), and 3000 at most.
          const perPage = Math.min(Number(query.per_page ?? 300) || 300, 300);
          const page = Math.max(1, Number(query.page ?? 1) || 1);
          const files = (commit.files ?? []).slice(0, 3000).slice((page - 1) * perPage, page * perPage);
          return {
            json: {
              ...commitJson(commit, api),
              files: files.map((filename) => ({
                filename,
                status: 'modified',
                additions: 1,
                deletions: 0,
                changes: 1,
              })),
            },
          };
        }
      }
      return { status: 422, json: { message: `No commit found for SHA: ${match[1]}` } };
    }
    if ((match = /^\/git\/ref\/heads\/(.+)$/.exec(rest)) && method === 'GET') {
      const tip = repository.branches.get(match[1]!);
      if (!tip) return undefined;
      return {
        json: {
          ref: `refs/heads/${match[1]}`,
          node_id: `REF_${match[1]}`,
          url: `${api}/git/refs/heads/${match[1]}`,
          object: { sha: tip, type: 'commit', url: `${api}/git/commits/${tip}` },
        },
      };
    }
    if ((match = /^\/contents\/(.+)$/.exec(rest)) && method === 'GET') {
      const ref = query.ref;
      const tree = ref ? repository.trees.get(ref) : undefined;
      if (!tree) return undefined;
      const target = match[1]!.replace(/\/$/, '');
      const content = tree.get(target);
      if (content !== undefined) {
        const base64 = Buffer.from(content, 'utf8')
          .toString('base64')
          .replace(/(.{60})/g, '$1\n');
        return {
          json: {
            type: 'file',
            encoding: 'base64',
            size: Buffer.byteLength(content),
            name: target.split('/').pop(),
            path: target,
            content: base64,
            sha: 'b'.repeat(40),
            url: `${api}/contents/${target}?ref=${ref}`,
          },
        };
      }
      const children = new Map<string, 'file' | 'dir'>();
      for (const file of tree.keys()) {
        if (!file.startsWith(`${target}/`)) continue;
        const remainder = file.slice(target.length + 1);
        const [first, ...more] = remainder.split('/');
        children.set(first!, more.length > 0 ? 'dir' : 'file');
      }
      if (children.size === 0) return undefined;
      return {
        json: [...children].sort().map(([name, type]) => ({
          type,
          name,
          path: `${target}/${name}`,
          sha: 'c'.repeat(40),
          size: type === 'file' ? Buffer.byteLength(tree.get(`${target}/${name}`) ?? '') : 0,
          url: `${api}/contents/${target}/${name}?ref=${ref}`,
        })),
      };
    }
    return undefined;
  }

  function pullJson(repository: FakeRepository, pull: FakePull, api: string) {
    return {
      url: `${api}/pulls/${pull.number}`,
      id: pull.number * 1000,
      number: pull.number,
      state: pull.state ?? (pull.merged_at ? 'closed' : 'open'),
      locked: false,
      title: pull.title,
      user: userJson(pull.user),
      body: pull.body ?? null,
      labels: (pull.labels ?? []).map((name) => ({ id: hashId(name), name, color: 'ededed', default: false })),
      draft: pull.draft ?? false,
      created_at: pull.created_at,
      updated_at: pull.created_at,
      closed_at: pull.merged_at ?? null,
      merged_at: pull.merged_at ?? null,
      merged: Boolean(pull.merged_at),
      merged_by: pull.merged_by ? userJson(pull.merged_by) : null,
      head: {
        label: `x:${pull.head.ref ?? 'topic'}`,
        ref: pull.head.ref ?? 'topic',
        sha: pull.head.sha,
        user: userJson(pull.user),
      },
      base: {
        label: `x:${pull.base.ref ?? 'main'}`,
        ref: pull.base.ref ?? 'main',
        sha: pull.base.sha,
        user: userJson('owner'),
        repo: { full_name: `${repository.owner}/${repository.name}`, default_branch: repository.defaultBranch },
      },
      commits: pull.commits.length,
      changed_files: pull.files.length,
    };
  }

  function commitJson(commit: FakeCommit, api: string) {
    const name = commit.authorName ?? commit.author ?? 'someone';
    const email = commit.authorEmail ?? `${name}@example.com`;
    return {
      sha: commit.sha,
      url: `${api}/commits/${commit.sha}`,
      commit: {
        author: { name, email, date: '2026-09-01T12:00:00Z' },
        committer: {
          name: commit.committerName ?? name,
          email: commit.committerEmail ?? email,
          date: '2026-09-01T12:00:00Z',
        },
        message: commit.message ?? 'commit',
        verification: {
          verified: commit.verified === true,
          reason: commit.verified === true ? 'valid' : 'unsigned',
          signature: null,
          payload: null,
        },
      },
      author: commit.author ? userJson(commit.author) : null,
      committer: (commit.committer === undefined ? commit.author : commit.committer)
        ? userJson((commit.committer === undefined ? commit.author : commit.committer)!)
        : null,
      parents: [],
    };
  }

  function reviewJson(review: FakeReview, pull: FakePull, api: string) {
    review.id ??= nextId++;
    return {
      id: review.id,
      node_id: `R_${review.id}`,
      user: userJson(review.user),
      body: review.body ?? '',
      state: review.state,
      commit_id: review.commit_id,
      submitted_at: review.submitted_at,
      pull_request_url: `${api}/pulls/${pull.number}`,
      author_association: 'MEMBER',
    };
  }

  function commentJson(comment: FakeComment, pull: FakePull, full: string, api: string) {
    comment.id ??= nextId++;
    return {
      id: comment.id,
      node_id: `IC_${comment.id}`,
      url: `${api}/issues/comments/${comment.id}`,
      html_url: `https://github.example/${full}/pull/${pull.number}#issuecomment-${comment.id}`,
      body: comment.body,
      user: userJson({ login: comment.user, type: comment.type ?? 'User' }),
      created_at: comment.created_at,
      updated_at: comment.updated_at ?? comment.created_at,
      author_association: 'MEMBER',
    };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${baseUrl}${prefix}`,
    calls,
    repositories,
    addRepository(owner, name) {
      const repository: FakeRepository = {
        owner,
        name,
        pulls: new Map(),
        trees: new Map(),
        statuses: [],
        checkRuns: new Map(),
        branches: new Map(),
        defaultBranch: 'main',
      };
      repositories.set(`${owner}/${name}`.toLowerCase(), repository);
      return repository;
    },
    fail(failure) {
      failures.push({ ...failure });
    },
    rateLimit(path, rateOptions = {}) {
      failures.push({
        path,
        status: rateOptions.status ?? 403,
        times: rateOptions.times ?? 1,
        headers: {
          'x-ratelimit-limit': '5000',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-used': '5000',
          'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 1),
          'x-ratelimit-resource': 'core',
          'retry-after': '1',
        },
        body: {
          message: 'API rate limit exceeded for installation ID 1.',
          documentation_url: 'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting',
        },
      });
    },
    secondaryRateLimit(path, rateOptions = {}) {
      failures.push({
        path,
        status: 403,
        times: rateOptions.times ?? 1,
        headers: { 'retry-after': String(rateOptions.retryAfterSeconds ?? 60) },
        body: {
          message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url:
            'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
        },
      });
    },
    writes: () => calls.filter((call) => call.method !== 'GET'),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
