/**
 * One broken repository per check rule that had no test naming it (issue 18): each case breaks one
 * thing in the small fixture department and asserts what the person running `mpflow check` sees —
 * the line `file:line:column  rule  message`, the exit code (1 for an error, 0 for a warning alone)
 * and the same place and a Chinese message from the core check. test/check/rule-registry.test.ts
 * fails when a rule is added that no test names.
 */
import { chmod, readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QUICKNET } from '../../src/core/campaigns/beacon.ts';
import { checkRepository } from '../../src/core/check/check-repository.ts';
import type { RuleId } from '../../src/core/diagnostics/rules.ts';
import {
  ARTICLE_DIRECTORY,
  FIXTURE_DEPARTMENT,
  FixtureRepository,
  MINIMAL_CAMPAIGN,
  positionOf,
} from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

const ARTICLE = `${ARTICLE_DIRECTORY}/index.md`;
const POLICY = 'content/policy/2026-01-01.yaml';
const RATING = 'appraisals/2026-09/lin-xiao/supervisor.yaml';
const CAMPAIGN = 'content/campaigns/C-2026-01.yaml';
/** After September's ratings and before anything in the fixture lies in the future. */
const NOW = '2026-10-20T12:00:00+08:00';

interface Expected {
  file: string;
  rule: RuleId;
  line: number;
  column: number;
  /** Fragments the English and the Chinese message must contain. */
  en: string;
  zh: string;
  /** A warning is reported and lets the check pass; everything else here is an error. */
  warning?: true;
}

interface RuleCase {
  name: string;
  breakIt: (repository: FixtureRepository) => Promise<Expected>;
}

const beaconCampaign = (period: string, draw: string) =>
  MINIMAL_CAMPAIGN.replace('  start: 2026-09-26T20:30:00+08:00\n  end: 2026-10-06T23:59:00+08:00', period).replace(
    'articles:',
    `draw:\n  beacon: { source: drand, chain: ${QUICKNET.hash}, round: 1000 }\n${draw}articles:`,
  );

/** Sockets listened on for a case, closed after it. */
const servers: net.Server[] = [];

