import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { draftNewArticle } from '../../core/articles/new-article.ts';
import { checkRepository } from '../../core/check/check-repository.ts';
import { isCalendarDate } from '../../core/model/dates.ts';
import { policyInForce } from '../../core/policy/policy-versions.ts';
import { loadRepository } from '../../core/repository/load-repository.ts';
import { formatText } from '../../core/report/format-text.ts';
import { EXIT, UsageError } from '../errors.ts';
import { resolveRoot, writeHelp } from '../options.ts';
import type { CommandContext } from '../context.ts';

const HELP = {
  zh: `用法：mpflow new article --title 标题 --slug 英文短名 --date YYYY-MM-DD --author 成员编号 --topic 选题编号 [--designer 成员编号] [--campaign 活动编号] [--time HH:MM]

在 content/articles/<年>/<月-日-短名>/ 新建文章，头信息按制度的发布默认值填好。
写入后立即检查；作者、选题等有误时不留下任何文件。封面图 cover.png 需要自己放进文件夹。`,
  en: `Usage: mpflow new article --title TITLE --slug SLUG --date YYYY-MM-DD --author MEMBER --topic TOPIC [--designer MEMBER] [--campaign CAMPAIGN] [--time HH:MM]

Creates content/articles/<yyyy>/<mm-dd-slug>/index.md with front matter filled from the policy's
publishing defaults, then checks it; if the author, topic or another field is wrong, nothing is
left behind. Add the cover image (cover.png) to the folder yourself.`,
};

export async function runNew(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      title: { type: 'string' },
      slug: { type: 'string' },
      date: { type: 'string' },
      author: { type: 'string' },
      designer: { type: 'string' },
      topic: { type: 'string' },
      campaign: { type: 'string' },
      time: { type: 'string' },
      root: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const zh = context.language === 'zh-CN';
  if (values.help) return writeHelp(HELP, context);
  if (positionals[0] !== 'article') throw new UsageError(zh ? '目前只能新建文章：mpflow new article …' : 'Only articles can be created so far: mpflow new article …');
  const { title, slug, date, author, topic } = values;
  const missing = (['title', 'slug', 'date', 'author', 'topic'] as const).filter((name) => !values[name]);
  if (missing.length > 0) throw new UsageError(zh ? `缺少选项：${missing.map((name) => `--${name}`).join(' ')}` : `Missing options: ${missing.map((name) => `--${name}`).join(' ')}`);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug!)) throw new UsageError(zh ? `--slug 只能用小写字母、数字和连字符，如 yancha-roasting。` : `--slug takes lowercase letters, digits and hyphens, e.g. yancha-roasting.`);
  if (!isCalendarDate(date!)) throw new UsageError(zh ? `--date“${date}”不是真实的日期（YYYY-MM-DD）。` : `--date "${date}" is not a real date (YYYY-MM-DD).`);
  if (values.time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(values.time)) throw new UsageError(zh ? '--time 的格式是 HH:MM。' : '--time takes HH:MM.');

  const root = resolveRoot(values.root, context);
  const { repository } = await loadRepository(root, { only: () => false });
  const policy = policyInForce(repository.policies.filter((candidate) => candidate.valid).map((candidate) => candidate.data), date!);
  if (!policy) throw new UsageError(zh ? `${date} 没有生效的制度版本（content/policy/）。` : `No policy version is in force on ${date} (content/policy/).`);

  const article = draftNewArticle(
    { title: title!, slug: slug!, date: date!, author: author!, topic: topic!, ...(values.designer ? { designer: values.designer } : {}), ...(values.campaign ? { campaign: values.campaign } : {}), ...(values.time ? { time: values.time } : {}) },
    policy,
  );
  const directory = path.join(root, article.directory);
  if (existsSync(directory)) throw new UsageError(zh ? `${article.directory} 已经存在。` : `${article.directory} already exists.`);
  let created = false;
  try {
    await mkdir(directory, { recursive: true });
    created = true;
    await writeFile(path.join(root, article.indexPath), article.content);
  } catch (error) {
    // A read-only disk or a stray link is the user's to fix: say which file, leave no empty folder behind.
    if (created) await rm(directory, { recursive: true, force: true }).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError(zh ? `无法写入 ${article.indexPath}（${code}）：请确认文件夹存在且可写。` : `Cannot write ${article.indexPath} (${code}): check that the folder exists and is writable.`);
  }

  const { problems } = await checkRepository(root, { paths: [article.indexPath] });
  const blocking = problems.filter((problem) => problem.severity === 'error' && !(problem.ruleId === 'ref/missing-file' && problem.field === 'cover'));
  if (blocking.length > 0) {
    await rm(directory, { recursive: true, force: true });
    context.stderr.write(formatText(blocking, { language: context.language, filesChecked: 1 }));
    context.stderr.write(zh ? '没有创建文章。\n' : 'The article was not created.\n');
    return EXIT.problems;
  }
  context.stdout.write(zh ? `已创建 ${article.indexPath}。下一步：把封面图 cover.png 放进文件夹，写正文，然后开 pull request。\n` : `Created ${article.indexPath}. Next: add cover.png to the folder, write the body, open a pull request.\n`);
  return EXIT.clean;
}
