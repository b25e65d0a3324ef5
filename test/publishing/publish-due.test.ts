import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkRepository } from '../../src/core/check/check-repository.ts';
import { ARTICLE_DIRECTORY } from '../helpers/fixture-repository.ts';
import {
  ARTICLE_ID,
  ARTICLE_TITLE,
  JUST_AFTER,
  RECORD_FILE,
  createPublishingWorld,
  pngNumbered,
  type PublishingWorld,
} from './publishing-fixture.ts';

let world: PublishingWorld | undefined;
afterEach(async () => {
  await world?.dispose();
  world = undefined;
});

describe('publish --due, happy path', () => {
  it('uploads the body images and cover, creates the draft, submits, polls and records everything', async () => {
    world = await createPublishingWorld({ images: 2 });
    const report = await world.run();
    expect(report.ok).toBe(true);
    expect(report.entries).toMatchObject([{ article: ARTICLE_ID, outcome: 'published', overdue: false }]);

    const paths = world.fake.calls.map((call) => call.path.replace('/cgi-bin/', ''));
    expect(paths).toEqual([
      'stable_token',
      'media/uploadimg',
      'media/uploadimg',
      'material/add_material',
      'draft/add',
      'freepublish/submit',
      'freepublish/get',
      'freepublish/get',
      'freepublish/get',
    ]);
    expect(world.fake.calls.find((call) => call.path === '/cgi-bin/material/add_material')?.query).toEqual({
      type: 'image',
    });

    // The draft WeChat stored: the article's fields, images only as uploadimg URLs, none dropped.
    const publish = [...world.fake.state.publishes.values()][0]!;
    const draft = publish.articles[0]!;
    expect(draft).toMatchObject({
      title: ARTICLE_TITLE,
      author: '林晓',
      digest: '用能尝到、闻到的东西解释岩韵。',
      need_open_comment: 1,
    });
    expect(world.fake.state.strippedImages).toEqual([]);
    const imageUrls = [...world.fake.state.imageUrls];
    for (const url of imageUrls) expect(draft.content).toContain(url);
    expect(draft.content).not.toMatch(/figure-\d\.png/);
    expect(world.fake.state.materials.get(draft.thumb_media_id)?.file.name).toBe('cover.png');

    const record = await world.record();
    expect(record).toMatchObject({
      article: ARTICLE_ID,
      status: 'published',
      index: 1,
      images: [
        { src: 'figure-1.png', url: imageUrls[0] },
        { src: 'figure-2.png', url: imageUrls[1] },
      ],
      cover: { file: 'cover.png', mediaId: draft.thumb_media_id },
      publishId: String(publish.publishId),
      msgDataId: String(publish.msgDataId),
      wechatArticleId: publish.articleId,
    });
    expect(record?.url).toMatch(/^https:\/\/mp\.weixin\.qq\.com\/s\?/);
    expect(record?.publishedAt).toMatch(/^2026-09-02T20:35:\d\d\+08:00$/);
    expect(record?.failure).toBeUndefined();

    // The record is a valid repository file: `mpflow check` accepts it.
    const { problems } = await checkRepository(world.fixture.root);
    expect(problems.filter((problem) => problem.file === RECORD_FILE)).toEqual([]);
    // Editors validate it: the file names its schema.
    expect((await world.fixture.read(RECORD_FILE)).split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../../schemas/publish-record.schema.json',
    );
    // No temporary file is left behind.
    expect(await readdir(path.join(world.fixture.root, 'content/publishing'))).toEqual([`${ARTICLE_ID}.yaml`]);
  });

  it('does nothing on the next run: a published article is not published again', async () => {
    world = await createPublishingWorld();
    await world.run();
    const calls = world.fake.calls.length;
    const again = await world.run({ now: JUST_AFTER + 15 * 60_000 });
    expect(again.entries).toEqual([]);
    expect(again.ok).toBe(true);
    expect(world.fake.calls.length).toBe(calls);
  });

  it('takes msg_data_id from the article URL when freepublish/submit leaves it out (as the captured real answer does)', async () => {
    world = await createPublishingWorld();
    await world.run();
    const publish = [...world.fake.state.publishes.values()][0]!;
    expect((await world.record())?.msgDataId).toBe(String(publish.msgDataId));
  });

  it('leaves the article in progress when WeChat is still publishing after the last poll, and the next run polls again', async () => {
    world = await createPublishingWorld({ fake: { pollsWhilePublishing: 6 } });
    const first = await world.run({ pollIntervalsMs: [10, 10] });
    expect(first.entries[0]).toMatchObject({ outcome: 'publishing', overdue: false });
    expect(first.ok).toBe(true);
    expect((await world.record())?.status).toBe('in-progress');
    const second = await world.run({ now: JUST_AFTER + 15 * 60_000, pollIntervalsMs: [10, 10, 10, 10] });
    expect(second.entries[0]?.outcome).toBe('published');
    expect(world.fake.count('/cgi-bin/freepublish/submit')).toBe(1);
  });
});

