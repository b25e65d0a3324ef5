/**
 * `mpflow render --watch`: a preview of one article on the writer's own machine. A small HTTP
 * server on loopback serves the rendered HTML in a 375-px phone frame and the article's images;
 * it watches the Markdown, its images and the department's theme files and, when one changes,
 * renders again and tells open pages through server-sent events (`/events`) to reload. The page's
 * only script is the few inline lines that listen for that event: nothing is loaded from anywhere.
 */
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { WEB_IMAGE_CONTENT_TYPES } from './web-image-types.ts';

export interface PreviewRendering {
  /** The article's HTML as it would be pasted (inline styles only). */
  html: string;
  /** Shown in the page's title bar. */
  title: string;
  /** Absolute paths whose change means rendering again: the Markdown, its images, the theme files. */
  watched: string[];
  /** Files the page may load, by the address the HTML uses (its images). */
  files: ReadonlyMap<string, string>;
  /** Why the article could not be rendered this time; the page shows it and keeps watching. */
  error?: string;
}

export interface PreviewServerOptions {
  /** 0 picks a free port. */
  port: number;
  render: () => Promise<PreviewRendering>;
  /** Called after each rendering, first one included (the CLI reports it). */
  onRendered?: (rendering: PreviewRendering, version: number) => void;
  /** How long a burst of file events is gathered before rendering again (editors write in steps). */
  settleMs?: number;
}

export interface PreviewServer {
  url: string;
  /** Stops watching, ends the event streams and closes the server. */
  close(): Promise<void>;
}

const PHONE_WIDTH = 375;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char]!);
}

/** The preview page: the article in a phone-wide column, reloaded when the server says so. */
export function previewPage(rendering: PreviewRendering, version: number): string {
  const error = rendering.error ? `<p class="error">${escapeHtml(rendering.error)}</p>` : '';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(rendering.title)} · mpflow 预览</title>
<style>
body { margin: 0; background: #e8eae8; font-family: -apple-system, "PingFang SC", "Noto Sans CJK SC", sans-serif; }
.phone { box-sizing: border-box; width: ${PHONE_WIDTH}px; min-height: 812px; margin: 24px auto; background: #fff; border-radius: 24px; box-shadow: 0 4px 24px rgba(0,0,0,.15); overflow: hidden; }
.bar { padding: 14px 16px; font-size: 15px; font-weight: 600; text-align: center; border-bottom: 1px solid #eee; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.article { padding: 20px 16px 40px; }
.error { margin: 0; padding: 10px 16px; background: #fbefed; color: #a8352a; font-size: 14px; }
</style>
</head>
<body data-version="${version}">
<div class="phone"><div class="bar">${escapeHtml(rendering.title)}</div>${error}<div class="article">${rendering.html}</div></div>
<script>
new EventSource('/events').addEventListener('reload', function () { location.reload(); });
</script>
</body>
</html>
`;
}

export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  let rendering = await options.render();
  let version = 1;
  options.onRendered?.(rendering, version);
  const streams = new Set<ServerResponse>();
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  let queue = Promise.resolve();
  let closed = false;

  const rerender = () => {
    queue = queue.then(async () => {
      if (closed) return;
      try {
        rendering = await options.render();
      } catch (error) {
        rendering = { ...rendering, error: (error as Error).message };
      }
      version += 1;
      watchFiles();
      options.onRendered?.(rendering, version);
      for (const stream of streams) stream.write(`event: reload\ndata: ${version}\n\n`);
    });
  };

  const changed = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(rerender, options.settleMs ?? 40);
  };

  // Folders are watched, not files: an editor that saves by writing a new file and renaming it
  // over the old one would leave a watch on the file looking at nothing.
  function watchFiles(): void {
    const names = new Map<string, Set<string>>();
    for (const file of rendering.watched) {
      const folder = path.dirname(file);
      names.set(folder, (names.get(folder) ?? new Set()).add(path.basename(file)));
    }
    for (const [folder, watcher] of watchers) {
      if (!names.has(folder)) {
        watcher.close();
        watchers.delete(folder);
      }
    }
    for (const [folder, files] of names) {
      watchers.get(folder)?.close();
      try {
        watchers.set(
          folder,
          watch(folder, (_event, name) => {
            if (name === null || files.has(name.toString())) changed();
          }),
        );
      } catch {
        // A folder that does not exist (an image not there yet) is looked at again after the next change.
      }
    }
  }
  watchFiles();

  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const address = decodeURIComponent((request.url ?? '/').split('?')[0]!);
    if (address === '/events') {
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      response.write(`retry: 500\nevent: hello\ndata: ${version}\n\n`);
      streams.add(response);
      request.on('close', () => streams.delete(response));
      return;
    }
    if (address === '/' || address === '/index.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(previewPage(rendering, version));
      return;
    }
    if (address === '/article.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(rendering.html);
      return;
    }
    const file = rendering.files.get(address);
    if (file === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('Not found\n');
      return;
    }
    readFile(file).then(
      (bytes) => {
        response.writeHead(200, {
          'content-type': WEB_IMAGE_CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
          'cache-control': 'no-store',
        });
        response.end(bytes);
      },
      () => {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('Not found\n');
      },
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;

  return {
    url: `http://127.0.0.1:${port}/`,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
      for (const stream of streams) stream.end();
      streams.clear();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await stopped;
      await queue.catch(() => undefined);
    },
  };
}
