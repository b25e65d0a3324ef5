import { truncate } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkRepository } from '../../src/core/check/check-repository.ts';
import { policyFingerprint } from '../../src/core/policy/policy-fingerprint.ts';
import { parse as parseYaml } from 'yaml';
import type { RuleId } from '../../src/core/diagnostics/rules.ts';
import {
  ARTICLE_DIRECTORY,
  FixtureRepository,
  MINIMAL_ARTICLE,
  MINIMAL_ARTICLE_STATS,
  MINIMAL_CAMPAIGN,
  MINIMAL_RATING,
  MINIMAL_SUPPORT,
  MINIMAL_TEAM,
  MINIMAL_TOPIC,
  positionOf,
  TINY_PNG,
} from '../helpers/fixture-repository.ts';

const ARTICLE = `${ARTICLE_DIRECTORY}/index.md`;
const POLICY = 'content/policy/2026-01-01.yaml';

interface Expected {
  file: string;
  rule: RuleId;
  line: number;
  column: number;
  /** A fragment the English message must contain, where the message itself is the point. */
  says?: string;
  /** The instant the check takes as now (calendar rules); the machine's clock otherwise. */
  now?: string;
}

interface BadInputCase {
  name: string;
  breakIt: (repository: FixtureRepository) => Promise<Expected>;
}

const RATING = 'appraisals/2026-09/lin-xiao/supervisor.yaml';
const FINALIZED = 'appraisals/2026-09/finalized.yaml';

/** A finalisation of the fixture's September as HR would leave it (HR is not in the fixture roster; that is reported apart). */
function finalisation(finalizedAt: string, policy?: unknown): string {
  return `period: 2026-09\nfinalizedBy: zhou-min\nfinalizedAt: ${finalizedAt}\nrecords: {}\nresults: {}\n${policy ? `policy: ${JSON.stringify(policy)}\n` : ''}`;
}

