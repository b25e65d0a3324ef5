import { text, type LocalizedText } from '../i18n/language.ts';
import { isTimeZone } from '../model/dates.ts';
import type { PolicyFile, WeightNode } from '../model/types.generated.ts';
import type { PathSegment } from '../source/yaml-source.ts';
import { weightsEqual } from '../policy/policy-versions.ts';
import type { Repository, SourcedRecord } from '../repository/load-repository.ts';
import type { Problem } from '../diagnostics/problem.ts';
import { makeProblem } from '../diagnostics/make-problem.ts';
import { recordFileName } from './reference-helpers.ts';
import { checkScoringPolicy } from '../scoring/check-scoring-policy.ts';
import { isThemeName, THEME_NAMES } from '../render/themes.ts';

export function checkPolicies(repository: Repository, problems: Problem[]): void {
  if (repository.policies.length === 0 && ![...repository.files].some((file) => file.startsWith('content/policy/'))) {
    problems.push(
      makeProblem(
        'content/policy',
        'policy/missing',
        text('content/policy/ 下没有任何制度版本。', 'There is no policy version under content/policy/.'),
      ),
    );
  }
  for (const policy of repository.policies) {
    if (!policy.valid) continue;
    checkPolicy(policy, problems);
  }
}

function checkPolicy(policy: SourcedRecord<PolicyFile>, problems: Problem[]): void {
  const { data, file, locate } = policy;
  const base = recordFileName(file);
  if (base !== data.effective) {
    problems.push(
      makeProblem(
        file,
        'id/mismatch',
        text(
          `生效日期 ${data.effective} 与文件名 ${base} 不一致。`,
          `The effective date ${data.effective} differs from the file name ${base}.`,
        ),
        locate(['effective']),
        'effective',
      ),
    );
  }
  for (const [path, zone] of [
    [['timezone'], data.timezone],
    [['publishing', 'timezone'], data.publishing.timezone],
  ] as const) {
    if (!isTimeZone(zone)) {
      problems.push(
        makeProblem(
          file,
          'policy/timezone',
          text(
            `“${zone}”不是有效的 IANA 时区名（如 Asia/Shanghai）。`,
            `"${zone}" is not an IANA time zone name (e.g. Asia/Shanghai).`,
          ),
          locate(path),
          path.join('.'),
        ),
      );
    }
  }
  const theme = data.publishing.theme;
  if (theme !== undefined && !isThemeName(theme)) {
    problems.push(
      makeProblem(
        file,
        'policy/theme',
        text(
          `没有“${theme}”这个排版主题；可用的主题：${THEME_NAMES.join('、')}。`,
          `There is no rendering theme "${theme}"; the themes are ${THEME_NAMES.join(', ')}.`,
        ),
        locate(['publishing', 'theme']),
        'publishing.theme',
      ),
    );
  }

  const { appraisal } = data;
  const top = appraisal.weights;
  checkWeightLevel(policy, top, 100, ['appraisal', 'weights'], text('顶层', 'The top-level weights'), problems);
  const seenIds = new Map<string, string>();
  const visit = (node: WeightNode, path: PathSegment[]) => {
    const where = path.join('.');
    const earlier = seenIds.get(node.id);
    if (earlier)
      problems.push(
        makeProblem(
          file,
          'id/duplicate',
          text(`指标编号“${node.id}”重复。`, `Indicator id "${node.id}" is used twice.`),
          locate([...path, 'id']),
          `${where}.id`,
        ),
      );
    else seenIds.set(node.id, where);
    if (node.children && node.children.length > 0) {
      if (node.measure !== undefined || node.source !== undefined) {
        problems.push(
          makeProblem(
            file,
            'policy/indicator',
            text(
              `“${node.id}”有子项，不应再写 measure 或 source。`,
              `"${node.id}" has children, so it takes no measure or source.`,
            ),
            locate([...path, node.measure !== undefined ? 'measure' : 'source'], 'key'),
            where,
          ),
        );
      }
      checkWeightLevel(
        policy,
        node.children,
        node.weight,
        [...path, 'children'],
        text(`“${node.name.zh}”的子项`, `The children of "${node.name.en}"`),
        problems,
      );
      node.children.forEach((child, index) => visit(child, [...path, 'children', index]));
    } else if (node.measure === undefined || node.source === undefined) {
      problems.push(
        makeProblem(
          file,
          'policy/indicator',
          text(
            `末级指标“${node.id}”要写明 measure（定量或定性）和 source（数据来源）。`,
            `Leaf indicator "${node.id}" must declare measure and source.`,
          ),
          locate(path),
          where,
        ),
      );
    } else if ((node.measure === 'qualitative') !== (node.source === 'ratings')) {
      problems.push(
        makeProblem(
          file,
          'policy/indicator',
          text(
            `指标“${node.id}”：定性指标的来源是 ratings（评价），定量指标来自 metrics 或 campaigns。`,
            `Indicator "${node.id}": qualitative indicators come from ratings, quantitative ones from metrics or campaigns.`,
          ),
          locate([...path, 'source']),
          `${where}.source`,
        ),
      );
    }
  };
  top.forEach((node, index) => visit(node, ['appraisal', 'weights', index]));
  checkScoringPolicy(policy, problems);

  const raters = appraisal.raterWeights;
  const raterSum = raters.supervisor + raters.peers + raters.self;
  if (!weightsEqual(raterSum, 100)) {
    problems.push(
      makeProblem(
        file,
        'policy/rater-weights-sum',
        text(
          `上级 ${raters.supervisor} + 同事 ${raters.peers} + 自评 ${raters.self} = ${raterSum}，应为 100。`,
          `Supervisor ${raters.supervisor} + peers ${raters.peers} + self ${raters.self} = ${raterSum}, not 100.`,
        ),
        locate(['appraisal', 'raterWeights']),
        'appraisal.raterWeights',
      ),
    );
  }
  if (appraisal.ratingScale.min >= appraisal.ratingScale.max) {
    problems.push(
      makeProblem(
        file,
        'policy/scale',
        text('评分范围的最低分必须小于最高分。', "The rating scale's min must be below its max."),
        locate(['appraisal', 'ratingScale']),
        'appraisal.ratingScale',
      ),
    );
  }

  const grades = appraisal.grades;
  grades.forEach((grade, index) => {
    const previous = grades[index - 1];
    if (previous && grade.min >= previous.min) {
      problems.push(
        makeProblem(
          file,
          'policy/grades',
          text(
            `等级 ${grade.grade} 的分数线 ${grade.min} 应低于上一级 ${previous.grade} 的 ${previous.min}。`,
            `Grade ${grade.grade} (${grade.min}) must be below the grade above it, ${previous.grade} (${previous.min}).`,
          ),
          locate(['appraisal', 'grades', index, 'min']),
          `appraisal.grades[${index}].min`,
        ),
      );
    }
  });
  const lowest = grades[grades.length - 1];
  if (lowest && lowest.min !== 0) {
    problems.push(
      makeProblem(
        file,
        'policy/grades',
        text(
          `最低一级 ${lowest.grade} 应从 0 分起，否则低于 ${lowest.min} 分的人没有等级。`,
          `The lowest grade ${lowest.grade} must start at 0, or scores below ${lowest.min} get no grade.`,
        ),
        locate(['appraisal', 'grades', grades.length - 1, 'min']),
        `appraisal.grades[${grades.length - 1}].min`,
      ),
    );
  }

  const stageIds = new Set(Object.keys(data.review.stages));
  // A stage named by a rule or by review.unmatched must be one the policy defines.
  const checkStage = (stage: string, segments: PathSegment[], where: string, namedBy: LocalizedText) => {
    if (stageIds.has(stage)) return;
    problems.push(
      makeProblem(
        file,
        'ref/unknown-stage',
        text(
          `${namedBy.zh}引用了未定义的环节“${stage}”，已定义：${[...stageIds].join('、')}。`,
          `${namedBy.en} names an undefined stage "${stage}"; defined: ${[...stageIds].join(', ')}.`,
        ),
        locate(segments),
        where,
      ),
    );
  };
  data.review.rules.forEach((rule, ruleIndex) => {
    rule.stages.forEach((stage, stageIndex) =>
      checkStage(
        stage,
        ['review', 'rules', ruleIndex, 'stages', stageIndex],
        `review.rules[${ruleIndex}].stages[${stageIndex}]`,
        text('评审规则', 'The review rule'),
      ),
    );
  });
  (data.review.unmatched ?? []).forEach((stage, stageIndex) =>
    checkStage(
      stage,
      ['review', 'unmatched', stageIndex],
      `review.unmatched[${stageIndex}]`,
      text('review.unmatched ', 'review.unmatched'),
    ),
  );
}

function checkWeightLevel(
  policy: SourcedRecord<PolicyFile>,
  nodes: readonly WeightNode[],
  expected: number,
  path: PathSegment[],
  label: { zh: string; en: string },
  problems: Problem[],
): void {
  const sum = nodes.reduce((total, node) => total + node.weight, 0);
  if (weightsEqual(sum, expected)) return;
  const parts = nodes.map((node) => `${node.name.zh} ${node.weight}`).join(' + ');
  const partsEn = nodes.map((node) => `${node.name.en} ${node.weight}`).join(' + ');
  const total = Math.round(sum * 1e6) / 1e6;
  problems.push(
    makeProblem(
      policy.file,
      'policy/weights-sum',
      text(
        `${label.zh}权重合计 ${total}，应为 ${expected}（${parts}）。`,
        `${label.en} add up to ${total}, not ${expected} (${partsEn}).`,
      ),
      policy.locate(path),
      path.join('.'),
    ),
  );
}
