import matter from 'gray-matter';
import { offsetInTimeZone } from '../model/dates.ts';
import { placeholder } from '../templates/placeholders.ts';
import { WECHAT_LIMITS } from '../wechat/limits.ts';
import type { ArticleFrontMatter, PolicyFile } from '../model/types.generated.ts';

export interface NewArticleRequest {
  title: string;
  slug: string;
  /** Publication date in the department's time zone, YYYY-MM-DD. */
  date: string;
  author: string;
  designer?: string;
  topic: string;
  campaign?: string;
  /** HH:MM; defaults to the policy's publishing time. */
  time?: string;
  /** The digest; a placeholder (template/placeholder) until given. */
  digest?: string;
  /** The Markdown body; a placeholder outline until given. */
  body?: string;
}

export interface NewArticle {
  directory: string;
  indexPath: string;
  content: string;
}

/**
 * The folder and index.md of a new article, front matter filled in from the request and the
 * policy's publishing defaults, so a writer starts from a file that already passes the checks
 * it can pass (the cover image is theirs to add).
 */
export function draftNewArticle(request: NewArticleRequest, policy: PolicyFile): NewArticle {
  const time = request.time ?? policy.publishing.defaultTime ?? '20:30';
  const offset = offsetInTimeZone(request.date, time, policy.publishing.timezone);
  const frontMatter: ArticleFrontMatter = {
    title: request.title,
    digest:
      request.digest ??
      placeholder(
        `一两句话的摘要，最多 ${policy.compliance?.limits?.digestMaxChars ?? WECHAT_LIMITS.digestMaxChars} 个字`,
      ),
    author: request.author,
    ...(request.designer ? { designer: request.designer } : {}),
    topic: request.topic,
    ...(request.campaign ? { campaign: request.campaign } : {}),
    publishAt: `${request.date}T${time}:00${offset}`,
    cover: 'cover.png',
    source: { type: 'original' },
    tags: [],
  };
  const body =
    request.body ??
    `${placeholder('开头用一两段话说清楚这篇文章要讲什么')}\n\n## ${placeholder('第一个小标题')}\n\n${placeholder('正文')}\n`;
  const directory = `content/articles/${request.date.slice(0, 4)}/${request.date.slice(5)}-${request.slug}`;
  return { directory, indexPath: `${directory}/index.md`, content: matter.stringify(body, frontMatter) };
}
