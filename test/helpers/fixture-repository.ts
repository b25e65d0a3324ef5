import { mkdtemp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The tool's source checkout: its scripts, schemas, workflows and the tests' own files. */
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The department the tests read: a copy of the sample department (content/, appraisals/ and its
 * labelled SAMPLE keys) owned by the tests, so that a department may delete the repository's own
 * sample and keep `npm test` green (issue 12). Tests that write work on a temporary copy of it
 * (test/scoring/sample-copy.ts); test/fixtures/root-sample.test.ts keeps tests off the root sample.
 */
export const FIXTURE_DEPARTMENT = path.join(PROJECT_ROOT, 'test/fixtures/department');

/** The fixture department's labelled SAMPLE age keys, one per member. */
export const FIXTURE_SAMPLE_KEYS = path.join(FIXTURE_DEPARTMENT, 'sample-keys');

/**
 * The sample department's ratings are sealed to its members' keys (issue 20). Tests read it as its
 * HR would, with the labelled SAMPLE HR identity, unless a test sets MPFLOW_AGE_IDENTITY_FILE itself
 * (test/privacy/ runs as a member, and with no key at all, as CI does).
 */
export const SAMPLE_HR_IDENTITY_FILE = path.join(FIXTURE_SAMPLE_KEYS, 'SAMPLE-liu-fang.agekey');
process.env.MPFLOW_AGE_IDENTITY_FILE ??= SAMPLE_HR_IDENTITY_FILE;

/** A 1×1 PNG: enough for "the file exists" and for image-type sniffing. */
export const TINY_PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

export const MINIMAL_TEAM = `members:
  - id: lin-xiao
    name: 林晓
    github: linxiao-writes
    roles: [copywriter]
    supervisor: zhou-min
    joined: 2022-03-14
  - id: zhou-min
    name: 周敏
    github: zhoumin-minlan
    roles: [head, operator, designer]
    joined: 2019-04-15
  - id: chen-yu
    name: 陈雨
    github: chenyu-ops
    roles: [operator, support]
    supervisor: zhou-min
    joined: 2021-07-01
`;

/** Department settings (content/department.yaml): without them check warns department/missing. */
export const MINIMAL_DEPARTMENT = `schemaVersion: 1
department:
  zh: 测试微信部
  en: Test WeChat department
account:
  zh: 测试公众号
  en: Test account
`;

export const MINIMAL_ARTICLE = `---
title: 武夷岩茶的“岩韵”，到底在说什么
digest: 用能尝到、闻到的东西解释岩韵。
author: lin-xiao
designer: zhou-min
topic: T-2026-001
campaign: C-2026-01
publishAt: 2026-09-02T20:30:00+08:00
cover: cover.png
source:
  type: original
tags: [岩茶, 科普]
---
岩茶的“岩韵”常被说得很玄，其实可以尝出来。

![一杯橙黄透亮的岩茶茶汤](figure-1.png "图：茶汤")

## 从香气说起

先闻干茶，再闻杯底。
`;

export const MINIMAL_TOPIC = `id: T-2026-001
title: 武夷岩茶“岩韵”科普
proposedBy: lin-xiao
proposedAt: 2026-08-18
decision: accepted
decidedAt: 2026-08-24
owner: lin-xiao
`;

export const MINIMAL_CAMPAIGN = `id: C-2026-01
kind: quiz
title: 中秋茶知识问答
owner: chen-yu
goal: 用轻松的问答带动老读者互动。
period:
  start: 2026-09-26T20:30:00+08:00
  end: 2026-10-06T23:59:00+08:00
rules: |
  1. 在文章留言区写下答案即可参与，无需关注或转发。
prizes:
  - name: 中秋茶礼盒
    quantity: 3
articles: [2026-09-02-yancha-yanyun]
`;

export const MINIMAL_RATING = `member: lin-xiao
period: 2026-09
rater: zhou-min
role: supervisor
submittedAt: 2026-10-04T16:20:00+08:00
ratings:
  collaboration: 82
  professional-skills: 88
  learning-innovation: 80
  responsibility: 90
  teamwork: 86
  initiative: 85
  discipline: 95
  confidentiality: 100
  ethics: 95
`;

export const MINIMAL_ARTICLE_STATS = `date,article,reads,readers,shares,shareUsers,likes,comments,favorites
2026-09-02,2026-09-02-yancha-yanyun,1830,1502,96,81,41,12,37
2026-09-03,2026-09-02-yancha-yanyun,702,611,30,27,12,3,9
`;

export const MINIMAL_SUPPORT = `id,agent,channel,openedAt,firstReplyAt,closedAt,category,satisfaction
S-20260901-001,chen-yu,message,2026-09-01T09:12:00+08:00,2026-09-01T09:20:00+08:00,2026-09-01T09:41:00+08:00,咨询,5
S-20260901-002,chen-yu,comment,2026-09-01T22:05:00+08:00,2026-09-02T09:03:00+08:00,2026-09-02T09:15:00+08:00,物流,
`;

export const ARTICLE_DIRECTORY = 'content/articles/2026/09-02-yancha-yanyun';

/** A small department repository that passes `mpflow check`; each test breaks one thing in it. */
export class FixtureRepository {
  readonly root: string;

  private constructor(root: string) {
    this.root = root;
  }

  static async create(): Promise<FixtureRepository> {
    const root = await mkdtemp(path.join(tmpdir(), 'mpflow-fixture-'));
    const fixture = new FixtureRepository(root);
    const policy = await readFile(path.join(FIXTURE_DEPARTMENT, 'content/policy/2026-01-01.yaml'), 'utf8');
    await fixture.write('content/department.yaml', MINIMAL_DEPARTMENT);
    await fixture.write('content/team.yaml', MINIMAL_TEAM);
    await fixture.write('content/policy/2026-01-01.yaml', policy);
    await fixture.write('content/topics/T-2026-001.yaml', MINIMAL_TOPIC);
    await fixture.write('content/campaigns/C-2026-01.yaml', MINIMAL_CAMPAIGN);
    await fixture.write(`${ARTICLE_DIRECTORY}/index.md`, MINIMAL_ARTICLE);
    await fixture.write(`${ARTICLE_DIRECTORY}/cover.png`, TINY_PNG);
    await fixture.write(`${ARTICLE_DIRECTORY}/figure-1.png`, TINY_PNG);
    await fixture.write('content/metrics/articles/2026-09.csv', MINIMAL_ARTICLE_STATS);
    await fixture.write('content/metrics/support/2026-09.csv', MINIMAL_SUPPORT);
    await fixture.write('appraisals/2026-09/lin-xiao/supervisor.yaml', MINIMAL_RATING);
    return fixture;
  }

  async write(relativePath: string, content: string | Buffer): Promise<void> {
    const target = path.join(this.root, relativePath);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }

  async read(relativePath: string): Promise<string> {
    return readFile(path.join(this.root, relativePath), 'utf8');
  }

  /** Replaces `from` with `to` in a file and returns where `at` (by default `to`) now starts. */
  async edit(relativePath: string, from: string, to: string, at = to): Promise<{ line: number; column: number }> {
    const before = await this.read(relativePath);
    if (!before.includes(from)) throw new Error(`fixture ${relativePath} lacks "${from}"`);
    const after = before.replace(from, to);
    await this.write(relativePath, after);
    return positionOf(after, at);
  }

  async remove(relativePath: string): Promise<void> {
    await rm(path.join(this.root, relativePath), { recursive: true, force: true });
  }

  async link(relativePath: string, target: string): Promise<void> {
    const linkPath = path.join(this.root, relativePath);
    await mkdir(path.dirname(linkPath), { recursive: true });
    await symlink(target, linkPath);
  }

  async dispose(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}

/** 1-based line and column of the first occurrence of `needle` in `source`. */
export function positionOf(source: string, needle: string): { line: number; column: number } {
  const offset = source.indexOf(needle);
  if (offset === -1) throw new Error(`"${needle}" not found in fixture`);
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
