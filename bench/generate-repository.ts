import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Builds a department repository of `articleCount` Chinese articles (≈ 2,500 characters each)
 * from the sample department: its roster, policy, topics and campaigns, and paragraphs taken
 * from its articles, recombined deterministically so every article differs.
 */
export async function generateRepository(projectRoot: string, target: string, articleCount: number): Promise<void> {
  await rm(target, { recursive: true, force: true });
  await mkdir(target, { recursive: true });
  // Campaigns are left out: they name the sample's own articles, which the generated repository does not have.
  for (const folder of ['content/team.yaml', 'content/policy', 'content/topics', 'content/training']) {
    await cp(path.join(projectRoot, folder), path.join(target, folder), { recursive: true });
  }
  const paragraphs = await samplePainting(projectRoot);
  const cover = await readFile(path.join(projectRoot, 'content/articles/2026/09-02-yancha-yanyun/cover.png'));
  const topics = (await readdir(path.join(target, 'content/topics'))).map((file) => file.replace(/\.yaml$/, ''));
  let seed = 20261126;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const start = Date.UTC(2020, 0, 1);
  for (let index = 0; index < articleCount; index += 1) {
    const day = new Date(start + Math.floor(index / 3) * 86_400_000);
    const date = day.toISOString().slice(0, 10);
    const folder = path.join(target, 'content/articles', date.slice(0, 4), `${date.slice(5)}-article-${index}`);
    await mkdir(folder, { recursive: true });
    let body = '';
    let section = 0;
    while ([...body].length < 2500) {
      if ([...body].length > section * 800) {
        section += 1;
        body += `## 第 ${section} 部分\n\n`;
      }
      body += `${paragraphs[Math.floor(random() * paragraphs.length)]}\n\n`;
    }
    const author = index % 2 === 0 ? 'lin-xiao' : 'wang-jia';
    const frontMatter = [
      '---',
      `title: 茶事笔记第 ${index + 1} 篇`,
      `digest: 一篇用于性能测试的生成文章，内容取自示例部门的稿件。`,
      `author: ${author}`,
      'designer: huang-shan',
      `topic: ${topics[index % topics.length]}`,
      `publishAt: ${date}T20:30:00+08:00`,
      'cover: cover.png',
      'source:',
      '  type: original',
      'tags: [茶, 生成]',
      '---',
      '',
    ].join('\n');
    await writeFile(path.join(folder, 'index.md'), frontMatter + body);
    await writeFile(path.join(folder, 'cover.png'), cover);
  }
}

async function samplePainting(projectRoot: string): Promise<string[]> {
  const paragraphs: string[] = [];
  const root = path.join(projectRoot, 'content/articles');
  for (const year of await readdir(root)) {
    for (const folder of await readdir(path.join(root, year))) {
      const source = await readFile(path.join(root, year, folder, 'index.md'), 'utf8');
      const body = source.replace(/^---\n[\s\S]*?\n---\n/, '');
      for (const block of body.split(/\n{2,}/)) {
        const text = block.trim();
        if (text && !text.startsWith('#') && !text.startsWith('!') && !text.startsWith('|') && !text.includes('](')) paragraphs.push(text);
      }
    }
  }
  return paragraphs;
}
