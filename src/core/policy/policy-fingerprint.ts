/**
 * A policy version's fingerprint, kept in a month's finalisation record: one short digest per
 * part (a section, a review stage, a grade band, an indicator and the list of its children), so
 * `mpflow check` can say which part of the version in force changed after it scored a finalised
 * month, at that part's line, instead of only that "the inputs changed".
 */
import { createHash } from 'node:crypto';
import type { PathSegment } from '../source/yaml-source.ts';

export interface PolicyPart {
  /** Readable and stable: section names, indicator ids (appraisal.weights/performance/collaboration). */
  key: string;
  /** Where the part is in the file. */
  segments: PathSegment[];
  digest: string;
}

export function policyParts(policy: unknown): PolicyPart[] {
  const parts: PolicyPart[] = [];
  const add = (key: string, segments: PathSegment[], value: unknown) =>
    parts.push({ key, segments, digest: shortDigest(value) });
  if (!isMapping(policy)) return parts;
  for (const [key, value] of Object.entries(policy)) {
    if (key === 'appraisal' && isMapping(value)) {
      for (const [inner, innerValue] of Object.entries(value)) {
        if (inner === 'weights' && Array.isArray(innerValue))
          addWeights(parts, innerValue, ['appraisal', 'weights'], 'appraisal.weights');
        else if (inner === 'grades' && Array.isArray(innerValue)) {
          add(
            'appraisal.grades[]',
            ['appraisal', 'grades'],
            innerValue.map((grade: unknown) => (isMapping(grade) ? grade.grade : grade)),
          );
          innerValue.forEach((grade: unknown, index) =>
            add(
              `appraisal.grades/${isMapping(grade) ? String(grade.grade) : index}`,
              ['appraisal', 'grades', index],
              grade,
            ),
          );
        } else add(`appraisal.${inner}`, ['appraisal', inner], innerValue);
      }
    } else if (isMapping(value) && key !== 'title') {
      add(`${key}[]`, [key], Object.keys(value));
      for (const [inner, innerValue] of Object.entries(value)) {
        if (isMapping(innerValue) && key === 'review') {
          for (const [leaf, leafValue] of Object.entries(innerValue))
            add(`${key}.${inner}.${leaf}`, [key, inner, leaf], leafValue);
          add(`${key}.${inner}[]`, [key, inner], Object.keys(innerValue));
        } else add(`${key}.${inner}`, [key, inner], innerValue);
      }
    } else add(key, [key], value);
  }
  return parts;
}

function addWeights(parts: PolicyPart[], nodes: unknown[], segments: PathSegment[], key: string): void {
  parts.push({
    key: `${key}[]`,
    segments,
    digest: shortDigest(nodes.map((node) => (isMapping(node) ? node.id : node))),
  });
  nodes.forEach((node, index) => {
    if (!isMapping(node)) return;
    const { children, ...own } = node;
    const here = `${key}/${String(node.id)}`;
    parts.push({ key: here, segments: [...segments, index], digest: shortDigest(own) });
    if (Array.isArray(children)) addWeights(parts, children, [...segments, index, 'children'], here);
  });
}

/** Parts by key, as written into finalized.yaml. */
export function policyFingerprint(policy: { effective: string }): { effective: string; parts: Record<string, string> } {
  return {
    effective: policy.effective,
    parts: Object.fromEntries(policyParts(policy).map((part) => [part.key, part.digest])),
  };
}

export interface PolicyPartChange {
  key: string;
  kind: 'changed' | 'added' | 'removed';
  /** Where to point: the part itself, or for a removed part the nearest part still there. */
  segments: PathSegment[];
}

/**
 * The parts that score a month: the appraisal section, the zone its dates are read in and the
 * support settings the support measures use. The rest (review rules, compliance, publishing) scores
 * nothing, so a finalised month does not freeze it.
 */
export function scoresMonths(key: string): boolean {
  return /^(appraisal|timezone|support)([.[/]|$)/.test(key);
}

/** What differs, in the parts that score a month, between a recorded fingerprint and the policy as it is now, in file order. */
export function policyChanges(recordedParts: Readonly<Record<string, string>>, policy: unknown): PolicyPartChange[] {
  const recorded = Object.fromEntries(Object.entries(recordedParts).filter(([key]) => scoresMonths(key)));
  const now = policyParts(policy).filter((part) => scoresMonths(part.key));
  const changes: PolicyPartChange[] = [];
  const present = new Map(now.map((part) => [part.key, part]));
  for (const part of now) {
    const was = recorded[part.key];
    if (was === undefined) changes.push({ key: part.key, kind: 'added', segments: part.segments });
    else if (was !== part.digest) changes.push({ key: part.key, kind: 'changed', segments: part.segments });
  }
  for (const key of Object.keys(recorded)) {
    if (present.has(key)) continue;
    let parent = key;
    let anchor: PolicyPart | undefined;
    while (!anchor && /[./]/.test(parent)) {
      parent = parent.replace(/[./][^./]*$/, '');
      anchor = present.get(parent) ?? present.get(`${parent}[]`);
    }
    changes.push({ key, kind: 'removed', segments: anchor?.segments ?? [] });
  }
  // A list of ids (key[]) changes whenever an item is added or removed; the item itself says more.
  const lists = new Set(
    changes.filter((change) => change.kind !== 'changed').map((change) => `${change.key.replace(/[./][^./]*$/, '')}[]`),
  );
  return changes.filter((change) => !(change.kind === 'changed' && lists.has(change.key)));
}

function shortDigest(value: unknown): string {
  return createHash('sha256').update(canonical(value)).digest('hex').slice(0, 16);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isMapping(value))
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(',')}}`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  return JSON.stringify(value ?? null);
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}