describe('dry run', () => {
  it('lists what would go out, with no API call and no file written', async () => {
    world = await createPublishingWorld({ images: 3 });
    const report = await world.run({ dryRun: true });
    expect(report.entries).toMatchObject([
      { article: ARTICLE_ID, outcome: 'would-publish', nextStep: 'images', images: 3 },
    ]);
    expect(world.fake.calls).toEqual([]);
    expect(await world.record()).toBeUndefined();
  });

  it('says which articles are blocked by the checks, and why', async () => {
    world = await createPublishingWorld();
    const source = await world.fixture.read(`${ARTICLE_DIRECTORY}/index.md`);
    await world.fixture.write(
      `${ARTICLE_DIRECTORY}/index.md`,
      source.replace('author: lin-xiao', 'author: nobody-here'),
    );
    const report = await world.run({ dryRun: true });
    expect(report.entries[0]).toMatchObject({ outcome: 'blocked' });
    expect(report.entries[0]?.problems?.map((problem) => problem.ruleId)).toContain('ref/unknown-member');
    expect(world.fake.calls).toEqual([]);
  });
});

describe('checks before publishing', () => {
  it('publishes nothing for an article with check errors, and fails the job once it is overdue', async () => {
    world = await createPublishingWorld();
    await world.fixture.remove(`${ARTICLE_DIRECTORY}/cover.png`);
    const soon = await world.run();
    expect(soon.entries[0]).toMatchObject({ outcome: 'blocked', overdue: false });
    expect(soon.ok).toBe(true);
    const late = await world.run({ now: JUST_AFTER + 40 * 60_000 });
    expect(late.entries[0]).toMatchObject({ outcome: 'blocked', overdue: true });
    expect(late.ok).toBe(false);
    expect(world.fake.calls).toEqual([]);
    expect(await world.record()).toBeUndefined();
  });
});