const cases: BadInputCase[] = [
  {
    name: 'broken YAML: an unclosed quote in the roster',
    breakIt: async (repo) => {
      await repo.edit('content/team.yaml', 'name: 林晓', 'name: "林晓');
      return { file: 'content/team.yaml', rule: 'yaml/syntax', line: 3, column: 11 };
    },
  },
  {
    name: 'a key written twice in front matter',
    breakIt: async (repo) => {
      const at = await repo.edit(ARTICLE, 'digest:', 'title: 第二个标题\ndigest:', 'title: 第二个标题');
      return { file: ARTICLE, rule: 'yaml/duplicate-key', ...at };
    },
  },
  {
    name: 'an unknown field (a typo) in front matter',
    breakIt: async (repo) => {
      const at = await repo.edit(ARTICLE, 'tags:', 'tag:');
      return { file: ARTICLE, rule: 'schema/unknown-field', ...at, says: 'Did you mean tags?' };
    },
  },
  {
    name: 'a required field missing from front matter',
    breakIt: async (repo) => {
      await repo.edit(ARTICLE, 'digest: 用能尝到、闻到的东西解释岩韵。\n', '');
      return { file: ARTICLE, rule: 'schema/required', line: 2, column: 1, says: 'digest' };
    },
  },
  {
    name: 'a list written as a single string',
    breakIt: async (repo) => {
      const at = await repo.edit('content/team.yaml', 'roles: [copywriter]', 'roles: copywriter', 'copywriter');
      return { file: 'content/team.yaml', rule: 'schema/type', ...at };
    },
  },
  {
    name: 'a role that does not exist',
    breakIt: async (repo) => {
      const at = await repo.edit('content/team.yaml', 'roles: [copywriter]', 'roles: [writer]', 'writer');
      return { file: 'content/team.yaml', rule: 'schema/enum', ...at };
    },
  },
  {
    name: 'a topic id in the wrong form',
    breakIt: async (repo) => {
      const at = await repo.edit(ARTICLE, 'topic: T-2026-001', 'topic: T-26-1', 'T-26-1');
      return { file: ARTICLE, rule: 'schema/pattern', ...at };
    },
  },
  {
    name: 'an empty title',
    breakIt: async (repo) => {
      const at = await repo.edit(ARTICLE, 'title: 武夷岩茶的“岩韵”，到底在说什么', 'title: ""', '""');
      return { file: ARTICLE, rule: 'schema/range', ...at };
    },
  },
  {
    name: 'a date that does not exist (30 February)',
    breakIt: async (repo) => {
      const at = await repo.edit('content/team.yaml', 'joined: 2022-03-14', 'joined: 2022-02-30', '2022-02-30');
      return { file: 'content/team.yaml', rule: 'date/invalid', ...at };
    },
  },
  {
    name: 'publishAt without a time-zone offset',
    breakIt: async (repo) => {
      const at = await repo.edit(
        ARTICLE,
        'publishAt: 2026-09-02T20:30:00+08:00',
        'publishAt: 2026-09-02T20:30:00',
        '2026-09-02T20:30:00',
      );
      return { file: ARTICLE, rule: 'date/missing-offset', ...at, says: '+08:00' };
    },
  },
  {
    name: 'publishAt in month 13',
    breakIt: async (repo) => {
      const at = await repo.edit(
        ARTICLE,
        'publishAt: 2026-09-02T20:30:00+08:00',
        'publishAt: 2026-13-02T20:30:00+08:00',
        '2026-13-02',
      );
      return { file: ARTICLE, rule: 'date/invalid', ...at };
    },
  },
  {
    name: 'an author who is not in the roster',
    breakIt: async (repo) => {
      const at = await repo.edit(ARTICLE, 'author: lin-xiao', 'author: lin-xaio', 'lin-xaio');
      return { file: ARTICLE, rule: 'ref/unknown-member', ...at, says: 'Did you mean "lin-xiao"?' };
    },
  },
  {
    name: 'a designer who does not hold the designer role',
    breakIt: async (repo) => {
      const at = await repo.edit(ARTICLE, 'designer: zhou-min', 'designer: lin-xiao', 'lin-xiao\ntopic');
      return { file: ARTICLE, rule: 'ref/missing-role', ...at };
    },
  },
  {
    name: 'a topic that is not in the library',
    breakIt: async (repo) => {
      const at = await repo.edit(ARTICLE, 'topic: T-2026-001', 'topic: T-2026-999', 'T-2026-999');
      return { file: ARTICLE, rule: 'ref/unknown-topic', ...at };
    },
  },
  {
    name: 'a campaign that does not exist',
    breakIt: async (repo) => {
      const at = await repo.edit(ARTICLE, 'campaign: C-2026-01', 'campaign: C-2026-07', 'C-2026-07');
      return { file: ARTICLE, rule: 'ref/unknown-campaign', ...at };
    },
  },
  {
    name: 'a cover image that is not in the folder',
    breakIt: async (repo) => {
      await repo.remove(`${ARTICLE_DIRECTORY}/cover.png`);
      return { file: ARTICLE, rule: 'ref/missing-file', ...positionOf(MINIMAL_ARTICLE, 'cover.png') };
    },
  },
  {
    name: 'a body image that is not in the folder',
    breakIt: async (repo) => {
      await repo.remove(`${ARTICLE_DIRECTORY}/figure-1.png`);
      return { file: ARTICLE, rule: 'ref/missing-file', ...positionOf(MINIMAL_ARTICLE, '![') };
    },
  },
  {
    name: 'an article with no front matter fence',
    breakIt: async (repo) => {
      await repo.write(ARTICLE, MINIMAL_ARTICLE.replace(/^---\n[\s\S]*?\n---\n/, ''));
      return { file: ARTICLE, rule: 'frontmatter/missing', line: 1, column: 1 };
    },
  },
  {
    name: 'front matter that is never closed',
    breakIt: async (repo) => {
      await repo.write(ARTICLE, '---\ntitle: 没有结束的头信息\nauthor: lin-xiao\n\n正文从这里开始。\n');
      return { file: ARTICLE, rule: 'frontmatter/unclosed', line: 1, column: 1 };
    },
  },
  {
    name: 'front matter that is a list, not fields',
    breakIt: async (repo) => {
      await repo.write(ARTICLE, '---\n- 标题\n- 作者\n---\n正文。\n');
      return { file: ARTICLE, rule: 'schema/type', line: 2, column: 1 };
    },
  },
  {
    name: 'an empty file',
    breakIt: async (repo) => {
      await repo.write('content/topics/T-2026-001.yaml', '');
      return { file: 'content/topics/T-2026-001.yaml', rule: 'file/empty', line: 1, column: 1 };
    },
  },
  {
    name: 'a 50 MB article',
    breakIt: async (repo) => {
      await repo.write(ARTICLE, MINIMAL_ARTICLE);
      await truncate(path.join(repo.root, ARTICLE), 50 * 1024 * 1024);
      return { file: ARTICLE, rule: 'file/too-large', line: 1, column: 1, says: '50.0 MB' };
    },
  },
  {
    name: 'a PNG saved as index.md',
    breakIt: async (repo) => {
      await repo.write(ARTICLE, TINY_PNG);
      return { file: ARTICLE, rule: 'file/binary', line: 1, column: 1 };
    },
  },
  {
    name: 'a topic saved in GBK instead of UTF-8',
    breakIt: async (repo) => {
      await repo.write('content/topics/T-2026-001.yaml', iconv.encode(MINIMAL_TOPIC, 'gbk'));
      return {
        file: 'content/topics/T-2026-001.yaml',
        rule: 'file/encoding',
        ...positionOf(MINIMAL_TOPIC, '武'),
        says: 'GBK',
      };
    },
  },
  {
    name: 'a symbolic link to a parent folder',
    breakIt: async (repo) => {
      await repo.link('content/topics/archive', '..');
      return { file: 'content/topics/archive', rule: 'file/symlink-loop', line: 1, column: 1 };
    },
  },
  {
    name: 'a symbolic link to itself',
    breakIt: async (repo) => {
      await repo.link('content/topics/T-2026-002.yaml', 'T-2026-002.yaml');
      return { file: 'content/topics/T-2026-002.yaml', rule: 'file/symlink-loop', line: 1, column: 1 };
    },
  },
  {
    name: 'policy weights that do not add up',
    breakIt: async (repo) => {
      const policy = await repo.read(POLICY);
      const children = positionOf(policy, '        - id: operations-metrics');
      await repo.edit(
        POLICY,
        'weight: 10\n          measure: qualitative\n          source: ratings\n          description:\n            zh: 与其他部门',
        'weight: 15\n          measure: qualitative\n          source: ratings\n          description:\n            zh: 与其他部门',
      );
      return {
        file: POLICY,
        rule: 'policy/weights-sum',
        line: children.line,
        column: children.column + 8,
        says: 'add up to 65, not 60',
      };
    },
  },
  {
    name: 'rater weights that do not add up to 100',
    breakIt: async (repo) => {
      const at = await repo.edit(
        POLICY,
        'raterWeights: { supervisor: 60, peers: 30, self: 10 }',
        'raterWeights: { supervisor: 60, peers: 30, self: 20 }',
        '{ supervisor',
      );
      return { file: POLICY, rule: 'policy/rater-weights-sum', ...at };
    },
  },
  {
    name: 'the same member id twice in the roster',
    breakIt: async (repo) => {
      const at = await repo.edit(
        'content/team.yaml',
        '  - id: chen-yu',
        '  - id: lin-xiao',
        'lin-xiao\n    name: 陈雨',
      );
      return { file: 'content/team.yaml', rule: 'id/duplicate', ...at };
    },
  },
  {
    name: 'a topic whose id differs from its file name',
    breakIt: async (repo) => {
      await repo.write('content/topics/T-2026-002.yaml', MINIMAL_TOPIC.replace('T-2026-001', 'T-2026-003'));
      return {
        file: 'content/topics/T-2026-002.yaml',
        rule: 'id/mismatch',
        ...positionOf(MINIMAL_TOPIC, 'T-2026-001'),
      };
    },
  },
  {
    name: 'supervisors that supervise each other',
    breakIt: async (repo) => {
      await repo.edit(
        'content/team.yaml',
        '    roles: [head, operator, designer]\n',
        '    roles: [head, operator, designer]\n    supervisor: chen-yu\n',
      );
      const team = await repo.read('content/team.yaml');
      return {
        file: 'content/team.yaml',
        rule: 'team/supervisor-cycle',
        ...positionOf(team, 'chen-yu\n    joined: 2019'),
      };
    },
  },
  {
    name: 'a metrics file with the wrong header',
    breakIt: async (repo) => {
      await repo.write(
        'content/metrics/articles/2026-09.csv',
        MINIMAL_ARTICLE_STATS.replace('reads,readers', 'readers,reads'),
      );
      return { file: 'content/metrics/articles/2026-09.csv', rule: 'csv/header', line: 1, column: 14 };
    },
  },
  {
    name: 'a metrics row with a missing cell',
    breakIt: async (repo) => {
      await repo.write('content/metrics/articles/2026-09.csv', MINIMAL_ARTICLE_STATS.replace(',96,81,', ',96,'));
      return { file: 'content/metrics/articles/2026-09.csv', rule: 'csv/syntax', line: 2, column: 1 };
    },
  },
  {
    name: 'a metrics row in the wrong month file',
    breakIt: async (repo) => {
      await repo.write(
        'content/metrics/articles/2026-09.csv',
        MINIMAL_ARTICLE_STATS.replace('2026-09-03,', '2026-10-03,'),
      );
      return { file: 'content/metrics/articles/2026-09.csv', rule: 'csv/wrong-month', line: 3, column: 1 };
    },
  },
  {
    name: 'a metrics row for an article that does not exist',
    breakIt: async (repo) => {
      await repo.write(
        'content/metrics/articles/2026-09.csv',
        MINIMAL_ARTICLE_STATS.replace('2026-09-03,2026-09-02-yancha-yanyun', '2026-09-03,2026-09-02-yancha-yanyn'),
      );
      return {
        file: 'content/metrics/articles/2026-09.csv',
        rule: 'ref/unknown-article',
        line: 3,
        column: 12,
        says: 'Did you mean',
      };
    },
  },
  {
    name: 'a non-number in a count column',
    breakIt: async (repo) => {
      const broken = MINIMAL_ARTICLE_STATS.replace(',702,', ',七百,');
      await repo.write('content/metrics/articles/2026-09.csv', broken);
      return { file: 'content/metrics/articles/2026-09.csv', rule: 'schema/type', ...positionOf(broken, '七百') };
    },
  },
  {
    name: 'the same day and article twice',
    breakIt: async (repo) => {
      await repo.write(
        'content/metrics/articles/2026-09.csv',
        `${MINIMAL_ARTICLE_STATS}2026-09-03,2026-09-02-yancha-yanyun,702,611,30,27,12,3,9\n`,
      );
      return { file: 'content/metrics/articles/2026-09.csv', rule: 'csv/duplicate-row', line: 4, column: 1 };
    },
  },
  {
    name: 'a support reply before the message arrived',
    breakIt: async (repo) => {
      await repo.write(
        'content/metrics/support/2026-09.csv',
        MINIMAL_SUPPORT.replace('2026-09-01T09:20:00+08:00', '2026-09-01T09:02:00+08:00'),
      );
      return {
        file: 'content/metrics/support/2026-09.csv',
        rule: 'date/order',
        ...positionOf(MINIMAL_SUPPORT, '2026-09-01T09:20'),
      };
    },
  },
  {
    name: 'a supervisor assessment written by someone who is not the supervisor',
    breakIt: async (repo) => {
      const at = await repo.edit(
        'appraisals/2026-09/lin-xiao/supervisor.yaml',
        'rater: zhou-min',
        'rater: chen-yu',
        'chen-yu',
      );
      return { file: 'appraisals/2026-09/lin-xiao/supervisor.yaml', rule: 'appraisal/rater', ...at };
    },
  },
  {
    name: 'a rating for an indicator the policy does not have',
    breakIt: async (repo) => {
      const at = await repo.edit(
        'appraisals/2026-09/lin-xiao/supervisor.yaml',
        '  ethics: 95',
        '  ethics: 95\n  charisma: 90',
        'charisma',
      );
      return { file: 'appraisals/2026-09/lin-xiao/supervisor.yaml', rule: 'ref/unknown-indicator', ...at };
    },
  },
  {
    name: 'a rating outside the policy scale',
    breakIt: async (repo) => {
      const at = await repo.edit('appraisals/2026-09/lin-xiao/supervisor.yaml', 'teamwork: 86', 'teamwork: 860', '860');
      return { file: 'appraisals/2026-09/lin-xiao/supervisor.yaml', rule: 'appraisal/scale', ...at };
    },
  },
  {
    name: 'an article folder that breaks the layout',
    breakIt: async (repo) => {
      await repo.write('content/articles/2026/Yancha Notes/index.md', MINIMAL_ARTICLE);
      return { file: 'content/articles/2026/Yancha Notes/index.md', rule: 'path/layout', line: 1, column: 1 };
    },
  },
  {
    name: 'a campaign period that ends before it starts',
    breakIt: async (repo) => {
      const at = await repo.edit(
        'content/campaigns/C-2026-01.yaml',
        'end: 2026-10-06T23:59:00+08:00',
        'end: 2026-09-06T23:59:00+08:00',
        '2026-09-06',
      );
      return { file: 'content/campaigns/C-2026-01.yaml', rule: 'date/order', ...at };
    },
  },
  // The calendar of the appraisal month (issue 19): each guard at the line and column it is about.
  {
    name: 'a rating submitted later than now',
    breakIt: async () => ({
      file: RATING,
      rule: 'date/future',
      ...positionOf(MINIMAL_RATING, '2026-10-04T16:20'),
      now: '2026-10-02T00:00:00Z',
      says: 'later than now',
    }),
  },
  {
    name: 'a rating submitted before its month began',
    breakIt: async (repo) => {
      const at = await repo.edit(
        RATING,
        'submittedAt: 2026-10-04T16:20:00+08:00',
        'submittedAt: 2026-08-30T16:20:00+08:00',
        '2026-08-30',
      );
      return { file: RATING, rule: 'appraisal/before-period', ...at };
    },
  },
  {
    name: 'a month finalised before it ended, with no reason recorded',
    breakIt: async (repo) => {
      const record = finalisation('2026-09-28T10:00:00+08:00');
      await repo.write(FINALIZED, record);
      return {
        file: FINALIZED,
        rule: 'appraisal/early-finalization',
        ...positionOf(record, '2026-09-28T10:00'),
        says: 'before the month had ended (Asia/Shanghai)',
      };
    },
  },
  {
    name: 'a rating submitted after its month was finalised',
    breakIt: async (repo) => {
      await repo.write(FINALIZED, finalisation('2026-10-02T10:00:00+08:00'));
      return {
        file: RATING,
        rule: 'appraisal/after-finalization',
        ...positionOf(MINIMAL_RATING, '2026-10-04T16:20'),
        now: '2026-11-01T00:00:00Z',
      };
    },
  },
  {
    name: 'the policy version of a finalised month edited in place',
    breakIt: async (repo) => {
      await repo.write(
        FINALIZED,
        finalisation(
          '2026-10-05T10:00:00+08:00',
          policyFingerprint(parseYaml(await repo.read(POLICY)) as { effective: string }),
        ),
      );
      const at = await repo.edit(POLICY, '  minPeers: 2', '  minPeers: 3', 'minPeers');
      return {
        file: POLICY,
        rule: 'policy/immutable',
        ...at,
        says: 'appraisal.minPeers was changed, but the 2026-01-01 version has scored finalised months (2026-09)',
      };
    },
  },
  {
    name: 'a new policy version that would rescore a finalised month',
    breakIt: async (repo) => {
      await repo.write(
        FINALIZED,
        finalisation(
          '2026-10-05T10:00:00+08:00',
          policyFingerprint(parseYaml(await repo.read(POLICY)) as { effective: string }),
        ),
      );
      const text = (await repo.read(POLICY)).replace('effective: 2026-01-01', 'effective: 2026-09-01');
      await repo.write('content/policy/2026-09-01.yaml', text);
      return {
        file: 'content/policy/2026-09-01.yaml',
        rule: 'policy/immutable',
        ...positionOf(text, '2026-09-01'),
        says: 'would rescore 2026-09',
      };
    },
  },
  {
    name: 'the digest mpflow new wrote, never replaced',
    breakIt: async (repo) => {
      const at = await repo.edit(
        ARTICLE,
        'digest: 用能尝到、闻到的东西解释岩韵。',
        'digest: 【待填写：一两句话的摘要，最多 128 个字】',
        '【待填写',
      );
      return { file: ARTICLE, rule: 'template/placeholder', ...at };
    },
  },
  {
    name: 'a body line of the old article template left in',
    breakIt: async (repo) => {
      const at = await repo.edit(ARTICLE, '先闻干茶，再闻杯底。', '正文。');
      return { file: ARTICLE, rule: 'template/placeholder', ...at };
    },
  },
];

