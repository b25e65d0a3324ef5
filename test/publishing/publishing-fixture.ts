import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { publishDue, type PublishDueOptions, type PublishDueReport } from '../../src/core/publishing/publish-due.ts';
import type { PublishRecord } from '../../src/core/publishing/record-store.ts';
import { renderArticle } from '../../src/core/render/render-article.ts';
import { createWeChatClient } from '../../src/core/wechat/client.ts';
import { startFakeWeChat, type FakeWeChat, type FakeWeChatOptions } from '../helpers/fake-wechat-server.ts';
import { ARTICLE_DIRECTORY, FixtureRepository, MINIMAL_ARTICLE, TINY_PNG } from '../helpers/fixture-repository.ts';

export const ARTICLE_ID = '2026-09-02-yancha-yanyun';
export const ARTICLE_TITLE = '武夷岩茶的“岩韵”，到底在说什么';
export const RECORD_FILE = `content/publishing/${ARTICLE_ID}.yaml`;
/** Five minutes after the fixture article's publishAt (2026-09-02T20:30:00+08:00). */
export const JUST_AFTER = Date.parse('2026-09-02T20:35:00+08:00');

/** Distinct PNG bytes per image, so WeChat (and the record) can tell them apart. */
export function pngNumbered(n: number): Buffer {
  return Buffer.concat([TINY_PNG, Buffer.from(`mpflow-${n}`)]);
}

export interface PublishingWorld {
  fixture: FixtureRepository;
  fake: FakeWeChat;
  tokenFolder: string;
  run(overrides?: Partial<PublishDueOptions>): Promise<PublishDueReport>;
  record(): Promise<PublishRecord | undefined>;
  dispose(): Promise<void>;
}

/** The fixture department with its one article carrying `images` body images, and a fake WeChat. */
export async function createPublishingWorld(
  options: { images?: number; fake?: FakeWeChatOptions } = {},
): Promise<PublishingWorld> {
  const images = options.images ?? 2;
  const fixture = await FixtureRepository.create();
  const figures = Array.from(
    { length: images },
    (_, index) => `![第 ${index + 1} 张图：岩茶茶汤](figure-${index + 1}.png "图 ${index + 1}")`,
  );
  const body = MINIMAL_ARTICLE.replace('![一杯橙黄透亮的岩茶茶汤](figure-1.png "图：茶汤")', figures.join('\n\n'));
  await fixture.write(`${ARTICLE_DIRECTORY}/index.md`, body);
  for (let index = 1; index <= images; index += 1)
    await fixture.write(`${ARTICLE_DIRECTORY}/figure-${index}.png`, pngNumbered(index));
  if (images === 0) await fixture.remove(`${ARTICLE_DIRECTORY}/figure-1.png`);
  const fake = await startFakeWeChat({ pollsWhilePublishing: 2, ...options.fake });
  const tokenFolder = await mkdtemp(path.join(os.tmpdir(), 'mpflow-token-'));
  const client = createWeChatClient({
    appId: fake.state.appId,
    appSecret: fake.state.appSecret,
    baseUrl: fake.url,
    tokenCachePath: path.join(tokenFolder, 'token.json'),
    sleep: async () => undefined,
  });
  return {
    fixture,
    fake,
    tokenFolder,
    run: (overrides = {}) =>
      publishDue({
        root: fixture.root,
        now: JUST_AFTER,
        dryRun: false,
        client,
        render: renderArticle,
        sleep: async () => undefined,
        pollIntervalsMs: [10, 10, 10, 10],
        ...overrides,
      }),
    async record() {
      try {
        return parse(await readFile(path.join(fixture.root, RECORD_FILE), 'utf8')) as PublishRecord;
      } catch {
        return undefined;
      }
    },
    async dispose() {
      await fake.close();
      await fixture.dispose();
      await rm(tokenFolder, { recursive: true, force: true });
    },
  };
}
