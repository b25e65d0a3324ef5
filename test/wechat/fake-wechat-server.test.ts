import { afterEach, describe, expect, it } from 'vitest';
import { startFakeWeChat, type FakeWeChat, type FakeWeChatOptions } from '../helpers/fake-wechat-server.ts';

// The fake must refuse what WeChat refuses, or the publisher's tests prove nothing.

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)]);
const JPG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100)]);

let fake: FakeWeChat;
let clock = Date.parse('2026-11-27T12:00:00Z');

afterEach(async () => {
  await fake.close();
});

async function start(options: FakeWeChatOptions = {}): Promise<string> {
  clock = Date.parse('2026-11-27T12:00:00Z');
  fake = await startFakeWeChat({ now: () => clock, ...options });
  return token(false);
}

async function token(force: boolean): Promise<string> {
  const answer = await post('/cgi-bin/stable_token', {
    grant_type: 'client_credential',
    appid: fake.state.appId,
    secret: fake.state.appSecret,
    force_refresh: force,
  });
  return answer.access_token as string;
}

async function post(path: string, body: unknown, accessToken?: string, query = ''): Promise<Record<string, unknown>> {
  const url = `${fake.url}${path}?${accessToken ? `access_token=${accessToken}&` : ''}${query}`;
  const response = await fetch(url, { method: 'POST', body: JSON.stringify(body) });
  return (await response.json()) as Record<string, unknown>;
}

async function upload(
  path: string,
  accessToken: string,
  file: { name: string; bytes: Buffer; type: string },
  query = '',
  field = 'media',
): Promise<Record<string, unknown>> {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const response = await fetch(`${fake.url}${path}?access_token=${accessToken}&${query}`, {
    method: 'POST',
    body: form,
  });
  return (await response.json()) as Record<string, unknown>;
}

async function cover(accessToken: string): Promise<string> {
  return (
    await upload(
      '/cgi-bin/material/add_material',
      accessToken,
      { name: 'cover.png', bytes: PNG, type: 'image/png' },
      'type=image',
    )
  ).media_id as string;
}

describe('tokens', () => {
  it('shares one token without force_refresh; force_refresh retires the old one (40001)', async () => {
    const first = await start();
    expect(await token(false)).toBe(first);
    const second = await token(true);
    expect(second).not.toBe(first);
    expect((await post('/cgi-bin/freepublish/get', { publish_id: 1 }, first)).errcode).toBe(40001);
    expect((await post('/cgi-bin/freepublish/get', { publish_id: 1 }, second)).errcode).toBe(53600);
  });

  it('answers 42001 for an expired token and 41001 without one', async () => {
    const current = await start({ tokenLifetimeSeconds: 60 });
    clock += 61_000;
    expect((await post('/cgi-bin/freepublish/get', { publish_id: 1 }, current)).errcode).toBe(42001);
    expect((await post('/cgi-bin/freepublish/get', { publish_id: 1 })).errcode).toBe(41001);
  });

  it('refuses a wrong AppID (40013) and AppSecret (40125)', async () => {
    await start();
    expect(
      (
        await post('/cgi-bin/stable_token', {
          grant_type: 'client_credential',
          appid: 'wxnope',
          secret: fake.state.appSecret,
        })
      ).errcode,
    ).toBe(40013);
    expect(
      (
        await post('/cgi-bin/stable_token', {
          grant_type: 'client_credential',
          appid: fake.state.appId,
          secret: 'nope',
        })
      ).errcode,
    ).toBe(40125);
  });
});

