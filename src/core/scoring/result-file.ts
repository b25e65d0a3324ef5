/**
 * The results files: `appraisals/<period>/<member>/result.yaml`. Written with a fixed key order
 * and two decimals, so the same score always gives the same bytes and `--verify` can compare.
 */
import { fixed2 } from './normalise.ts';
import { presentedPoints } from './presented-points.ts';
import type { MemberMonthScore, NodeExplanation } from './score-types.ts';

export type ResultValue = string | number | boolean | null | ResultValue[] | { [key: string]: ResultValue };

/** Leaves of the explanation tree, depth first. */
export function leavesOf(nodes: readonly NodeExplanation[]): NodeExplanation[] {
  return nodes.flatMap((node) => (node.children ? leavesOf(node.children) : [node]));
}

/** The result record as written, in its key order (numbers are rounded to two decimals). */
export function resultRecord(result: MemberMonthScore): Record<string, ResultValue> {
  const record: Record<string, ResultValue> = {
    member: result.member,
    period: result.period,
    policy: result.policy,
    status: result.status,
  };
  if (result.status === 'blocked') record.blockedBy = result.blockedBy.map((reason) => `${reason.zh} / ${reason.en}`);
  if (result.score !== null) record.score = roundTo2(result.score);
  if (result.computedScore !== null) record.computedScore = roundTo2(result.computedScore);
  record.calibration = roundTo2(result.calibration);
  if (result.grade !== null) record.grade = result.grade;
  if (result.application) {
    record.application = {
      bonusCoefficient: roundTo2(result.application.bonusCoefficient),
      promotionEligible: result.application.promotionEligible,
      trainingNeed: result.application.trainingNeed,
    };
  }
  if (result.status === 'scored') {
    // Points as printed by --explain: they add up to computedScore.
    const printed = presentedPoints(result);
    record.categories = Object.fromEntries(
      result.categories.map((category) => [
        category.id,
        { score: roundTo2(category.score ?? 0), points: roundTo2(printed.node(category)) },
      ]),
    );
  }
  record.indicators = Object.fromEntries(
    leavesOf(result.categories).map((leaf) => [leaf.id, leaf.score === null ? null : roundTo2(leaf.score)]),
  );
  record.inputDigest = result.inputDigest;
  return record;
}

function roundTo2(value: number): number {
  return Number(fixed2(value));
}

const HEADER =
  '# yaml-language-server: $schema=../../../schemas/appraisal-result.schema.json\n# 由 mpflow score --write 生成，请勿手改；mpflow score --verify 会复算。\n# Written by mpflow score --write; never edit by hand: mpflow score --verify recomputes it.\n';

/** YAML text of a record; numbers other than integers-by-nature are written with two decimals. */
export function resultYaml(record: Record<string, ResultValue>, header = HEADER): string {
  return `${header}${emitMapping(record, 0)}`;
}

const PLAIN = /^[A-Za-z0-9_.:/+-][A-Za-z0-9_.:/+ -]*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|~|[-+]?\d[\d.:eE+-]*)$/i;

function scalar(value: ResultValue, key?: string): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return INTEGER_KEYS.has(key ?? '') ? String(value) : fixed2(value);
  const text = String(value);
  // Periods and dates are written bare (YAML reads them back as strings through the schema's formats).
  if (/^\d{4}-\d{2}(-\d{2})?$/.test(text)) return text;
  return PLAIN.test(text) && !RESERVED.test(text) ? text : JSON.stringify(text);
}

/** Keys whose numbers are counts or years, never scores. */
const INTEGER_KEYS = new Set(['year', 'count', 'months']);

function emitMapping(record: { [key: string]: ResultValue }, indent: number): string {
  const pad = ' '.repeat(indent);
  let out = '';
  for (const [key, value] of Object.entries(record)) {
    if (Array.isArray(value)) {
      if (value.length === 0) out += `${pad}${key}: []\n`;
      else out += `${pad}${key}:\n${value.map((item) => `${pad}  - ${scalar(item)}\n`).join('')}`;
    } else if (value !== null && typeof value === 'object') {
      out +=
        Object.keys(value).length === 0 ? `${pad}${key}: {}\n` : `${pad}${key}:\n${emitMapping(value, indent + 2)}`;
    } else {
      out += `${pad}${key}: ${scalar(value, key)}\n`;
    }
  }
  return out;
}

/** Every leaf field of a record as a dotted path, for field-by-field comparison. */
export function flattenRecord(value: unknown, prefix = '', into = new Map<string, unknown>()): Map<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, entry] of Object.entries(value)) flattenRecord(entry, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into.set(prefix, Array.isArray(value) ? JSON.stringify(value) : value);
  }
  return into;
}

export interface FieldDifference {
  field: string;
  committed: unknown;
  recomputed: unknown;
}

export function compareRecords(committed: unknown, recomputed: unknown): FieldDifference[] {
  const left = flattenRecord(committed);
  const right = flattenRecord(recomputed);
  const fields = [...new Set([...left.keys(), ...right.keys()])].sort();
  const differences: FieldDifference[] = [];
  for (const field of fields) {
    const a = normaliseValue(left.get(field));
    const b = normaliseValue(right.get(field));
    if (a !== b) differences.push({ field, committed: left.get(field), recomputed: right.get(field) });
  }
  return differences;
}

function normaliseValue(value: unknown): unknown {
  if (typeof value === 'number') return fixed2(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return value === undefined ? undefined : value;
}
