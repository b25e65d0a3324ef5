/**
 * `mpflow render --watch`: the preview page on loopback shows the article in a 375-px phone
 * frame, tells the page to reload (server-sent events) when the Markdown or one of its images
 * changes, serves the new rendering, and stops cleanly on Ctrl-C (SIGINT). Run as a writer runs
 * it: the real command in its own process, against 127.0.0.1, waiting only for what it prints.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixtureRepository, PROJECT_ROOT, TINY_PNG } from '../helpers/fixture-repository.ts';

let folder: string;
let child: ChildProcess | undefined;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'mpflow-watch-'));
});

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await rm(folder, { recursive: true, force: true });
});

/** Resolves with the first match of `pattern` in what the stream has printed so far and prints next. */
function waitFor(stream: NodeJS.ReadableStream, pattern: RegExp, seen: { text: string }): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const look = () => {
      const match = pattern.exec(seen.text);
      if (match) {
        stream.off('data', onData);
        stream.off('end', onEnd);
        resolve(match);
        return true;
      }
      return false;
    };
    const onData = (chunk: Buffer) => {
      seen.text += chunk.toString('utf8');
      look();
    };
    const onEnd = () => reject(new Error(`ended without ${pattern}: ${seen.text}`));
    if (look()) return;
    stream.on('data', onData);
    stream.on('end', onEnd);
  });
}

/** Starts `mpflow render … --watch --port 0` in `cwd`; resolves once it prints the preview's address. */
async function startWatch(
  cwd: string,
  args: string[],
): Promise<{ process: ChildProcess; url: string; printed: () => string }> {
  const started = spawn(
    process.execPath,
    [path.join(PROJECT_ROOT, 'bin/mpflow.js'), 'render', ...args, '--watch', '--port', '0'],
    {
      cwd,
      env: { ...process.env, LANG: 'en_US.UTF-8', MPFLOW_CACHE_DIR: path.join(folder, '.cache') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let printed = '';
  started.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  const [, url] = await waitFor(started.stderr!, /Preview: (http:\/\/127\.0\.0\.1:\d+\/)/, { text: '' });
  return { process: started, url: url!, printed: () => printed };
}

/** The preview's event stream: `next(name)` resolves with the data of the next event of that name. */
async function eventsOf(url: string): Promise<{ next(name: string): Promise<string>; close(): Promise<void> }> {
  const response = await fetch(new URL('/events', url));
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let received = '';
  return {
    async next(name) {
      for (;;) {
        const match = new RegExp(`event: ${name}\\ndata: (\\d+)\\n\\n`).exec(received);
        if (match) {
          received = received.slice(match.index + match[0].length);
          return match[1]!;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error(`the event stream ended before "${name}"`);
        received += decoder.decode(value, { stream: true });
      }
    },
    close: () => reader.cancel(),
  };
}

async function stop(watching: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => watching.once('exit', (code) => resolve(code)));
  watching.kill('SIGINT');
  return exited;
}

describe('mpflow render --watch', () => {
  it('serves the article in a phone frame, reloads on a change of the Markdown or an image, and stops on Ctrl-C', async () => {
    const draft = path.join(folder, '草稿.md');
    await writeFile(draft, '# 秋茶\n\n第一版：秋茶香高。\n\n![茶园](garden.png)\n');
    await writeFile(path.join(folder, 'garden.png'), TINY_PNG);
    child = spawn(
      process.execPath,
      [path.join(PROJECT_ROOT, 'bin/mpflow.js'), 'render', '草稿.md', '--watch', '--port', '0'],
      {
        cwd: folder,
        env: { ...process.env, LANG: 'en_US.UTF-8', MPFLOW_CACHE_DIR: path.join(folder, '.cache') },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let printed = '';
    child.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
    const [, url] = await waitFor(child.stderr!, /Preview: (http:\/\/127\.0\.0\.1:\d+\/)/, { text: '' });

    const page = await (await fetch(url!)).text();
    expect(page).toContain('width: 375px');
    expect(page).toContain('第一版：秋茶香高。');
    expect(page).toContain("new EventSource('/events')");
    expect(page).not.toMatch(/<script[^>]+src=/);
    const image = await fetch(new URL('/files/garden.png', url));
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer())).toEqual(TINY_PNG);

    const events = await fetch(new URL('/events', url));
    expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = events.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    const nextEvent = async (name: string): Promise<string> => {
      for (;;) {
        const match = new RegExp(`event: ${name}\\ndata: (\\d+)\\n\\n`).exec(received);
        if (match) {
          received = received.slice(match.index + match[0].length);
          return match[1]!;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error(`the event stream ended before "${name}"`);
        received += decoder.decode(value, { stream: true });
      }
    };
    const first = Number(await nextEvent('hello'));

    await writeFile(draft, '# 秋茶\n\n第二版：秋茶香高，滋味稍薄。\n\n![茶园](garden.png)\n');
    const second = Number(await nextEvent('reload'));
    expect(second).toBeGreaterThan(first);
    const article = await (await fetch(new URL('/article.html', url))).text();
    expect(article).toContain('第二版：秋茶香高，滋味稍薄。');
    expect(article).not.toContain('第一版');

    await writeFile(path.join(folder, 'garden.png'), Buffer.concat([TINY_PNG, Buffer.from([0])]));
    expect(Number(await nextEvent('reload'))).toBeGreaterThan(second);
    await reader.cancel();

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(printed).toMatch(/Rendered 草稿\.md again\.\n/);
    expect(printed).toMatch(/Preview stopped\.\n$/);
    await expect(fetch(url!)).rejects.toThrow();
  });

  it("in a repository, reloads with the department's CSS when that file changes", async () => {
    const fixture = await FixtureRepository.create();
    try {
      const settings = await fixture.read('content/department.yaml');
      await fixture.write(
        'content/department.yaml',
        `${settings.trimEnd()}\nrender:\n  css: content/render/article.css\n`,
      );
      await fixture.write('content/render/article.css', 'h2 { letter-spacing: 2px; }\n');
      const watching = await startWatch(fixture.root, ['2026-09-02-yancha-yanyun']);
      child = watching.process;
      const h2Style = async () =>
        /<h2 style="([^"]*)"/.exec(await (await fetch(new URL('/article.html', watching.url))).text())?.[1];
      expect(await h2Style()).toMatch(/letter-spacing: 2px/);
      const events = await eventsOf(watching.url);
      const first = Number(await events.next('hello'));
      await fixture.write('content/render/article.css', 'h2 { letter-spacing: 4px; }\n');
      expect(Number(await events.next('reload'))).toBeGreaterThan(first);
      expect(await h2Style()).toMatch(/letter-spacing: 4px/);
      await events.close();
      expect(await stop(watching.process)).toBe(0);
    } finally {
      await fixture.dispose();
    }
  });
});