describe('uploads', () => {
  it.each([
    ['a PNG body image', '/cgi-bin/media/uploadimg', '', { name: 'a.png', bytes: PNG, type: 'image/png' }, undefined],
    [
      'a GIF body image',
      '/cgi-bin/media/uploadimg',
      '',
      { name: 'a.gif', bytes: Buffer.from('GIF89a...'), type: 'image/gif' },
      40005,
    ],
    ['a PNG named .jpg', '/cgi-bin/media/uploadimg', '', { name: 'a.jpg', bytes: PNG, type: 'image/jpeg' }, 40005],
    [
      'a 1 MB body image',
      '/cgi-bin/media/uploadimg',
      '',
      { name: 'a.png', bytes: Buffer.concat([PNG, Buffer.alloc(1024 * 1024)]), type: 'image/png' },
      40009,
    ],
    [
      'a PNG thumb',
      '/cgi-bin/material/add_material',
      'type=thumb',
      { name: 'c.png', bytes: PNG, type: 'image/png' },
      40005,
    ],
    [
      'a 65 KB JPG thumb',
      '/cgi-bin/material/add_material',
      'type=thumb',
      { name: 'c.jpg', bytes: Buffer.concat([JPG, Buffer.alloc(65 * 1024)]), type: 'image/jpeg' },
      40009,
    ],
    [
      'a small JPG thumb',
      '/cgi-bin/material/add_material',
      'type=thumb',
      { name: 'c.jpg', bytes: JPG, type: 'image/jpeg' },
      undefined,
    ],
    [
      'an unknown material type',
      '/cgi-bin/material/add_material',
      'type=poster',
      { name: 'c.jpg', bytes: JPG, type: 'image/jpeg' },
      40004,
    ],
  ])('%s', async (_label, path, query, file, errcode) => {
    const accessToken = await start();
    const answer = await upload(path, accessToken, file, query);
    if (errcode === undefined) expect(answer.errcode).toBeUndefined();
    else expect(answer.errcode).toBe(errcode);
  });

  it('wants the file in the multipart field "media"', async () => {
    const accessToken = await start();
    expect(
      (
        await upload(
          '/cgi-bin/media/uploadimg',
          accessToken,
          { name: 'a.png', bytes: PNG, type: 'image/png' },
          '',
          'file',
        )
      ).errcode,
    ).toBe(41005);
  });
});

describe('draft/add', () => {
  const article = (fields: Record<string, unknown>) => ({
    articles: [
      {
        article_type: 'news',
        title: '岩茶的焙火',
        author: '林晓',
        digest: '轻火、中火、足火。',
        content: '<p>正文</p>',
        ...fields,
      },
    ],
  });

  it.each([
    ['a 33-character title', { title: '岩'.repeat(33) }, 45003],
    ['a 17-character author', { author: '林'.repeat(17) }, 45110],
    ['a 129-character digest', { digest: '茶'.repeat(129) }, 45004],
    ['content of 20,000 characters', { content: 'x'.repeat(20_000) }, 45002],
    ['a 阅读原文 link over 1 KB', { content_source_url: `https://example.com/${'a'.repeat(1024)}` }, 45005],
    ['no thumb_media_id', { thumb_media_id: undefined }, 40007],
    ['an unknown thumb_media_id', { thumb_media_id: 'MEDIA_nope' }, 40007],
  ])('refuses %s', async (_label, fields, errcode) => {
    const accessToken = await start();
    const thumb = await cover(accessToken);
    const answer = await post('/cgi-bin/draft/add', article({ thumb_media_id: thumb, ...fields }), accessToken);
    expect(answer.errcode).toBe(errcode);
  });

  it('keeps uploadimg images, drops every other image and strips scripts, as WeChat does', async () => {
    const accessToken = await start();
    const thumb = await cover(accessToken);
    const { url } = (await upload('/cgi-bin/media/uploadimg', accessToken, {
      name: 'a.png',
      bytes: PNG,
      type: 'image/png',
    })) as { url: string };
    const content = `<p>图</p><img src="${url}"><img src="https://example.com/x.png"><script>alert(1)</script>`;
    const { media_id: mediaId } = (await post(
      '/cgi-bin/draft/add',
      article({ thumb_media_id: thumb, content }),
      accessToken,
    )) as { media_id: string };
    const stored = fake.state.drafts.get(mediaId)![0]!;
    expect(stored.content).toContain(url);
    expect(stored.content).not.toContain('example.com');
    expect(stored.content).not.toContain('<script');
    expect(fake.state.strippedImages).toEqual(['https://example.com/x.png']);
  });
});

