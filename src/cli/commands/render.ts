import { existsSync, statSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { articleTheme } from '../../core/render/article-theme.ts';
import { isThemeName, renderArticle, THEME_NAMES } from '../../core/render/render-article.ts';
import { renderTheme } from '../../core/render/themes.ts';
import { findWeChatSafetyProblems, WECHAT_CONTENT_MAX_CHARS } from '../../core/render/wechat-safety.ts';
import { loadRepository } from '../../core/repository/load-repository.ts';
import { formatText } from '../../core/report/format-text.ts';
import { EXIT, UsageError } from '../errors.ts';
import { resolveRoot, writeHelp } from '../options.ts';
import type { CommandContext } from '../context.ts';

const HELP = {
  zh: `用法：mpflow render 文章 [--out 文件] [--theme 主题] [--root 仓库]

把文章正文渲染成可以直接粘贴进微信编辑器、也能交给 draft/add 的 HTML：只有行内样式，
站外链接变成正文里的编号 [n] 和文末的“参考资料”，代码高亮颜色写在每个词上。
“文章”可以是 index.md 的路径、文章文件夹，或文章编号（如 2026-09-02-yancha-yanyun）。
不给 --out 时输出到标准输出。主题默认取文章日期当天生效制度的 publishing.theme。

主题：${THEME_NAMES.map((name) => `${name}（${renderTheme(name).label.zh}）`).join('、')}`,
  en: `Usage: mpflow render ARTICLE [--out FILE] [--theme NAME] [--root REPOSITORY]

Renders an article body as HTML that can be pasted into the WeChat editor or sent to draft/add:
inline styles only, links outside WeChat turned into numbered markers [n] with a references list
at the end, code highlighting coloured token by token. ARTICLE is the path of an index.md, an
article folder, or an article id (e.g. 2026-09-02-yancha-yanyun). Without --out the HTML goes
to standard output. The theme defaults to publishing.theme of the policy in force on the
article's date.

Themes: ${THEME_NAMES.map((name) => `${name} (${renderTheme(name).label.en})`).join(', ')}`,
};

const ARTICLE_ID = /^(\d{4})-(\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*)$/;

export async function runRender(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      theme: { type: 'string' },
      root: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const zh = context.language === 'zh-CN';
  if (values.help) return writeHelp(HELP, context);
  if (positionals.length !== 1) throw new UsageError(zh ? '请给出一篇文章：mpflow render <index.md 路径或文章编号>。' : 'Name one article: mpflow render <path of index.md or article id>.');
  if (values.theme !== undefined && !isThemeName(values.theme)) {
    throw new UsageError(zh ? `没有“${values.theme}”这个主题；可用的主题：${THEME_NAMES.join('、')}。` : `There is no theme "${values.theme}"; the themes are ${THEME_NAMES.join(', ')}.`);
  }

  const root = resolveRoot(values.root, context);
  const indexPath = articleIndexPath(positionals[0]!, root, context);
  const { repository, problems } = await loadRepository(root, { only: (file) => file === indexPath });
  const article = repository.articles.find((candidate) => candidate.file === indexPath);
  const fileProblems = problems.filter((problem) => problem.file === indexPath && problem.severity === 'error');
  if (!article || fileProblems.length > 0) {
    context.stderr.write(formatText(fileProblems, { language: context.language, filesChecked: 1 }));
    context.stderr.write(zh ? '文章读不出来，没有渲染。\n' : 'The article could not be read; nothing was rendered.\n');
    return EXIT.problems;
  }

  const policies = repository.policies.filter((policy) => policy.valid).map((policy) => policy.data);
  const theme = articleTheme(policies, article.id.slice(0, 10), values.theme);
  if (!isThemeName(theme)) {
    throw new UsageError(
      zh
        ? `制度里的 publishing.theme“${theme}”不是已有的主题（${THEME_NAMES.join('、')}）；请改制度，或用 --theme 指定。`
        : `The policy's publishing.theme "${theme}" is not a theme (${THEME_NAMES.join(', ')}); fix the policy or pass --theme.`,
    );
  }
  const rendered = await renderArticle({ markdown: article.body, articleDir: path.join(root, article.directory), theme });

  // The renderer's output must pass its own check; if it does not, that is a bug in mpflow.
  const unsafe = findWeChatSafetyProblems(rendered.html);
  if (unsafe.length > 0) throw new Error(`render produced HTML the WeChat editor would change:\n${unsafe.map((problem) => problem.message.en).join('\n')}`);

  if (values.out !== undefined) await writeAtomically(path.resolve(context.cwd, values.out), rendered.html, zh);
  else context.stdout.write(`${rendered.html}\n`);

  const characters = rendered.html.length;
  const missing = rendered.images.filter((image) => image.absolutePath !== undefined && !existsSync(image.absolutePath));
  const summary = zh
    ? `已渲染 ${indexPath}（主题 ${theme}）：${characters} 个字符（draft/add 上限 ${WECHAT_CONTENT_MAX_CHARS}），${rendered.images.length} 张本地图片待上传，${rendered.references.length} 条参考资料。${values.out ? `写入 ${values.out}。` : ''}\n`
    : `Rendered ${indexPath} (theme ${theme}): ${characters} characters (draft/add takes fewer than ${WECHAT_CONTENT_MAX_CHARS}), ${rendered.images.length} local ${rendered.images.length === 1 ? 'image' : 'images'} to upload, ${rendered.references.length} ${rendered.references.length === 1 ? 'reference' : 'references'}.${values.out ? ` Wrote ${values.out}.` : ''}\n`;
  context.stderr.write(summary);
  let exitCode: number = EXIT.clean;
  for (const image of missing) {
    context.stderr.write(zh ? `${indexPath}：图片 ${image.src} 不存在。\n` : `${indexPath}: the image ${image.src} does not exist.\n`);
    exitCode = EXIT.problems;
  }
  if (characters >= WECHAT_CONTENT_MAX_CHARS) {
    context.stderr.write(
      zh
        ? `${indexPath}：渲染结果有 ${characters} 个字符，draft/add 只接受少于 ${WECHAT_CONTENT_MAX_CHARS} 个字符的正文；请拆分文章或精简表格和代码。\n`
        : `${indexPath}: the rendered body has ${characters} characters; draft/add accepts fewer than ${WECHAT_CONTENT_MAX_CHARS}. Split the article or trim tables and code.\n`,
    );
    exitCode = EXIT.problems;
  }
  return exitCode;
}

/** ARTICLE as the repository-relative path of its index.md: a file, a folder, or an article id. */
function articleIndexPath(argument: string, root: string, context: CommandContext): string {
  const zh = context.language === 'zh-CN';
  const id = ARTICLE_ID.exec(argument);
  const candidate = path.resolve(context.cwd, argument);
  let absolute: string;
  if (existsSync(candidate)) absolute = statSync(candidate).isDirectory() ? path.join(candidate, 'index.md') : candidate;
  else if (id) absolute = path.join(root, 'content', 'articles', id[1]!, id[2]!, 'index.md');
  else throw new UsageError(zh ? `找不到文章“${argument}”：既不是文件，也不是文章编号（如 2026-09-02-yancha-yanyun）。` : `Cannot find the article "${argument}": it is neither a file nor an article id (e.g. 2026-09-02-yancha-yanyun).`);
  const relative = path.relative(root, absolute).split(path.sep).join('/');
  if (!/^content\/articles\/\d{4}\/\d{2}-\d{2}-[a-z0-9-]+\/index\.md$/.test(relative)) {
    throw new UsageError(zh ? `“${argument}”不是仓库里的文章（content/articles/<年>/<月-日-短名>/index.md）。` : `"${argument}" is not an article of the repository (content/articles/<yyyy>/<mm-dd-slug>/index.md).`);
  }
  if (!existsSync(absolute)) throw new UsageError(zh ? `文章 ${relative} 不存在。` : `The article ${relative} does not exist.`);
  return relative;
}

/** Writes next to the target and renames, so a failed run never leaves half a file. */
async function writeAtomically(target: string, content: string, zh: boolean): Promise<void> {
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, content);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR') throw new UsageError(zh ? `无法写入 --out ${target}（${code}）：请确认文件夹存在且可写。` : `Cannot write --out ${target} (${code}): check that the folder exists and is writable.`);
    throw error;
  }
}
