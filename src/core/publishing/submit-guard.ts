import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { text, type LocalizedText } from '../i18n/language.ts';
import { LocalizedError } from '../diagnostics/localized-error.ts';
import type { WeChatClient } from '../wechat/client.ts';
import { PUBLISHING_FOLDER } from './record-store.ts';

const run = promisify(execFile);

/**
 * The submission was not made: something checked just before freepublish/submit said no. The
 * record's submitStartedAt is withdrawn (nothing was sent); `alreadyOut` says the article was found
 * among the account's publications, so the record is failed for a person instead of retried.
 */
export class SubmitHeld extends LocalizedError {
  readonly alreadyOut: boolean;
  constructor(localized: LocalizedText, alreadyOut: boolean) {
    super(localized, { exitCode: 1 });
    this.alreadyOut = alreadyOut;
  }
}

/** freepublish/batchget pages looked through before a submission: the newest 60 publications. */
const PAGES = 3;
const PAGE_SIZE = 20;

interface BatchgetAnswer {
  total_count?: number;
  item_count?: number;
  item?: Array<{
    article_id?: string;
    update_time?: number;
    content?: {
      news_item?: Array<{ title?: string; author?: string; digest?: string; url?: string; is_deleted?: boolean }>;
    };
  }>;
}

/**
 * Before anything is submitted, the account's own list of publications (发表记录, freepublish/batchget)
 * is searched for this draft: same title, author and digest. A run whose runner was lost after it
 * submitted, before its records reached the repository, leaves no trace on the branch; the next run
 * would make a new draft and submit it again. Found means "already out": nothing is submitted and a
 * person looks. A failed look-up also holds the submission (the run stops; the next one tries again).
 */
export async function holdIfAlreadyPublished(client: WeChatClient, draft: Record<string, unknown>): Promise<void> {
  const wanted = {
    title: String(draft.title ?? ''),
    author: String(draft.author ?? ''),
    digest: String(draft.digest ?? ''),
  };
  for (let page = 0; page < PAGES; page += 1) {
    let answer: BatchgetAnswer;
    try {
      answer = await client.postJson<BatchgetAnswer>('/cgi-bin/freepublish/batchget', {
        offset: page * PAGE_SIZE,
        count: PAGE_SIZE,
        no_content: 1,
      });
    } catch (error) {
      const why = (error as { localized?: LocalizedText }).localized ?? text(String(error), String(error));
      throw new SubmitHeld(
        text(
          `提交前查不了发表记录（freepublish/batchget）：${why.zh} 为免重复发布，本次不提交，下次运行再试。`,
          `The publication list (freepublish/batchget) could not be read before submitting: ${why.en} To be sure nothing goes out twice, nothing was submitted; the next run tries again.`,
        ),
        false,
      );
    }
    const items = answer.item ?? [];
    for (const item of items) {
      const match = (item.content?.news_item ?? []).find(
        (news) =>
          !news.is_deleted &&
          news.title === wanted.title &&
          (news.author ?? '') === wanted.author &&
          (news.digest ?? '') === wanted.digest,
      );
      if (!match) continue;
      const where = match.url ?? item.article_id ?? '';
      throw new SubmitHeld(
        text(
          `发表记录里已有这篇文章（${where}）：可能是一次记录没能推送到仓库的运行发出的。为免重复发布，不再提交。请核实：确是这篇则补填发布记录，不是则在 PR 中删除本记录以重新发布。`,
          `The publication list already holds this article (${where}), perhaps sent by a run whose records never reached the repository. It is not submitted again. Check it: if it is this article, complete the publish record; if not, delete this record in a pull request to publish again.`,
        ),
        true,
      );
    }
    if (items.length < PAGE_SIZE) return;
  }
}

export interface PushOptions {
  root: string;
  /** Token git pushes with (GitHub Actions: the App's or github.token); never written to .git/config. */
  token?: string;
  /** https://github.com, or the GitHub Enterprise Server address. */
  serverUrl?: string;
  /** Branch to push to (default: the checked-out branch). */
  branch?: string;
  attempts?: number;
}

/**
 * Commits content/publishing and pushes it, rebasing on a rejection, so that what a run is about to
 * submit is on the branch before the submission: a runner lost right after cannot take the record
 * with it. Throws SubmitHeld when the push does not go through (then nothing is submitted).
 */
export async function pushPublishingRecords(options: PushOptions, message: string): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (options.token) {
    env.GIT_CONFIG_COUNT = '1';
    env.GIT_CONFIG_KEY_0 = `http.${(options.serverUrl ?? 'https://github.com').replace(/\/+$/, '')}/.extraheader`;
    env.GIT_CONFIG_VALUE_0 = `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${options.token}`).toString('base64')}`;
  }
  const git = (...args: string[]) =>
    run(
      'git',
      [
        '-c',
        'user.name=github-actions[bot]',
        '-c',
        'user.email=41898282+github-actions[bot]@users.noreply.github.com',
        ...args,
      ],
      { cwd: options.root, env, encoding: 'utf8' },
    );
  const held = (detail: string) =>
    new SubmitHeld(
      text(
        `发布记录没能推送到仓库（${detail}）：为免记录丢失后重复发布，本次不提交，下次运行再试。`,
        `The publish record could not be pushed to the repository (${detail}): so that a lost record can never lead to a second submission, nothing was submitted; the next run tries again.`,
      ),
      false,
    );
  try {
    const branch = options.branch ?? (await git('symbolic-ref', '--short', 'HEAD')).stdout.trim();
    await git('add', '--all', '--', PUBLISHING_FOLDER);
    const staged = await git('diff', '--cached', '--quiet').then(
      () => false,
      () => true,
    );
    if (staged) await git('commit', '--quiet', '-m', message, '--', PUBLISHING_FOLDER);
    const attempts = options.attempts ?? 5;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await git('push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`);
        return;
      } catch (error) {
        if (attempt >= attempts) throw error;
        await git('pull', '--quiet', '--rebase', 'origin', branch).catch(async (rebaseError: unknown) => {
          await git('rebase', '--abort').catch(() => undefined);
          throw rebaseError;
        });
      }
    }
  } catch (error) {
    if (error instanceof SubmitHeld) throw error;
    const stderr = String((error as { stderr?: string }).stderr ?? (error as Error).message ?? error);
    // A token in a message would be a leak; git does not print it, but make sure.
    const clean = options.token ? stderr.split(options.token).join('***') : stderr;
    throw held(
      clean
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .slice(-2)
        .join(' ')
        .slice(0, 300),
    );
  }
}
