/**
 * The scoring parts of a policy version that the schema alone cannot judge: each role's measures
 * of a quantitative indicator add up to 100, name measures the scorer knows, normalisers make
 * sense, and every leaf says what a missing value does.
 */
import { text } from '../i18n/language.ts';
import type { Problem } from '../diagnostics/problem.ts';
import { makeProblem } from '../diagnostics/make-problem.ts';
import type { IndicatorPart, PolicyFile, WeightNode } from '../model/types.generated.ts';
import type { PathSegment } from '../source/yaml-source.ts';
import { weightsEqual } from '../policy/policy-versions.ts';
import type { SourcedRecord } from '../repository/load-repository.ts';
import { KPI_CATALOGUE } from './kpi-catalogue.ts';

export function checkScoringPolicy(policy: SourcedRecord<PolicyFile>, problems: Problem[]): void {
  const { file, locate } = policy;
  const visit = (node: WeightNode, path: PathSegment[]) => {
    if (node.children && node.children.length > 0) {
      node.children.forEach((child, index) => visit(child, [...path, 'children', index]));
      return;
    }
    const where = path.join('.');
    if (node.missing === undefined) {
      problems.push(
        makeProblem(
          file,
          'policy/indicator',
          text(
            `末级指标“${node.id}”要写明 missing（缺失数据时 reweight、zero 或 block）。`,
            `Leaf indicator "${node.id}" must declare missing (reweight, zero or block).`,
          ),
          locate(path),
          `${where}.missing`,
        ),
      );
    }
    if (node.source === 'ratings') {
      if (node.parts !== undefined)
        problems.push(
          makeProblem(
            file,
            'policy/indicator',
            text(`评价类指标“${node.id}”不需要 parts。`, `Rated indicator "${node.id}" takes no parts.`),
            locate([...path, 'parts'], 'key'),
            `${where}.parts`,
          ),
        );
      return;
    }
    if (node.parts === undefined) {
      problems.push(
        makeProblem(
          file,
          'policy/indicator',
          text(
            `定量指标“${node.id}”要在 parts 中按岗位列出数据项。`,
            `Quantitative indicator "${node.id}" must list its measures per role in parts.`,
          ),
          locate(path),
          `${where}.parts`,
        ),
      );
      return;
    }
    for (const [role, parts] of Object.entries(node.parts as Record<string, IndicatorPart[]>)) {
      const sum = parts.reduce((total, part) => total + part.weight, 0);
      if (!weightsEqual(sum, 100)) {
        problems.push(
          makeProblem(
            file,
            'policy/weights-sum',
            text(
              `“${node.name.zh}”中 ${role} 的各数据项权重合计 ${Math.round(sum * 1e6) / 1e6}，应为 100。`,
              `The ${role} measures of "${node.name.en}" add up to ${Math.round(sum * 1e6) / 1e6}, not 100.`,
            ),
            locate([...path, 'parts', role]),
            `${where}.parts.${role}`,
          ),
        );
      }
      parts.forEach((part, index) => {
        const at: PathSegment[] = [...path, 'parts', role, index];
        if (!(part.kpi in KPI_CATALOGUE)) {
          problems.push(
            makeProblem(
              file,
              'policy/indicator',
              text(
                `不认识的数据项“${part.kpi}”；可用：${Object.keys(KPI_CATALOGUE).join('、')}。`,
                `Unknown measure "${part.kpi}"; known: ${Object.keys(KPI_CATALOGUE).join(', ')}.`,
              ),
              locate([...at, 'kpi']),
              `${where}.parts.${role}[${index}].kpi`,
            ),
          );
        }
        if (part.normaliser.kind === 'lower-is-better' && part.normaliser.worst <= part.normaliser.target) {
          problems.push(
            makeProblem(
              file,
              'policy/indicator',
              text(
                `“${part.kpi}”越低越好：worst（${part.normaliser.worst}）必须大于 target（${part.normaliser.target}）。`,
                `"${part.kpi}" is lower-is-better: worst (${part.normaliser.worst}) must exceed target (${part.normaliser.target}).`,
              ),
              locate([...at, 'normaliser']),
              `${where}.parts.${role}[${index}].normaliser`,
            ),
          );
        }
      });
    }
  };
  policy.data.appraisal.weights.forEach((node, index) => visit(node, ['appraisal', 'weights', index]));
}