describe('failures', () => {
  it.each([
    [3, '常规失败'],
    [2, '原创声明失败'],
    [4, '审核不通过'],
  ])('records publish_status %i as failed with its meaning, and never resubmits it', async (status, meaning) => {
    world = await createPublishingWorld({ fake: { publishOutcome: () => status } });
    const report = await world.run();
    expect(report.ok).toBe(false);
    expect(report.entries[0]).toMatchObject({ outcome: 'failed', overdue: false });
    const record = await world.record();
    expect(record).toMatchObject({ status: 'failed', failure: { step: 'poll', status } });
    expect(record?.failure?.meaning).toContain(meaning);
    expect(record?.publishId).toBeDefined();

    const rerun = await world.run({ now: JUST_AFTER + 15 * 60_000 });
    expect(rerun.entries[0]).toMatchObject({ outcome: 'failed' });
    expect(rerun.entries[0]?.message?.en).toContain('delete the publish record in a pull request');
    expect(rerun.ok).toBe(false);
    expect(world.fake.count('/cgi-bin/freepublish/submit')).toBe(1);
  });

  it('records a draft WeChat refuses as failed at the draft step, naming the errcode, and does not submit it', async () => {
    world = await createPublishingWorld();
    world.fake.injectError('/cgi-bin/draft/add', 45003, { errmsg: 'title size out of limit' });
    const report = await world.run();
    expect(report.entries[0]).toMatchObject({ outcome: 'failed' });
    expect(report.entries[0]?.message?.zh).toContain('标题超过 32 个字符');
    expect(await world.record()).toMatchObject({ status: 'failed', failure: { step: 'draft', status: 45003 } });
    expect(world.fake.count('/cgi-bin/freepublish/submit')).toBe(0);
  });

  it('records a submission WeChat refuses (53503, the publish check) as failed at the submit step', async () => {
    world = await createPublishingWorld();
    world.fake.injectError('/cgi-bin/freepublish/submit', 53503);
    const report = await world.run();
    expect(report.ok).toBe(false);
    const record = await world.record();
    expect(record).toMatchObject({ status: 'failed', failure: { step: 'submit', status: 53503 } });
    expect(record?.failure?.meaning).toContain('草稿未通过发布检查');
    expect(record?.publishId).toBeUndefined();
  });

  it('stops the run on an account-wide error (40164) without marking the article failed, and resumes after the fix', async () => {
    world = await createPublishingWorld();
    world.fake.injectError('/cgi-bin/draft/add', 40164);
    const report = await world.run();
    expect(report.ok).toBe(false);
    expect(report.stoppedBy?.zh).toContain('IP 白名单');
    expect(report.entries[0]).toMatchObject({ outcome: 'interrupted' });
    const record = await world.record();
    expect(record?.status).toBe('in-progress');
    expect(record?.cover?.mediaId).toBeDefined();

    const uploads = world.fake.count('/cgi-bin/media/uploadimg');
    const resumed = await world.run({ now: JUST_AFTER + 15 * 60_000 });
    expect(resumed.entries[0]?.outcome).toBe('published');
    // Images and cover were recorded, so they are not uploaded again.
    expect(world.fake.count('/cgi-bin/media/uploadimg')).toBe(uploads);
    expect(world.fake.count('/cgi-bin/material/add_material')).toBe(1);
  });

  it.each([
    [45009, 'daily API quota', 1],
    [40164, 'whitelist', 1],
    // -1 is retried three times first.
    [-1, 'busy', 4],
  ])(
    'a submission refused with %i stops the run, and the next run submits it (WeChat said no, so nothing is unknown)',
    async (errcode, shown, times) => {
      world = await createPublishingWorld();
      world.fake.injectError('/cgi-bin/freepublish/submit', errcode, { times });
      const report = await world.run();
      // The cover and the draft were uploaded before the refusal: the article was attempted.
      expect(report.entries[0]).toMatchObject({ outcome: 'interrupted' });
      expect(report.stoppedBy?.en).toContain(shown);
      const record = await world.record();
      expect(record?.status).toBe('in-progress');
      expect(record?.submitStartedAt).toBeUndefined();
      expect(record?.draftMediaId).toBeDefined();

      const resumed = await world.run({ now: JUST_AFTER + 15 * 60_000 });
      expect(resumed.entries[0]?.outcome).toBe('published');
      expect(world.fake.state.submitsByTitle.get(ARTICLE_TITLE)).toBe(1);
      expect(world.fake.count('/cgi-bin/draft/add')).toBe(1);
    },
  );

  it('stops for the day on 45009', async () => {
    world = await createPublishingWorld();
    world.fake.injectError('/cgi-bin/media/uploadimg', 45009);
    const report = await world.run();
    expect(report.stoppedBy?.en).toContain('daily API quota');
    expect(report.ok).toBe(false);
  });

  it('never resubmits when the answer to freepublish/submit is lost: the article is failed for a person to check', async () => {
    world = await createPublishingWorld();
    world.fake.injectDisconnect('/cgi-bin/freepublish/submit', { afterHandling: true });
    const report = await world.run();
    expect(report.entries[0]).toMatchObject({ outcome: 'failed' });
    expect(report.entries[0]?.message?.zh).toContain('发表记录');
    const record = await world.record();
    expect(record).toMatchObject({ status: 'failed', failure: { step: 'submit' } });
    expect(record?.submitStartedAt).toBeDefined();
    await world.run({ now: JUST_AFTER + 15 * 60_000 });
    expect(world.fake.count('/cgi-bin/freepublish/submit')).toBe(1);
    expect(world.fake.state.submitsByTitle.get(ARTICLE_TITLE)).toBe(1);
  });
});

describe('leftovers of a killed write', () => {
  it('removes a temporary record file left between write and rename, so it is never committed', async () => {
    world = await createPublishingWorld();
    await world.fixture.write(`${RECORD_FILE}.writing.tmp`, 'article: 2026-09-02-yancha-yanyun\nstatus: in-pro');
    const report = await world.run();
    expect(report.entries[0]?.outcome).toBe('published');
    expect(await readdir(path.join(world.fixture.root, 'content/publishing'))).toEqual([`${ARTICLE_ID}.yaml`]);
  });
});

