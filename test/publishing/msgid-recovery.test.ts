import { afterEach, describe, expect, it } from 'vitest';
import { checkRepository } from '../../src/core/check/check-repository.ts';
import type { FakeWeChatOptions } from '../helpers/fake-wechat-server.ts';
import { RECORD_FILE, createPublishingWorld, type PublishingWorld } from './publishing-fixture.ts';

/**
 * Every real answer shape of freepublish/submit and freepublish/get leaves a record `mpflow check`
 * accepts. The shapes: submit with msg_data_id (the docs) or without (the captured real answer,
 * ../shared/fixtures/wechat-samples/freepublish_submit.wxjava.json); get with a long article_url
 * carrying mid, a short https://mp.weixin.qq.com/s/<hash> link, the captured sample's redacted
 * link (freepublish_get.wxjava.json), or no article_url at all.
 */

let world: PublishingWorld | undefined;
afterEach(async () => {
  await world?.dispose();
  world = undefined;
});

async function publishWith(fake: FakeWeChatOptions) {
  world = await createPublishingWorld({ images: 0, fake });
  const report = await world.run();
  const record = await world.record();
  const { problems } = await checkRepository(world.fixture.root);
  const publish = [...world.fake.state.publishes.values()][0]!;
  const calls = world.fake.calls
    .map((call) => call.path.replace('/cgi-bin/', ''))
    .filter((path) => path.startsWith('freepublish/'));
  return {
    report,
    record,
    recordProblems: problems
      .filter((problem) => problem.file === RECORD_FILE)
      .map((problem) => `${problem.ruleId} ${problem.message.en}`),
    publish,
    calls,
  };
}

describe('publish records that always check', () => {
  it.each<[string, FakeWeChatOptions, string[]]>([
    ['submit gives msg_data_id (the documented answer)', { includeMsgDataId: true }, []],
    ['submit without msg_data_id, get with a long link carrying mid', {}, []],
    [
      'a short link from get, the long one from getarticle',
      { articleUrls: { get: 'short' } },
      ['freepublish/getarticle'],
    ],
    [
      'short links from get and getarticle, the long one from batchget',
      { articleUrls: { get: 'short', getarticle: 'short' } },
      ['freepublish/getarticle', 'freepublish/batchget'],
    ],
    [
      'the redacted link of the captured get answer, then getarticle',
      { articleUrls: { get: 'redacted' } },
      ['freepublish/getarticle'],
    ],
    ['no article_url from get, the link from getarticle', { articleUrls: { get: 'none' } }, ['freepublish/getarticle']],
  ])('%s: the msgid is recorded and check passes', async (_label, fake, extraCalls) => {
    const { report, record, recordProblems, publish, calls } = await publishWith({ pollsWhilePublishing: 0, ...fake });
    expect(report.entries[0]?.outcome).toBe('published');
    expect(record).toMatchObject({
      status: 'published',
      msgDataId: String(publish.msgDataId),
      publishId: String(publish.publishId),
    });
    expect(record?.url).toMatch(/^https:\/\/mp\.weixin\.qq\.com\/s/);
    expect(record?.msgDataIdMissing).toBeUndefined();
    expect(recordProblems).toEqual([]);
    expect(calls).toEqual(['freepublish/submit', 'freepublish/get', ...extraCalls]);
  });

  it('short links everywhere: published without msgDataId, the record says why, and check passes', async () => {
    const { report, record, recordProblems, calls } = await publishWith({
      pollsWhilePublishing: 0,
      articleUrls: { get: 'short', getarticle: 'short', batchget: 'short' },
    });
    expect(report.entries[0]?.outcome).toBe('published');
    expect(report.ok).toBe(true);
    expect(record?.status).toBe('published');
    expect(record?.msgDataId).toBeUndefined();
    expect(record?.url).toMatch(/^https:\/\/mp\.weixin\.qq\.com\/s\/[\w-]{22}$/);
    expect(record?.msgDataIdMissing).toContain(
      'WeChat gave no msg_data_id (freepublish/getarticle: no mid in url; freepublish/batchget: no mid in url)',
    );
    expect(record?.msgDataIdMissing).toContain('微信没有给出 msg_data_id');
    expect(recordProblems).toEqual([]);
    expect(calls).toEqual(['freepublish/submit', 'freepublish/get', 'freepublish/getarticle', 'freepublish/batchget']);
  });

  it('no link anywhere and getarticle refused (48001): still published, still valid, the errcode named', async () => {
    world = await createPublishingWorld({
      images: 0,
      fake: { pollsWhilePublishing: 0, articleUrls: { get: 'none', batchget: 'none' } },
    });
    world.fake.injectError('/cgi-bin/freepublish/getarticle', 48001);
    const report = await world.run();
    const record = await world.record();
    expect(report.entries[0]?.outcome).toBe('published');
    expect(record?.msgDataId).toBeUndefined();
    expect(record?.url).toBeUndefined();
    expect(record?.msgDataIdMissing).toContain(
      'WeChat gave no msg_data_id / article_url (freepublish/getarticle errcode 48001; freepublish/batchget: no mid in url)',
    );
    const { problems } = await checkRepository(world.fixture.root);
    expect(problems.filter((problem) => problem.file === RECORD_FILE)).toEqual([]);
  });

  it('a hand-written published record with neither msgDataId nor a reason is still refused by check', async () => {
    const { record } = await publishWith({
      pollsWhilePublishing: 0,
      articleUrls: { get: 'short', getarticle: 'short', batchget: 'short' },
    });
    expect(record?.msgDataIdMissing).toBeDefined();
    const source = await world!.fixture.read(RECORD_FILE);
    await world!.fixture.write(RECORD_FILE, source.replace(/^msgDataIdMissing: .*\n/m, ''));
    const { problems } = await checkRepository(world!.fixture.root);
    expect(problems.filter((problem) => problem.file === RECORD_FILE).map((problem) => problem.ruleId)).toEqual([
      'schema/required',
    ]);
  });
});