const cases: RuleCase[] = [
  {
    name: 'a symbolic link to a topic that was deleted',
    breakIt: async (repo) => {
      await repo.link('content/topics/T-2026-002.yaml', 'T-2026-009.yaml');
      return {
        file: 'content/topics/T-2026-002.yaml',
        rule: 'file/broken-link',
        line: 1,
        column: 1,
        en: 'This symbolic link points to nothing.',
        zh: '符号链接指向的文件不存在',
      };
    },
  },
  {
    // Root reads any file whatever its mode, so the one open that fails for everybody is a socket's.
    name: 'a topic file that is a link to a socket, which cannot be opened',
    breakIt: async (repo) => {
      const server = net.createServer();
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(path.join(repo.root, 'content/topics/editor.sock'), resolve));
      await repo.link('content/topics/T-2026-002.yaml', 'editor.sock');
      return {
        file: 'content/topics/T-2026-002.yaml',
        rule: 'file/unreadable',
        line: 1,
        column: 1,
        en: 'The file cannot be read (ENXIO).',
        zh: '无法读取文件（ENXIO）',
      };
    },
  },
  {
    name: 'a file mpflow does not know, left among the topics',
    breakIt: async (repo) => {
      await repo.write('content/topics/选题会记录.txt', '九月选题会：岩茶、秋茶、中秋问答。\n');
      return {
        file: 'content/topics/选题会记录.txt',
        rule: 'path/unknown-file',
        warning: true,
        line: 1,
        column: 1,
        en: 'mpflow does not know what a file in this place is; it was skipped.',
        zh: '不认识这个位置的文件',
      };
    },
  },
  {
    name: 'a "read more" link with a space in it',
    breakIt: async (repo) => {
      const at = await repo.edit(
        ARTICLE,
        'tags:',
        'contentSourceUrl: https://mp.weixin.qq.com/s/岩 茶\ntags:',
        'https://mp.weixin.qq.com/s/岩 茶',
      );
      return {
        file: ARTICLE,
        rule: 'schema/format',
        ...at,
        en: 'Field contentSourceUrl "https://mp.weixin.qq.com/s/岩 茶" is not a valid web address (no spaces;',
        zh: '字段 contentSourceUrl 的值“https://mp.weixin.qq.com/s/岩 茶”不是有效的网址（不能有空格',
      };
    },
  },
  {
    name: 'the same tag twice',
    breakIt: async (repo) => {
      const at = await repo.edit(ARTICLE, 'tags: [岩茶, 科普]', 'tags: [岩茶, 科普, 岩茶]', '岩茶]');
      return {
        file: ARTICLE,
        rule: 'schema/unique',
        ...at,
        en: 'Field tags has "岩茶" twice: items 1 and 3.',
        zh: '字段 tags 中“岩茶”出现了两次：第 1 项和第 3 项',
      };
    },
  },
  {
    name: 'a KPI normaliser that does not say its kind',
    breakIt: async (repo) => {
      const at = await repo.edit(
        POLICY,
        'normaliser: { kind: linear, target: 3000, cap: 100 }',
        'normaliser: { target: 3000, cap: 100 }',
        '{ target: 3000',
      );
      return {
        file: POLICY,
        rule: 'schema/invalid',
        ...at,
        en: 'normaliser matches none of the forms the model allows (How a raw value becomes a 0–100 score): its kind is one of linear, lower-is-better, bands.',
        zh: 'normaliser 不符合数据模型允许的任何一种写法（把原始数值折算为 0–100 分的方法）：kind 须是 linear、lower-is-better、bands 之一',
      };
    },
  },
  {
    name: 'a training session of a course that is not in the plan',
    breakIt: async (repo) => {
      const plan = await readFile(path.join(FIXTURE_DEPARTMENT, 'content/training/plan-2026.yaml'), 'utf8');
      // The plan's owner is the fixture department's HR, who is not in the small roster.
      await repo.write('content/training/plan-2026.yaml', plan.replace('owner: liu-fang', 'owner: zhou-min'));
      const records =
        'year: 2026\nsessions:\n  - course: TR-2026-99\n    date: 2026-03-18\n    hours: 3\n    attendees: [lin-xiao]\n';
      await repo.write('content/training/records-2026.yaml', records);
      return {
        file: 'content/training/records-2026.yaml',
        rule: 'ref/unknown-course',
        ...positionOf(records, 'TR-2026-99'),
        en: 'Course "TR-2026-99" is not in the 2026 plan.',
        zh: '课程“TR-2026-99”不在 2026 年培训计划中',
      };
    },
  },
  {
    name: 'a rating for a month before the first policy took effect',
    breakIt: async (repo) => {
      const rating = (await repo.read(RATING))
        .replace('period: 2026-09', 'period: 2025-12')
        .replace('submittedAt: 2026-10-04', 'submittedAt: 2026-01-04');
      await repo.write('appraisals/2025-12/lin-xiao/supervisor.yaml', rating);
      return {
        file: 'appraisals/2025-12/lin-xiao/supervisor.yaml',
        rule: 'ref/no-policy',
        ...positionOf(rating, '2025-12'),
        en: 'No policy version is in force at the start of 2025-12',
        zh: '2025-12 月初没有生效的制度版本',
      };
    },
  },
  {
    name: 'a logo the settings name but public/ lacks',
    breakIt: async (repo) => {
      const at = await repo.edit(
        'content/department.yaml',
        'department:',
        'logo: /department/徽标.svg\ndepartment:',
        '/department/徽标.svg',
      );
      return {
        file: 'content/department.yaml',
        rule: 'department/missing-file',
        warning: true,
        ...at,
        en: 'logo names public/department/徽标.svg, which does not exist',
        zh: 'logo 指向的 public/department/徽标.svg 不存在',
      };
    },
  },
  {
    name: 'settings written for a newer mpflow',
    breakIt: async (repo) => {
      const at = await repo.edit('content/department.yaml', 'schemaVersion: 1', 'schemaVersion: 2', '2');
      return {
        file: 'content/department.yaml',
        rule: 'department/newer-version',
        ...at,
        en: 'schemaVersion is 2, newer than this mpflow knows (1): upgrade mpflow.',
        zh: '请升级 mpflow',
      };
    },
  },
  {
    name: 'a site language listed without its messages',
    breakIt: async (repo) => {
      const at = await repo.edit(
        'content/department.yaml',
        'account:',
        'locales: [zh-CN, zh-TW, en]\naccount:',
        'zh-TW',
      );
      return {
        file: 'content/department.yaml',
        rule: 'department/locale-without-messages',
        ...at,
        en: "The site language zh-TW has no messages: mpflow ships zh-CN, en; another language's files go in i18n/zh-TW/.",
        zh: '站点语言 zh-TW 没有消息文件',
      };
    },
  },
  {
    name: 'no roster',
    breakIt: async (repo) => {
      await repo.remove('content/team.yaml');
      return {
        file: 'content/team.yaml',
        rule: 'team/missing',
        line: 1,
        column: 1,
        en: 'There is no roster at content/team.yaml',
        zh: '没有成员名册 content/team.yaml',
      };
    },
  },
  {
    name: 'no policy version at all',
    breakIt: async (repo) => {
      await repo.remove('content/policy');
      return {
        file: 'content/policy',
        rule: 'policy/missing',
        line: 1,
        column: 1,
        en: 'There is no policy version under content/policy/.',
        zh: 'content/policy/ 下没有任何制度版本',
      };
    },
  },
  {
    name: 'a leaf indicator without its source',
    breakIt: async (repo) => {
      const policy = await repo.read(POLICY);
      const leaf = '          weight: 10\n          measure: qualitative\n          source: ratings\n';
      if (
        !policy.includes(
          `        - id: collaboration\n          name: { zh: 业务协作贡献, en: Cross-team collaboration }\n${leaf}`,
        )
      )
        throw new Error('fixture policy changed');
      const broken = policy.replace(
        `${leaf}          description:\n            zh: 与其他部门协作`,
        '          weight: 10\n          measure: qualitative\n          description:\n            zh: 与其他部门协作',
      );
      await repo.write(POLICY, broken);
      return {
        file: POLICY,
        rule: 'policy/indicator',
        ...positionOf(broken, 'id: collaboration'),
        en: 'Leaf indicator "collaboration" must declare measure and source.',
        zh: '末级指标“collaboration”要写明 measure',
      };
    },
  },
  {
    name: 'a lowest grade that does not start at 0',
    breakIt: async (repo) => {
      const at = await repo.edit(POLICY, '{ grade: D, min: 0,', '{ grade: D, min: 40,', '40, bonusCoefficient: 0.5');
      return {
        file: POLICY,
        rule: 'policy/grades',
        ...at,
        en: 'The lowest grade D must start at 0, or scores below 40 get no grade.',
        zh: '最低一级 D 应从 0 分起',
      };
    },
  },
  {
    name: 'a time zone named after a city IANA does not list',
    breakIt: async (repo) => {
      const at = await repo.edit(POLICY, 'timezone: Asia/Shanghai\n', 'timezone: Asia/Beijing\n', 'Asia/Beijing');
      return {
        file: POLICY,
        rule: 'policy/timezone',
        ...at,
        en: '"Asia/Beijing" is not an IANA time zone name (e.g. Asia/Shanghai).',
        zh: '“Asia/Beijing”不是有效的 IANA 时区名',
      };
    },
  },
  {
    name: 'a rating scale upside down',
    breakIt: async (repo) => {
      const at = await repo.edit(
        POLICY,
        'ratingScale: { min: 0, max: 100 }',
        'ratingScale: { min: 100, max: 0 }',
        '{ min: 100',
      );
      return {
        file: POLICY,
        rule: 'policy/scale',
        ...at,
        en: "The rating scale's min must be below its max.",
        zh: '评分范围的最低分必须小于最高分',
      };
    },
  },
  {
    name: 'a supervisor assessment that skips one indicator',
    breakIt: async (repo) => {
      const rating = (await repo.read(RATING)).replace('  confidentiality: 100\n', '');
      await repo.write(RATING, rating);
      return {
        file: RATING,
        rule: 'appraisal/incomplete',
        warning: true,
        ...positionOf(rating, 'ratings:'),
        en: 'These indicators are not rated: confidentiality.',
        zh: '没有给这些指标打分：confidentiality',
      };
    },
  },
  {
    name: 'a beacon round drawn before the entries close',
    breakIt: async (repo) => {
      const campaign = beaconCampaign(
        '  start: 2026-09-26T20:30:00+08:00\n  end: 2026-10-06T23:59:00+08:00',
        '  minCorrect: 5\n',
      );
      await repo.write(CAMPAIGN, campaign);
      return {
        file: CAMPAIGN,
        rule: 'draw/beacon',
        ...positionOf(campaign, '1000 }'),
        en: 'drand quicknet round 1000 came out at 2023-08-23T15:59:24.000Z, not after entries closed at 2026-10-06T23:59:00+08:00',
        zh: '不能用来抽签',
      };
    },
  },
  {
    name: 'entries closed before the campaign ended',
    breakIt: async (repo) => {
      const campaign = beaconCampaign(
        '  start: 2023-08-20T20:30:00+08:00\n  end: 2023-08-23T23:50:00+08:00',
        `  entries:\n    sha256: ${'ab'.repeat(32)}\n    closedAt: 2023-08-23T20:00:00+08:00\n  minCorrect: 5\n`,
      );
      await repo.write(CAMPAIGN, campaign);
      return {
        file: CAMPAIGN,
        rule: 'draw/close',
        ...positionOf(campaign, '2023-08-23T20:00:00+08:00'),
        en: 'The entries were closed at 2023-08-23T20:00:00+08:00, before the period ends at 2023-08-23T23:50:00+08:00.',
        zh: '早于活动结束',
      };
    },
  },
  {
    name: 'a recorded draw whose entries file was deleted',
    breakIt: async (repo) => {
      await repo.write(
        CAMPAIGN,
        MINIMAL_CAMPAIGN.replace(
          'articles:',
          'draw:\n  seed: "中秋-2026-闽岚"\n  seedDeclaredAt: 2026-09-26T20:30:00+08:00\n  minCorrect: 5\narticles:',
        ),
      );
      // The record as mpflow draw --write leaves it; the entries.csv it names is gone.
      const record = `campaign: C-2026-01
algorithm: mpflow-draw/1
seed: "中秋-2026-闽岚"
entries:
  file: content/campaigns/C-2026-01/entries.csv
  sha256: ${'0f'.repeat(32)}
  rows: 14
  inPeriod: 13
  participants: 12
  eligible: 10
drawnAt: 2026-10-08T15:00:00+08:00
winners:
  - { prize: "中秋茶礼盒", position: 3, id: w4d5e6f70, nickname: "阿***呀" }
  - { prize: "中秋茶礼盒", position: 7, id: w92a3b4c5, nickname: "青***禾" }
  - { prize: "中秋茶礼盒", position: 1, id: w1a2b3c4d, nickname: "山***风" }
`;
      await repo.write('content/campaigns/C-2026-01/draw.yaml', record);
      return {
        file: 'content/campaigns/C-2026-01/draw.yaml',
        rule: 'draw/entries',
        ...positionOf(record, 'content/campaigns/C-2026-01/entries.csv'),
        en: 'The entries file content/campaigns/C-2026-01/entries.csv is missing, so the draw cannot be re-run.',
        zh: '参与记录 content/campaigns/C-2026-01/entries.csv 不存在',
      };
    },
  },
];