describe('a publish record mpflow cannot read', () => {
  it('skips the article rather than guess (guessing could publish twice), pointing at the line', async () => {
    world = await createPublishingWorld();
    await world.fixture.write(
      RECORD_FILE,
      'article: 2026-09-02-yancha-yanyun\nstatus: in-progress\npublishId: [unclosed\n',
    );
    const report = await world.run();
    expect(report.entries[0]).toMatchObject({ outcome: 'failed' });
    expect(report.entries[0]?.message?.en).toMatch(
      /^content\/publishing\/2026-09-02-yancha-yanyun\.yaml:3:\d+: the publish record cannot be read/,
    );
    expect(report.ok).toBe(false);
    expect(world.fake.calls).toEqual([]);
  });
});

describe('catching up', () => {
  it('catches up a missed run within the window, late but not overdue-failed once published', async () => {
    world = await createPublishingWorld();
    const report = await world.run({ now: JUST_AFTER + 3 * 3_600_000 });
    expect(report.entries[0]).toMatchObject({ outcome: 'published', overdue: false });
    expect(report.ok).toBe(true);
  });

  it('does not publish an article missed by more than the catch-up window; it reports it and fails', async () => {
    world = await createPublishingWorld();
    const report = await world.run({ now: JUST_AFTER + 25 * 3_600_000 });
    expect(report.entries[0]).toMatchObject({ outcome: 'stale', overdue: true });
    expect(report.ok).toBe(false);
    expect(world.fake.calls).toEqual([]);
  });

  it('two due articles: the first one WeChat refuses is recorded failed, and the second still goes out', async () => {
    world = await createPublishingWorld({ images: 1 });
    const second = 'content/articles/2026/09-02-yancha-roasting';
    const source = (await world.fixture.read(`${ARTICLE_DIRECTORY}/index.md`))
      .replace('title: 武夷岩茶的“岩韵”，到底在说什么', 'title: 岩茶的焙火：轻、中、足火怎么喝')
      .replace('publishAt: 2026-09-02T20:30:00+08:00', 'publishAt: 2026-09-02T20:31:00+08:00');
    await world.fixture.write(`${second}/index.md`, source);
    await world.fixture.write(`${second}/cover.png`, pngNumbered(21));
    await world.fixture.write(`${second}/figure-1.png`, pngNumbered(22));
    // WeChat refuses the first draft (publishAt 20:30 goes first).
    world.fake.injectError('/cgi-bin/draft/add', 45003, { times: 1, errmsg: 'title size out of limit' });

    const report = await world.run();
    expect(report.entries.map((entry) => [entry.article, entry.outcome])).toEqual([
      [ARTICLE_ID, 'failed'],
      ['2026-09-02-yancha-roasting', 'published'],
    ]);
    expect(report.ok).toBe(false);
    expect(world.fake.state.submitsByTitle.get('岩茶的焙火：轻、中、足火怎么喝')).toBe(1);
    expect(world.fake.state.submitsByTitle.get(ARTICLE_TITLE) ?? 0).toBe(0);
  });

  it('does not touch an article whose publishAt has not come', async () => {
    world = await createPublishingWorld();
    const report = await world.run({ now: Date.parse('2026-09-02T20:29:00+08:00') });
    expect(report.entries).toEqual([]);
    expect(report.upcoming).toMatchObject([{ article: ARTICLE_ID }]);
    expect(world.fake.calls).toEqual([]);
  });
});

describe('the API calls one publication makes', () => {
  // A cold token cache costs one stable_token; then one uploadimg per distinct body image, one
  // add_material for the cover, draft/add, freepublish/submit, and one freepublish/get per poll.
  it.each([
    [0, 0, ['stable_token', 'material/add_material', 'draft/add', 'freepublish/submit', 'freepublish/get']],
    [
      1,
      1,
      [
        'stable_token',
        'media/uploadimg',
        'material/add_material',
        'draft/add',
        'freepublish/submit',
        'freepublish/get',
        'freepublish/get',
      ],
    ],
    [
      3,
      2,
      [
        'stable_token',
        'media/uploadimg',
        'media/uploadimg',
        'media/uploadimg',
        'material/add_material',
        'draft/add',
        'freepublish/submit',
        'freepublish/get',
        'freepublish/get',
        'freepublish/get',
      ],
    ],
  ])('%i body image(s), %i poll(s) while publishing', async (images, pollsWhilePublishing, expected) => {
    world = await createPublishingWorld({ images, fake: { pollsWhilePublishing } });
    await world.run();
    expect(world.fake.calls.map((call) => call.path.replace('/cgi-bin/', ''))).toEqual(expected);
    expect(world.fake.calls).toHaveLength(images + 5 + pollsWhilePublishing);
  });
});
