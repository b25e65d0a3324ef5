/**
 * Serves the articles' images next to their phone previews (/articles/<id>/figure-1.png), so the
 * preview shows the pictures WeChat will get. An Astro integration rather than one endpoint per
 * image: copying the files after the build costs a fraction of a millisecond each, where an
 * endpoint route costs a couple, which adds up to seconds over thousands of articles.
 *
 * Only web image types inside an article's own folder are published; design sources (.psd, .ai,
 * .fig, .sketch) and anything else stay in the repository.
 */
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import { articlesForProfile } from './site-profile.ts';
import { WEB_IMAGE_CONTENT_TYPES } from '../core/render/web-image-types.ts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const WEB_IMAGE = /\.(png|jpe?g|gif|webp|svg)$/i;
const ARTICLE_ID = /^(\d{4})-(\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*)$/;
const FOLDER = /^\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/;

function repositoryRootFor(projectRoot: URL): string {
  const override = process.env.MPFLOW_REPOSITORY;
  return override ? path.resolve(override) : fileURLToPath(projectRoot);
}

/** Every web image of every article folder, as [source, repository-relative target under dist/]. */
export async function articleImageFiles(root: string): Promise<Array<{ source: string; target: string }>> {
  const articles = path.join(root, 'content', 'articles');
  const found: Array<{ source: string; target: string }> = [];
  let years: string[];
  try {
    years = (await readdir(articles)).filter((name) => /^\d{4}$/.test(name));
  } catch {
    return found;
  }
  for (const year of years) {
    for (const folder of await readdir(path.join(articles, year))) {
      if (!FOLDER.test(folder)) continue;
      const directory = path.join(articles, year, folder);
      const entries = await readdir(directory, { recursive: true, withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        if (!entry.isFile() || !WEB_IMAGE.test(entry.name)) continue;
        const source = path.join(entry.parentPath, entry.name);
        const relative = path.relative(directory, source).split(path.sep).join('/');
        found.push({ source, target: `articles/${year}-${folder}/${relative}` });
      }
    }
  }
  return found;
}

/** The file behind /articles/<id>/<image> in the repository, or undefined. */
function imageFileFor(root: string, pathname: string): string | undefined {
  const match = /^\/articles\/([^/]+)\/(.+)$/.exec(pathname);
  if (!match || !WEB_IMAGE.test(match[2]!)) return undefined;
  const id = ARTICLE_ID.exec(match[1]!);
  const relative = match[2]!;
  if (!id || relative.split('/').some((segment) => segment === '..' || segment === '')) return undefined;
  return path.join(root, 'content', 'articles', id[1]!, id[2]!, ...relative.split('/'));
}

export function articleImages(): AstroIntegration {
  let root = '';
  let base = '/';
  return {
    name: 'mpflow-article-images',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = repositoryRootFor(config.root);
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((request, response, next) => {
          const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
          const file = pathname.startsWith(base) ? imageFileFor(root, `/${pathname.slice(base.length)}`) : undefined;
          if (!file) return next();
          stat(file).then(
            (info) => {
              if (!info.isFile()) return next();
              response.setHeader(
                'content-type',
                WEB_IMAGE_CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
              );
              createReadStream(file).pipe(response);
            },
            () => next(),
          );
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const output = fileURLToPath(dir);
        // The public build serves only the images of articles that have gone out (site-profile.ts).
        const all = await articleImageFiles(root);
        const shown = new Set(
          (
            await articlesForProfile([...new Set(all.map((file) => file.target.split('/')[1]!))].map((id) => ({ id })))
          ).map((article) => article.id),
        );
        const files = all.filter((file) => shown.has(file.target.split('/')[1]!));
        const folders = new Set(files.map((file) => path.dirname(path.join(output, file.target))));
        await Promise.all([...folders].map((folder) => mkdir(folder, { recursive: true })));
        await Promise.all(files.map((file) => copyFile(file.source, path.join(output, file.target))));
        logger.info(`${files.length} article images copied next to the previews`);
      },
    },
  };
}
