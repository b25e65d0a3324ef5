/**
 * The explanation tree of a member's month, as text for people and JSON for tools: for every
 * leaf the raw value → target → normalised score → weight → contribution, sums per category,
 * the total and the grade. Every contribution is in points of the total, so they add up.
 */
import { pick, type Language } from '../i18n/language.ts';
import { KPI_CATALOGUE } from './kpi-catalogue.ts';
import { fixed2 } from './normalise.ts';
import { presentedPoints } from './presented-points.ts';
import { RATER_NAMES } from './score-member.ts';
import type { MemberMonthScore, NodeExplanation } from './score-types.ts';

/** Numbers rounded for output: 4 decimals keep rates such as 0.0178 readable, 2 are enough for scores. */
function round(value: number, digits = 4): number {
  const factor = 10 ** digits;
  return Math.round(value * factor + (value >= 0 ? 1e-9 : -1e-9)) / factor;
}

function roundDeep(value: unknown): unknown {
  if (typeof value === 'number') return round(value);
  if (Array.isArray(value)) return value.map(roundDeep);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, roundDeep(entry)]));
  return value;
}

export function explanationJson(result: MemberMonthScore): unknown {
  return roundDeep(result);
}

const STATUS_WORDS = {
  'missing-reweighted': { zh: '缺失，权重分给同级', en: 'missing, weight shared among siblings' },
  'missing-zero': { zh: '缺失，按 0 分计', en: 'missing, counted as 0' },
  'missing-blocked': { zh: '缺失，暂不出分', en: 'missing, score withheld' },
} as const;

const number = (value: number | null | undefined, digits = 2) =>
  value === null || value === undefined
    ? '—'
    : Math.abs(value) < 1 && value !== 0 && digits === 2
      ? value.toFixed(4)
      : value.toFixed(digits);

/** 1 → "1.0", 1.2 → "1.2", 1.25 → "1.25": as the policy writes coefficients. */
const coefficient = (value: number) => value.toFixed(2).replace(/0$/, '');

export function explanationText(result: MemberMonthScore, language: Language, memberName?: string): string {
  const zh = language === 'zh-CN';
  const lines: string[] = [];
  const title = `${memberName ? `${memberName} ` : ''}${result.member} · ${result.period} · ${zh ? '制度' : 'policy'} ${result.policy}`;
  lines.push(title);
  lines.push(
    zh
      ? '原始值 → 目标 → 得分(0–100) → 权重(占总分) → 贡献(分)'
      : 'raw → target → score (0–100) → weight (of total) → contribution (points)',
  );
  lines.push('');
  const printed = presentedPoints(result);
  const row = (indent: number, label: string, cells: string) => lines.push(`${'  '.repeat(indent)}${label}  ${cells}`);
  const visit = (node: NodeExplanation, depth: number) => {
    const name = `${pick(node.name, language)} [${node.id}]`;
    if (node.children) {
      row(
        depth,
        name,
        `${zh ? '得分' : 'score'} ${number(node.score)} · ${zh ? '权重' : 'weight'} ${fixed2(node.effectiveWeight)}/${fixed2(node.declaredWeight)} · ${zh ? '贡献' : 'contribution'} ${fixed2(printed.node(node))}`,
      );
      for (const child of node.children) visit(child, depth + 1);
      return;
    }
    const status = node.status === 'scored' ? '' : ` (${pick(STATUS_WORDS[node.status], language)})`;
    if (node.source === 'ratings') {
      row(
        depth,
        name,
        `${zh ? '评分' : 'rating'} ${number(node.raw)} → ${zh ? '目标' : 'target'} 100 → ${number(node.score)} → ${fixed2(node.effectiveWeight)}/${fixed2(node.declaredWeight)} → ${fixed2(printed.node(node))}${status}`,
      );
      for (const rater of node.raters ?? []) {
        const who = pick(RATER_NAMES[rater.rater], language);
        const count = rater.count !== undefined ? (zh ? `（${rater.count} 人）` : ` (${rater.count})`) : '';
        const state =
          rater.status === 'present' || rater.status === 'zero'
            ? `${number(rater.value)} × ${fixed2(rater.effectiveWeight)}%${rater.status === 'zero' ? (zh ? '（缺失按 0 计）' : ' (missing, 0)') : ''}`
            : rater.status === 'below-minimum'
              ? zh
                ? '不足最少人数，不计入'
                : 'below the minimum, not counted'
              : zh
                ? '缺失'
                : 'missing';
        row(depth + 1, `${who}${count}`, state);
      }
    } else {
      row(
        depth,
        name,
        `${zh ? '得分' : 'score'} ${number(node.score)} → ${fixed2(node.effectiveWeight)}/${fixed2(node.declaredWeight)} → ${fixed2(printed.node(node))}${status}${node.partsRole ? ` · ${zh ? '岗位' : 'role'} ${node.partsRole}` : ''}`,
      );
      for (const part of node.parts ?? []) {
        const points = printed.part(part);
        const partWeight = (node.effectiveWeight * part.effectiveWeight) / 100;
        const name = KPI_CATALOGUE[part.kpi]?.name;
        const label = `${name ? pick(name, language) : part.kpi} [${part.kpi}]`;
        const partStatus = part.status === 'scored' ? '' : ` (${pick(STATUS_WORDS[part.status], language)})`;
        row(
          depth + 1,
          label,
          `${number(part.raw)} → ${number(part.target)} → ${number(part.score)} → ${fixed2(partWeight)} → ${fixed2(points)}${partStatus}  ${pick(part.basis, language)}`,
        );
      }
    }
  };
  for (const category of result.categories) visit(category, 0);
  lines.push('');
  if (result.status === 'blocked') {
    lines.push(
      zh
        ? `暂不出分：${result.blockedBy.map((reason) => reason.zh).join('；')}`
        : `Score withheld: ${result.blockedBy.map((reason) => reason.en).join('; ')}`,
    );
  } else {
    const calibration =
      result.calibration !== 0
        ? zh
          ? `（计算 ${fixed2(result.computedScore!)}，校准 ${result.calibration > 0 ? '+' : ''}${fixed2(result.calibration)}）`
          : ` (computed ${fixed2(result.computedScore!)}, calibration ${result.calibration > 0 ? '+' : ''}${fixed2(result.calibration)})`
        : '';
    lines.push(
      `${zh ? '总分' : 'Total'} ${fixed2(result.score!)}${calibration} · ${zh ? '等级' : 'grade'} ${result.grade}`,
    );
    lines.push(
      zh
        ? '（总分由未四舍五入的贡献相加后取两位小数；上面每一级的贡献按最大余数法取两位小数，正好加得出上一级，与各自四舍五入最多差 0.01。）'
        : '(The total adds the unrounded contributions and is rounded once; each level above is rounded by largest remainder so it adds up exactly to the level above, at most 0.01 from rounding each figure alone.)',
    );
    if (result.application) {
      const app = result.application;
      lines.push(
        zh
          ? `奖金系数 ${coefficient(app.bonusCoefficient)} · ${app.promotionEligible ? '具备晋升资格' : '不具备晋升资格'} · ${app.trainingNeed ? '列入培训需求' : '无培训需求'}`
          : `Bonus coefficient ${coefficient(app.bonusCoefficient)} · ${app.promotionEligible ? 'eligible for promotion' : 'not eligible for promotion'} · ${app.trainingNeed ? 'training need recorded' : 'no training need'}`,
      );
    }
  }
  lines.push(`${zh ? '输入摘要' : 'Input digest'} ${result.inputDigest}`);
  return `${lines.join('\n')}\n`;
}