describe('freepublish', () => {
  it('goes from publish_status 1 to 0 with the article URL, and counts submissions per title', async () => {
    const accessToken = await start({ pollsWhilePublishing: 2 });
    const thumb = await cover(accessToken);
    const { media_id: mediaId } = (await post(
      '/cgi-bin/draft/add',
      { articles: [{ title: '岩茶的焙火', content: '<p>正文</p>', thumb_media_id: thumb }] },
      accessToken,
    )) as { media_id: string };
    const submitted = await post('/cgi-bin/freepublish/submit', { media_id: mediaId }, accessToken);
    expect(submitted).toMatchObject({ errcode: 0, errmsg: 'ok' });
    const statuses = [];
    for (let poll = 0; poll < 3; poll += 1)
      statuses.push(await post('/cgi-bin/freepublish/get', { publish_id: String(submitted.publish_id) }, accessToken));
    expect(statuses.map((state) => state.publish_status)).toEqual([1, 1, 0]);
    expect(statuses[2]).toMatchObject({ article_detail: { count: 1, item: [{ idx: 1 }] }, fail_idx: [] });
    // Like the captured real answer, submit gives no msg_data_id; the long article URL carries it as mid.
    expect(submitted.msg_data_id).toBeUndefined();
    const msgDataId = fake.state.publishes.get(Number(submitted.publish_id))!.msgDataId;
    expect((statuses[2]!.article_detail as { item: Array<{ article_url: string }> }).item[0]!.article_url).toContain(
      `mid=${msgDataId}&idx=1`,
    );
    expect(fake.state.submitsByTitle.get('岩茶的焙火')).toBe(1);
    // A submitted draft leaves the draft box.
    expect((await post('/cgi-bin/freepublish/submit', { media_id: mediaId }, accessToken)).errcode).toBe(40007);
  });

  it('ends in the failure status chosen by the test, with fail_idx', async () => {
    const accessToken = await start({ pollsWhilePublishing: 1, publishOutcome: () => 3 });
    const thumb = await cover(accessToken);
    const { media_id: mediaId } = (await post(
      '/cgi-bin/draft/add',
      { articles: [{ title: '标题', content: '<p>正文</p>', thumb_media_id: thumb }] },
      accessToken,
    )) as { media_id: string };
    const { publish_id: publishId } = await post('/cgi-bin/freepublish/submit', { media_id: mediaId }, accessToken);
    await post('/cgi-bin/freepublish/get', { publish_id: publishId }, accessToken);
    expect(await post('/cgi-bin/freepublish/get', { publish_id: publishId }, accessToken)).toMatchObject({
      publish_status: 3,
      fail_idx: [1],
    });
  });
});

describe('extra routes and injected errors', () => {
  it('answers extra routes after the token check, in order, and records every call', async () => {
    const accessToken = await start({
      extraRoutes: [
        (request) =>
          request.path === '/datacube/getusersummary'
            ? { json: { list: [{ ref_date: request.body.begin_date }] } }
            : undefined,
        (request) =>
          request.path === '/datacube/getusersummary' ? { json: { list: 'second route never answers' } } : undefined,
      ],
    });
    expect(
      await post('/datacube/getusersummary', { begin_date: '2026-11-20', end_date: '2026-11-20' }, accessToken),
    ).toEqual({ list: [{ ref_date: '2026-11-20' }] });
    expect((await post('/datacube/getusersummary', { begin_date: '2026-11-20' }, 'stale')).errcode).toBe(40001);
    expect(fake.calls.filter((call) => call.path === '/datacube/getusersummary')).toHaveLength(2);
    expect(fake.calls.at(-1)).toMatchObject({ method: 'POST', body: { begin_date: '2026-11-20' } });
    expect(JSON.stringify(fake.calls)).not.toContain(accessToken);
  });

  it('injects 40164 with the refused IP in errmsg, for the given number of calls', async () => {
    const accessToken = await start();
    fake.injectError('/cgi-bin/draft/add', 40164, { times: 2 });
    for (let call = 0; call < 2; call += 1) {
      const answer = await post('/cgi-bin/draft/add', {}, accessToken);
      expect(answer.errcode).toBe(40164);
      expect(answer.errmsg).toMatch(/^invalid ip 203\.0\.113\.7 .* not in whitelist rid: /);
    }
    expect((await post('/cgi-bin/draft/add', {}, accessToken)).errcode).toBe(44003);
  });
});
