import { execFile } from 'node:child_process';
import { copyFile, cp, link, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { hashString, mulberry32, type Rng } from '../scripts/dev/seeded-random.ts';

const run = promisify(execFile);

/** Bumped whenever the generated repository changes shape, so the bench's cache is rebuilt. */
export const GENERATOR_VERSION = 'realistic-markdown-4';
/** Han characters per generated article: the "≈ 2,500 Chinese characters each". */
export const TARGET_HAN_CHARACTERS = 2500;
/** Share of articles that carry one deliberate violation, so the bench also times findings being reported. */
export const VIOLATION_SHARE = 0.03;

/** The building blocks harvested from the sample department's articles. */
interface SampleMaterial {
  paragraphs: string[];
  headings: string[];
  lists: string[];
  quotes: string[];
  images: Array<{ alt: string; caption: string }>;
  titles: string[];
}

// Mixed-script sentences as a tea account writes them (typeset: a space between CJK and Latin/digits).
const MIXED_SCRIPT_SENTENCES = [
  '用 110 毫升的盖碗，投茶 5 克上下，第一泡出汤控制在 10 秒以内。',
  '按照 GB/T 22291—2017《白茶》的分级，白牡丹分为特级、一级、二级和三级。',
  '伯爵茶（Earl Grey）是在红茶里加入佛手柑油调香的茶，和我们常喝的正山小种不是一回事。',
  '冷泡时水和茶的比例大约是 50 : 1，一升水放 20 克茶就够了。',
  '有茶友在 Instagram 上分享了自己的茶席，用的是一块旧的亚麻桌布。',
  '绿茶的水温不宜太高，80°C 到 85°C 之间比较合适。',
  '这批寿眉的含水量在 8% 左右，存放前最好再确认一次密封。',
  '上周的问答一共收到 326 份答卷，其中 41 位茶友全部答对。',
  '如果你用的是 iPhone，可以长按文末的小程序码进入门店预约页面。',
  '日本的 Sencha 是蒸青绿茶，和我们的炒青在香气上差别很大。',
  '一只 3 升的保温壶，足够办公室 6 个人喝一下午。',
  '在英文里，乌龙茶写作 Oolong，普洱茶常写作 Pu-erh。',
  '红茶的英文是 Black Tea，而不是 Red Tea，这个说法和茶汤颜色无关。',
  '我们在 2024 年春天第一次去了政和的茶园，那一年雨水特别多。',
];

// Links as the sample department writes them: to its own earlier WeChat articles.
const READING_LINKS = [
  '往期回顾：[白茶怎么存，才能越存越好](https://mp.weixin.qq.com/s/Wh1teTeaStor4ge)',
  '延伸阅读：[武夷岩茶的“岩韵”，到底在说什么](https://mp.weixin.qq.com/s/YanCha0Yanyun2)',
  '相关文章：[办公室里的一只盖碗](https://mp.weixin.qq.com/s/Off1ceGaiwan09)',
  '上一篇：[立冬，喝一杯熟普](https://mp.weixin.qq.com/s/L1dongShuPu11)',
];

// The deliberate violations, one family each; about VIOLATION_SHARE of the articles get one.
export const VIOLATIONS = [
  '本店大红袍是武夷山最好的岩茶，送礼首选。',
  '转发本文到朋友圈，截图发给后台即可抽奖。',
  '关注公众号后回复“茶礼”领取免费试饮装。',
  '每天喝三杯苦荞茶，可以降血压、降血糖。',
  '今天出去买茶花了5000元，回甘真的很快.',
  '认购茶园份额，保本保息，年化收益 12%。',
  '文章来源于网络，如有侵权请联系删除。',
  '顶 级正山小种，老茶客都在回购。',
];

const TAGS = ['茶', '白茶', '岩茶', '红茶', '绿茶', '普洱', '冲泡', '茶器', '节气', '入门', '茶园', '科普'];

/**
 * Builds a department repository of `articleCount` Chinese articles (≈ 2,500 Han characters
 * each) from the sample department: its settings and logo, roster, policy, topics and training, and headings,
 * paragraphs, lists, quotes and image captions taken from its articles, recombined with a
 * seeded random stream per article so every article differs and every run is byte-identical.
 * With `git`, the repository gets one commit of everything and a second commit that edits five
 * articles, so `mpflow check --changed --base HEAD~1` has exactly five changed articles.
 */
export async function generateRepository(
  projectRoot: string,
  target: string,
  articleCount: number,
  options: { git?: boolean } = {},
): Promise<void> {
  await rm(target, { recursive: true, force: true });
  await mkdir(target, { recursive: true });
  // Campaigns are left out: they name the sample's own articles, which the generated repository does not have.
  for (const folder of [
    'content/department.yaml',
    'public/department',
    'content/team.yaml',
    'content/policy',
    'content/topics',
    'content/training',
  ]) {
    await cp(path.join(projectRoot, folder), path.join(target, folder), { recursive: true });
  }
  const material = await harvestSample(projectRoot);
  const picture = path.join(projectRoot, 'content/articles/2026/09-02-yancha-yanyun/cover.png');
  const topics = (await readdir(path.join(target, 'content/topics'))).map((file) => file.replace(/\.yaml$/, '')).sort();
  const start = Date.UTC(2020, 0, 1);
  for (let index = 0; index < articleCount; index += 1) {
    const random = mulberry32(hashString(`mpflow-bench-article-${index}`));
    const day = new Date(start + Math.floor(index / 3) * 86_400_000);
    const date = day.toISOString().slice(0, 10);
    const folder = path.join(target, 'content/articles', date.slice(0, 4), `${date.slice(5)}-article-${index}`);
    await mkdir(folder, { recursive: true });
    const { markdown, imageCount } = composeArticle(material, random, index, date, topics[index % topics.length]!);
    await writeFile(path.join(folder, 'index.md'), markdown);
    // Hard links keep 10,000 articles' pictures from costing 10,000 copies of the bytes.
    await linkOrCopy(picture, path.join(folder, 'cover.png'));
    for (let image = 1; image <= imageCount; image += 1)
      await linkOrCopy(picture, path.join(folder, `figure-${image}.png`));
  }
  if (options.git) await commitWithFiveEdits(target);
}

function composeArticle(
  material: SampleMaterial,
  random: Rng,
  index: number,
  date: string,
  topic: string,
): { markdown: string; imageCount: number } {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const blocks: string[] = [pick(material.paragraphs), pick(material.paragraphs)];
  let han = countHan(blocks.join(''));
  let imageCount = 0;
  const violation = random() < VIOLATION_SHARE ? pick(VIOLATIONS) : undefined;
  let violationPlaced = false;
  // A section adds about 400 Han characters; stopping half a section short centres the length on the target.
  while (han < TARGET_HAN_CHARACTERS - 200) {
    const section: string[] = [`## ${pick(material.headings)}`];
    const paragraphs = 2 + Math.floor(random() * 3);
    for (let paragraph = 0; paragraph < paragraphs; paragraph += 1) {
      let text = pick(material.paragraphs);
      if (random() < 0.35) text += pick(MIXED_SCRIPT_SENTENCES);
      if (violation && !violationPlaced && random() < 0.5) {
        text += violation;
        violationPlaced = true;
      }
      section.push(text);
    }
    const extra = random();
    if (extra < 0.3) section.push(pick(material.lists));
    else if (extra < 0.45) section.push(pick(material.quotes));
    if (random() < 0.3 && imageCount < 4) {
      imageCount += 1;
      const image = pick(material.images);
      section.push(`![${image.alt}](figure-${imageCount}.png "${image.caption}")`);
    }
    blocks.push(...section);
    han += countHan(section.join(''));
  }
  if (violation && !violationPlaced) blocks.push(violation);
  blocks.push(pick(READING_LINKS));
  const title = `茶事笔记第 ${index + 1} 篇：${pick(material.titles)}`.slice(0, 32);
  const frontMatter = [
    '---',
    `title: ${JSON.stringify(title)}`,
    `digest: ${JSON.stringify(blocks[0]!.slice(0, 54))}`,
    `author: ${index % 2 === 0 ? 'lin-xiao' : 'wang-jia'}`,
    'designer: huang-shan',
    `topic: ${topic}`,
    `publishAt: ${date}T20:30:00+08:00`,
    'cover: cover.png',
    'source:',
    '  type: original',
    `tags: [${[pick(TAGS), pick(TAGS)].filter((tag, position, all) => all.indexOf(tag) === position).join(', ')}]`,
    '---',
    '',
  ].join('\n');
  return { markdown: `${frontMatter}${blocks.join('\n\n')}\n`, imageCount };
}

function countHan(text: string): number {
  return text.match(/\p{Script=Han}/gu)?.length ?? 0;
}

async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch {
    await copyFile(from, to);
  }
}

