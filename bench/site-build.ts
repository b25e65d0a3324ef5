import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The product's bar: mpflow's site over a large department builds within 3× of a bare Astro
 * build of the same Markdown articles. The bare project renders one page per article from a
 * glob() collection, the least any Astro site of those articles would do.
 */
export async function writeBareAstroProject(repository: string, target: string): Promise<void> {
  await rm(target, { recursive: true, force: true });
  await mkdir(path.join(target, 'src/pages/articles'), { recursive: true });
  const articles = path.relative(target, path.join(repository, 'content/articles')).split(path.sep).join('/');
  await writeFile(
    path.join(target, 'astro.config.mjs'),
    "import { defineConfig } from 'astro/config';\nexport default defineConfig({ output: 'static', telemetry: false });\n",
  );
  await writeFile(
    path.join(target, 'src/content.config.ts'),
    `import { defineCollection } from 'astro:content';\nimport { glob } from 'astro/loaders';\nexport const collections = { articles: defineCollection({ loader: glob({ pattern: '**/index.md', base: '${articles}' }) }) };\n`,
  );
  await writeFile(
    path.join(target, 'src/pages/articles/[...id].astro'),
    `---\nimport { getCollection, render } from 'astro:content';\nexport async function getStaticPaths() {\n  return (await getCollection('articles')).map((entry) => ({ params: { id: entry.id }, props: { entry } }));\n}\nconst { entry } = Astro.props;\nconst { Content } = await render(entry);\n---\n<html lang="zh-CN"><head><meta charset="utf-8" /><title>{entry.data.title}</title></head><body><h1>{entry.data.title}</h1><Content /></body></html>\n`,
  );
  await writeFile(
    path.join(target, 'package.json'),
    JSON.stringify({ name: 'bare-astro-bench', private: true, type: 'module' }, null, 2),
  );
}

export async function timeAstroBuild(
  projectDirectory: string,
  outDir: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ seconds: number; pages: number }> {
  await rm(outDir, { recursive: true, force: true });
  const astro = path.join(
    path.dirname(new URL(import.meta.url).pathname),
    '..',
    'node_modules',
    'astro',
    'bin',
    'astro.mjs',
  );
  const started = process.hrtime.bigint();
  await run(process.execPath, [astro, 'build', '--root', projectDirectory, '--outDir', outDir], {
    cwd: projectDirectory,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const pages = (await readdir(outDir, { recursive: true })).filter((file) => String(file).endsWith('.html')).length;
  return { seconds, pages };
}

/** Adds members to the generated roster so the site renders a department of realistic size. */
export async function growRoster(repository: string, members: number): Promise<void> {
  const file = path.join(repository, 'content/team.yaml');
  let roster = await readFile(file, 'utf8');
  for (let index = 8; index <= members; index += 1) {
    roster += `  - id: member-${index}\n    name: 成员${index}\n    github: member-${index}\n    roles: [copywriter]\n    supervisor: zhou-min\n    joined: 2024-01-01\n`;
  }
  await writeFile(file, roster);
}
