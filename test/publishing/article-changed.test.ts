import { afterEach, describe, expect, it } from 'vitest';
import type { PublishStep } from '../../src/core/publishing/publish-article.ts';
import { ARTICLE_DIRECTORY } from '../helpers/fixture-repository.ts';
import { ARTICLE_TITLE, createPublishingWorld, pngNumbered, type PublishingWorld } from './publishing-fixture.ts';

class InjectedCrash extends Error {}

let world: PublishingWorld | undefined;
afterEach(async () => {
  await world?.dispose();
  world = undefined;
});

const ADDED = '补记：第二泡之后，岩韵在喉底慢慢回上来。';
const LATER = Date.parse('2026-09-02T20:50:00+08:00');

/** Runs once and crashes right after `step` was recorded. */
async function crashAfter(target: PublishingWorld, step: PublishStep): Promise<void> {
  await expect(
    target.run({
      afterStep: (_article, done) => {
        if (done === step) throw new InjectedCrash(`crash after ${done}`);
      },
    }),
  ).rejects.toBeInstanceOf(InjectedCrash);
}

async function editBody(target: PublishingWorld): Promise<void> {
  const source = await target.fixture.read(`${ARTICLE_DIRECTORY}/index.md`);
  await target.fixture.write(`${ARTICLE_DIRECTORY}/index.md`, `${source.trimEnd()}\n\n${ADDED}\n`);
}

describe('an article changed on the branch after its draft was made', () => {
  it('before submission: a new draft is made from the current text, and only that one is published', async () => {
    world = await createPublishingWorld({ images: 1 });
    await crashAfter(world, 'draft');
    const first = await world.record();
    expect(first?.draftDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((await world.run({ now: LATER, dryRun: true })).entries[0]).toMatchObject({
      outcome: 'would-resume',
      nextStep: 'submit',
    });
    await editBody(world);
    // The dry run says what the real run will do: make the draft again.
    expect((await world.run({ now: LATER, dryRun: true })).entries[0]).toMatchObject({
      outcome: 'would-resume',
      nextStep: 'draft',
    });

    const rerun = await world.run({ now: LATER });
    expect(rerun.entries[0]?.outcome).toBe('published');
    expect(world.fake.count('/cgi-bin/draft/add')).toBe(2);
    expect(world.fake.state.submitsByTitle.get(ARTICLE_TITLE)).toBe(1);
    const published = [...world.fake.state.publishes.values()][0]!;
    expect(published.articles[0]!.content).toContain(ADDED);
    const record = await world.record();
    expect(record?.draftMediaId).not.toBe(first?.draftMediaId);
    expect(record?.draftMediaId).toBe(published.draftMediaId);
    expect(record?.draftDigest).not.toBe(first?.draftDigest);
    // The unchanged image and cover were not uploaded again.
    expect(world.fake.count('/cgi-bin/media/uploadimg')).toBe(1);
    expect(world.fake.count('/cgi-bin/material/add_material')).toBe(1);
  });

  it('before submission: a replaced image (same file name) is uploaded again and the new draft points at it', async () => {
    world = await createPublishingWorld({ images: 1 });
    await crashAfter(world, 'draft');
    await world.fixture.write(`${ARTICLE_DIRECTORY}/figure-1.png`, pngNumbered(7));

    await world.run({ now: LATER });
    expect(world.fake.count('/cgi-bin/media/uploadimg')).toBe(2);
    expect(world.fake.count('/cgi-bin/draft/add')).toBe(2);
    const [, newUrl] = [...world.fake.state.imageUrls];
    expect([...world.fake.state.publishes.values()][0]!.articles[0]!.content).toContain(newUrl);
    expect(world.fake.state.submitsByTitle.get(ARTICLE_TITLE)).toBe(1);
  });

  it('unchanged: the recorded draft is submitted as it is, with no extra call', async () => {
    world = await createPublishingWorld({ images: 1 });
    await crashAfter(world, 'draft');
    const calls = world.fake.calls.length;
    await world.run({ now: LATER });
    const after = world.fake.calls.slice(calls).map((call) => call.path);
    expect(after[0]).toBe('/cgi-bin/freepublish/submit');
    expect(new Set(after.slice(1))).toEqual(new Set(['/cgi-bin/freepublish/get']));
  });

  it('after submission: never resubmitted, and the run fails loudly saying the change did not go out', async () => {
    world = await createPublishingWorld({ images: 1, fake: { pollsWhilePublishing: 6 } });
    const first = await world.run({ pollIntervalsMs: [10] });
    expect(first.entries[0]?.outcome).toBe('publishing');
    expect(first.ok).toBe(true);
    await editBody(world);

    const rerun = await world.run({ now: LATER, pollIntervalsMs: [10, 10, 10, 10, 10, 10] });
    expect(rerun.entries[0]).toMatchObject({ outcome: 'published', changedAfterSubmit: true });
    expect(rerun.entries[0]?.message?.en).toMatch(/changed after it was submitted/);
    expect(rerun.entries[0]?.message?.zh).toMatch(/提交发布.*之后被修改过/);
    expect(rerun.ok).toBe(false);
    expect(world.fake.count('/cgi-bin/freepublish/submit')).toBe(1);
    expect(world.fake.count('/cgi-bin/draft/add')).toBe(1);
    expect(world.fake.count('/cgi-bin/media/uploadimg')).toBe(1);
    expect([...world.fake.state.publishes.values()][0]!.articles[0]!.content).not.toContain(ADDED);
  });
});

describe('an article removed from the branch after its draft was made', () => {
  it('is never published from its record, and the run fails loudly until a person settles the record', async () => {
    world = await createPublishingWorld({ images: 1 });
    await crashAfter(world, 'draft');
    const calls = world.fake.calls.length;
    for (const file of ['index.md', 'cover.png', 'figure-1.png'])
      await world.fixture.remove(`${ARTICLE_DIRECTORY}/${file}`);

    const rerun = await world.run({ now: LATER });
    expect(rerun.entries).toMatchObject([{ article: '2026-09-02-yancha-yanyun', outcome: 'orphaned' }]);
    expect(rerun.entries[0]?.message?.en).toMatch(/never submitted, so it will not go out/);
    expect(rerun.ok).toBe(false);
    expect(world.fake.calls.length).toBe(calls);
    expect(world.fake.state.submitsByTitle.get(ARTICLE_TITLE) ?? 0).toBe(0);
  });

  it('once submitted, it says so and points at the MP console', async () => {
    world = await createPublishingWorld({ images: 1, fake: { pollsWhilePublishing: 6 } });
    expect((await world.run({ pollIntervalsMs: [10] })).entries[0]?.outcome).toBe('publishing');
    for (const file of ['index.md', 'cover.png', 'figure-1.png'])
      await world.fixture.remove(`${ARTICLE_DIRECTORY}/${file}`);

    const rerun = await world.run({ now: LATER });
    expect(rerun.entries[0]).toMatchObject({ outcome: 'orphaned' });
    expect(rerun.entries[0]?.message?.zh).toContain('已提交发布');
    expect(rerun.ok).toBe(false);
    expect(world.fake.count('/cgi-bin/freepublish/submit')).toBe(1);
  });
});
