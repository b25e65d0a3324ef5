import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatacubeRoutes } from '../helpers/fake-wechat-datacube.ts';
import { startFakeWeChat, type FakeWeChat, type FakeWeChatOptions } from '../helpers/fake-wechat-server.ts';

/**
 * The fake WeChat answers with bodies shaped like the real samples in test/wechat/samples/ (copied
 * byte for byte from ../shared/fixtures/wechat-samples/, provenance in its SOURCES.md): the same
 * fields, of the same JSON types, nested the same way — and no field the samples lack, so code
 * that leans on an undocumented field fails here before it fails on WeChat.
 */

const SAMPLES = path.join(import.meta.dirname, 'samples');

type Shape = string | Shape[] | { [key: string]: Shape };

/** The JSON types of a value: objects by their keys, arrays by the union of their items' shapes. */
function shapeOf(value: unknown): Shape {
  if (Array.isArray(value)) {
    const items = value.map(shapeOf);
    const merged = items.reduce<Shape | undefined>(
      (all, item) => (all === undefined ? item : merge(all, item)),
      undefined,
    );
    return merged === undefined ? [] : [merged];
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([key, item]) => [key, shapeOf(item)]),
    );
  }
  return value === null ? 'null' : typeof value;
}

function merge(a: Shape, b: Shape): Shape {
  if (typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return Object.fromEntries(
      keys.map((key) => [
        key,
        a[key] !== undefined && b[key] !== undefined ? merge(a[key]!, b[key]!) : (a[key] ?? b[key])!,
      ]),
    );
  }
  return a;
}

async function sample(name: string): Promise<unknown> {
  return JSON.parse(await readFile(path.join(SAMPLES, name), 'utf8'));
}

let fake: FakeWeChat;
afterEach(async () => {
  await fake.close();
});

async function start(
  options: FakeWeChatOptions = {},
): Promise<(path: string, body: unknown) => Promise<Record<string, unknown>>> {
  fake = await startFakeWeChat(options);
  const post = async (route: string, body: unknown, token?: string) => {
    const response = await fetch(`${fake.url}${route}${token ? `?access_token=${token}` : ''}`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    return (await response.json()) as Record<string, unknown>;
  };
  const { access_token: token } = await post('/cgi-bin/stable_token', {
    grant_type: 'client_credential',
    appid: fake.state.appId,
    secret: fake.state.appSecret,
  });
  return (route, body) => post(route, body, token as string);
}

describe('the fake WeChat answers in the shapes of the real samples', () => {
  it('freepublish/submit (no msg_data_id) and freepublish/get, as captured by WxJava', async () => {
    const post = await start({ pollsWhilePublishing: 0 });
    const form = new FormData();
    form.append(
      'media',
      new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])], { type: 'image/png' }),
      'cover.png',
    );
    const token = (fake.state.token?.value ?? '') as string;
    const material = (await (
      await fetch(`${fake.url}/cgi-bin/material/add_material?access_token=${token}&type=image`, {
        method: 'POST',
        body: form,
      })
    ).json()) as { media_id: string };
    const draft = await post('/cgi-bin/draft/add', {
      articles: [{ title: '岩茶的焙火', content: '<p>正文</p>', thumb_media_id: material.media_id }],
    });
    expect(shapeOf(draft)).toEqual(shapeOf(await sample('draft_add.wxjava.json')));
    const submitted = await post('/cgi-bin/freepublish/submit', { media_id: draft.media_id });
    expect(shapeOf(submitted)).toEqual(shapeOf(await sample('freepublish_submit.wxjava.json')));
    const state = await post('/cgi-bin/freepublish/get', { publish_id: submitted.publish_id });
    expect(shapeOf(state)).toEqual(shapeOf(await sample('freepublish_get.wxjava.json')));
  });

  it.each([
    ['getusersummary', '2026-11-01', '2026-11-07', {}],
    ['getusercumulate', '2026-11-01', '2026-11-07', {}],
    ['getarticlesummary', '2026-11-03', '2026-11-03', {}],
    ['getarticletotal', '2026-11-02', '2026-11-02', {}],
    ['getuserread', '2026-11-01', '2026-11-03', { userRead: 'pre-2020' as const }],
    ['getusershare', '2026-11-01', '2026-11-07', {}],
  ])('datacube/%s, as in wechatpy’s fixture', async (endpoint, begin, end, extra) => {
    const post = await start({
      extraRoutes: createDatacubeRoutes({
        today: '2026-12-01',
        publications: [{ msgDataId: '2247483700', index: 1, date: '2026-11-02', title: '武夷岩茶的“岩韵”' }],
        ...extra,
      }),
    });
    const answer = await post(`/datacube/${endpoint}`, { begin_date: begin, end_date: end });
    expect((answer.list as unknown[]).length).toBeGreaterThan(0);
    expect(shapeOf(answer)).toEqual(shapeOf(await sample(`datacube_${endpoint}.wechatpy.json`)));
  });
});