let repository: FixtureRepository;
beforeEach(async () => {
  repository = await FixtureRepository.create();
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  await repository.dispose();
});

async function expectReported(expected: Expected): Promise<void> {
  const severity = expected.warning ? 'warning' : 'error';
  const run = await runMpflow(['check'], { cwd: repository.root, env: { LANG: 'en_US.UTF-8', MPFLOW_NOW: NOW } });
  expect(run.stdout).toContain(`${expected.file}:${expected.line}:${expected.column}  ${expected.rule}  `);
  const line = run.stdout.split('\n').find((candidate) => candidate.includes(`  ${expected.rule}  `));
  expect(line).toContain(expected.en);
  // An error fails the check; a warning alone lets it pass.
  expect(run.exitCode, run.stdout).toBe(severity === 'error' ? 1 : 0);

  const { problems } = await checkRepository(repository.root, { now: Date.parse(NOW) });
  const found = problems.find((problem) => problem.file === expected.file && problem.ruleId === expected.rule);
  expect(found?.span.start).toEqual({ line: expected.line, column: expected.column });
  expect(found?.severity).toBe(severity);
  expect(found?.message.zh).toContain(expected.zh);
}

describe('mpflow check reports each rule at its place', () => {
  it('starts from a fixture that passes', async () => {
    const run = await runMpflow(['check'], { cwd: repository.root, env: { LANG: 'en_US.UTF-8', MPFLOW_NOW: NOW } });
    expect(run.exitCode, run.stdout).toBe(0);
  });

  it.each(cases.map((testCase) => [testCase.name, testCase] as const))('%s', async (_name, testCase) => {
    const expected = await testCase.breakIt(repository);
    await expectReported(expected);
  });

  it('reports one problem for a normaliser of a kind the model does not have, and the fields of the kind it names', async () => {
    const policy = await repository.read(POLICY);
    const broken = policy
      .replace(
        'normaliser: { kind: linear, target: 3000, cap: 100 }',
        'normaliser: { kind: linaer, target: 3000, cap: 100 }',
      )
      .replace('normaliser: { kind: linear, target: 180, cap: 100 }', 'normaliser: { kind: bands, target: 180 }');
    await repository.write(POLICY, broken);
    const { problems } = await checkRepository(repository.root, { now: Date.parse(NOW) });
    expect(
      problems.map(
        (problem) => `${problem.span.start.line}:${problem.span.start.column} ${problem.ruleId} ${problem.message.en}`,
      ),
    ).toEqual([
      `${positionOf(broken, 'linaer').line}:${positionOf(broken, 'linaer').column} schema/enum Field appraisal.weights[0].children[0].parts.copywriter[0].normaliser.kind has "linaer"; allowed: linear, lower-is-better, bands. Did you mean linear?`,
      `${positionOf(broken, '{ kind: bands').line}:${positionOf(broken, '{ kind: bands').column} schema/required Required field appraisal.weights[0].children[0].parts.copywriter[1].normaliser.bands is missing (Bands, highest min first).`,
      `${positionOf(broken, 'target: 180').line}:${positionOf(broken, 'target: 180').column} schema/unknown-field Unknown field appraisal.weights[0].children[0].parts.copywriter[1].normaliser.target. Allowed fields: kind, bands.`,
    ]);
  });

  it('names the age identity setting when the key file it points to cannot be read', async () => {
    const sealed = await readFile(path.join(FIXTURE_DEPARTMENT, 'appraisals/2026-09/lin-xiao/self.yaml.age'));
    await repository.write('appraisals/2026-09/lin-xiao/self.yaml.age', sealed);
    const missingKey = path.join(repository.root, 'keys/林晓.agekey');
    const before = process.env.MPFLOW_AGE_IDENTITY_FILE;
    // check reads the identity from its own environment, as a member's shell would set it.
    process.env.MPFLOW_AGE_IDENTITY_FILE = missingKey;
    try {
      await expectReported({
        file: 'MPFLOW_AGE_IDENTITY',
        rule: 'appraisal/identity',
        line: 1,
        column: 1,
        en: `MPFLOW_AGE_IDENTITY_FILE names ${missingKey}, which cannot be read.`,
        zh: `MPFLOW_AGE_IDENTITY_FILE 指向的文件 ${missingKey} 读不出来`,
      });
    } finally {
      if (before === undefined) delete process.env.MPFLOW_AGE_IDENTITY_FILE;
      else process.env.MPFLOW_AGE_IDENTITY_FILE = before;
    }
  });

  it.skipIf(process.getuid?.() === 0)(
    'says which folder it could not read and that its files were not checked',
    async () => {
      await repository.write('content/topics/2027/T-2027-001.yaml', 'id: T-2027-001\n');
      await chmod(path.join(repository.root, 'content/topics/2027'), 0o000);
      try {
        await expectReported({
          file: 'content/topics/2027',
          rule: 'file/unreadable',
          line: 1,
          column: 1,
          en: 'This folder cannot be read (EACCES); the files in it were not checked.',
          zh: '无法读取这个文件夹（EACCES）',
        });
      } finally {
        await chmod(path.join(repository.root, 'content/topics/2027'), 0o755);
      }
    },
  );
});