describe('mpflow check on bad input', () => {
  let repository: FixtureRepository;
  beforeEach(async () => {
    repository = await FixtureRepository.create();
  });
  afterEach(async () => {
    await repository.dispose();
  });

  it('starts from a fixture that passes', async () => {
    const { problems } = await checkRepository(repository.root);
    expect(problems).toEqual([]);
  });

  it.each(cases.map((testCase) => [testCase.name, testCase] as const))('%s', async (_name, testCase) => {
    const expected = await testCase.breakIt(repository);
    const { problems } = await checkRepository(
      repository.root,
      expected.now === undefined ? {} : { now: Date.parse(expected.now) },
    );
    const found = problems.find((problem) => problem.file === expected.file && problem.ruleId === expected.rule);
    expect(
      found,
      `no ${expected.rule} in ${expected.file}; got ${JSON.stringify(problems.map((p) => `${p.file}:${p.span.start.line}:${p.span.start.column} ${p.ruleId}`))}`,
    ).toBeDefined();
    expect(found!.span.start).toEqual({ line: expected.line, column: expected.column });
    if (expected.says) expect(found!.message.en).toContain(expected.says);
    expect(found!.severity).toBe('error');
  });

  it('reports every broken file in one run instead of stopping at the first', async () => {
    await repository.write('content/team.yaml', MINIMAL_TEAM.replace('name: 林晓', 'name: "林晓'));
    await repository.write('content/topics/T-2026-002.yaml', '');
    await repository.write(ARTICLE, TINY_PNG);
    await repository.write('content/campaigns/C-2026-01.yaml', MINIMAL_CAMPAIGN.replace('kind: quiz', 'kind: raffle'));
    await repository.write(
      'appraisals/2026-09/lin-xiao/supervisor.yaml',
      MINIMAL_RATING.replace('period: 2026-09', 'period: 2026-9'),
    );
    const { problems } = await checkRepository(repository.root);
    const rules = new Set(problems.map((problem) => `${problem.file} ${problem.ruleId}`));
    expect(rules).toEqual(
      new Set([
        'content/team.yaml yaml/syntax',
        'content/topics/T-2026-002.yaml file/empty',
        `${ARTICLE} file/binary`,
        'content/campaigns/C-2026-01.yaml schema/enum',
        // One problem per mistake: the malformed period is not also compared with its folder, and
        // with the roster unreadable no member reference is guessed at.
        'appraisals/2026-09/lin-xiao/supervisor.yaml date/invalid',
      ]),
    );
  });

  it('only reports on the paths it was given, with the rest of the repository as context', async () => {
    await repository.write('content/topics/T-2026-002.yaml', '');
    await repository.edit(ARTICLE, 'author: lin-xiao', 'author: nobody');
    const { problems } = await checkRepository(repository.root, { paths: [ARTICLE] });
    expect(problems.map((problem) => problem.ruleId)).toEqual(['ref/unknown-member']);
  });
});