async function harvestSample(projectRoot: string): Promise<SampleMaterial> {
  const material: SampleMaterial = { paragraphs: [], headings: [], lists: [], quotes: [], images: [], titles: [] };
  const root = path.join(projectRoot, 'content/articles');
  for (const year of (await readdir(root)).sort()) {
    for (const folder of (await readdir(path.join(root, year))).sort()) {
      const source = await readFile(path.join(root, year, folder, 'index.md'), 'utf8');
      // A reprint's text (and its credit line) must not end up in articles marked original.
      if (/^\s+type: reprint$/m.test(source)) continue;
      const title = /^title: (.*)$/m.exec(source)?.[1];
      if (title) material.titles.push(title.replace(/^["']|["']$/g, ''));
      const body = source.replace(/^---\n[\s\S]*?\n---\n/, '');
      for (const block of body.split(/\n{2,}/)) {
        const text = block.trim();
        if (!text || (text.includes('](') && !text.startsWith('!['))) continue;
        if (/^#{2,3} /.test(text)) material.headings.push(text.replace(/^#+ /, ''));
        else if (/^(- |\d+\. )/.test(text)) material.lists.push(text);
        else if (text.startsWith('> ')) material.quotes.push(text);
        else if (text.startsWith('![')) {
          const image = /^!\[([^\]]+)\]\([^ )]+(?: "([^"]*)")?\)$/.exec(text);
          if (image) material.images.push({ alt: image[1]!, caption: image[2] ?? image[1]! });
        } else if (!text.startsWith('|') && !text.startsWith('<')) material.paragraphs.push(text);
      }
    }
  }
  return material;
}

/** Base commit with every article, then a second commit that edits five articles across the years. */
async function commitWithFiveEdits(target: string): Promise<void> {
  const git = (...args: string[]) =>
    run(
      'git',
      ['-c', 'user.name=mpflow bench', '-c', 'user.email=bench@mpflow.invalid', '-c', 'commit.gpgsign=false', ...args],
      { cwd: target, maxBuffer: 1 << 26 },
    );
  await git('init', '--quiet', '--initial-branch=main');
  await git('add', '--all');
  await git('commit', '--quiet', '--message', 'Generated department');
  const changed = await fiveArticleFiles(target);
  for (const file of changed) {
    const source = await readFile(path.join(target, file), 'utf8');
    await writeFile(
      path.join(target, file),
      `${source}\n编辑补记：这一版补充了冲泡时间的说明，第三泡可以适当延长出汤时间。\n`,
    );
  }
  await git('add', '--all');
  await git('commit', '--quiet', '--message', 'Edit five articles');
}

/** The five articles the bench edits: spread evenly over the repository's years. */
export async function fiveArticleFiles(target: string): Promise<string[]> {
  const root = path.join(target, 'content/articles');
  const all: string[] = [];
  for (const year of (await readdir(root)).sort()) {
    for (const folder of (await readdir(path.join(root, year))).sort())
      all.push(`content/articles/${year}/${folder}/index.md`);
  }
  return [0, 1, 2, 3, 4].map((part) => all[Math.floor(((part + 0.5) * all.length) / 5)]!);
}
