import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

// On a shared machine wall time depends on the load; GNU time adds the CPU seconds the build used,
// its child processes (Pagefind's indexer) included.
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/**
 * Astro builds of one project share its .astro/ folder, so two at once (the bench's and a site
 * test's) overwrite each other's chunks: they take turns through the lock the site tests use
 * (test/site/site-server.ts, takeBuildTurn). A lock left by a killed run is taken after ten minutes.
 */
async function takeBuildTurn(projectDirectory: string): Promise<() => Promise<void>> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  if (path.resolve(projectDirectory) !== path.resolve(root)) return async () => undefined;
  const lock = path.join(
    tmpdir(),
    `mpflow-astro-build-${createHash('sha256').update(root).digest('hex').slice(0, 12)}.lock`,
  );
  for (;;) {
    try {
      await mkdir(lock);
      return () => rm(lock, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const since = await stat(lock).then(
        (info) => Date.now() - info.mtimeMs,
        () => 0,
      );
      if (since > 10 * 60_000) await rm(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

export async function timeAstroBuild(
  projectDirectory: string,
  outDir: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ seconds: number; cpuSeconds: number | undefined; searchIndexSeconds: number | undefined; pages: number }> {
  await rm(outDir, { recursive: true, force: true });
  const astro = path.join(
    path.dirname(new URL(import.meta.url).pathname),
    '..',
    'node_modules',
    'astro',
    'bin',
    'astro.mjs',
  );
  const command = [astro, 'build', '--root', projectDirectory, '--outDir', outDir];
  const [file, args] = gnuTime
    ? [gnuTime, ['-f', 'mpflow-bench-cpu %U %S', process.execPath, ...command]]
    : [process.execPath, command];
  const release = await takeBuildTurn(projectDirectory);
  let seconds: number;
  let stdout: string;
  let stderr: string;
  try {
    const started = process.hrtime.bigint();
    ({ stdout, stderr } = await run(file, args, {
      cwd: projectDirectory,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
      maxBuffer: 256 * 1024 * 1024,
    }));
    seconds = Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    await release();
  }
  const cpu = /^mpflow-bench-cpu ([\d.]+) ([\d.]+)$/m.exec(stderr);
  // mpflow's log line (src/astro/search-index.ts): how long the build waited for the index once the pages were done.
  const search = /the build waited ([\d.]+) s for it/.exec(stdout);
  const searchIndexSeconds = search ? Number(search[1]) : undefined;
  const pages = (await readdir(outDir, { recursive: true })).filter((file) => String(file).endsWith('.html')).length;
  return { seconds, cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : undefined, searchIndexSeconds, pages };
}

/**
 * Empties a project's Astro cache (its default cacheDir, node_modules/.astro): what Astro's
 * content layer and mpflow's phone previews kept from the last build. The next build is then
 * the one a fresh CI runner makes.
 */
export async function clearAstroCache(projectDirectory: string): Promise<void> {
  await rm(path.join(projectDirectory, 'node_modules', '.astro'), { recursive: true, force: true });
}

/**
 * Pagefind over a built site, as Starlight runs it at the end of mpflow's build: what a search
 * index of the same pages costs any static site (the bare build has none).
 */
export async function timePagefind(
  siteDirectory: string,
): Promise<{ seconds: number; cpuSeconds: number | undefined }> {
  const pagefind = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'node_modules', '.bin', 'pagefind');
  const command = [pagefind, '--site', siteDirectory, '--output-subdir', 'pagefind', '--quiet'];
  const [file, args] = gnuTime
    ? [gnuTime, ['-f', 'mpflow-bench-cpu %U %S', process.execPath, ...command]]
    : [process.execPath, command];
  const started = process.hrtime.bigint();
  const { stderr } = await run(file, args, { maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = /^mpflow-bench-cpu ([\d.]+) ([\d.]+)$/m.exec(stderr);
  return { seconds, cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : undefined };
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
