/**
 * Why scores changed between two commits: every month appraised in either is scored at both,
 * and each change is traced to the inputs and policy leaves that moved.
 */
import { departmentTimeZone } from '../policy/department-clock.ts';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { text, type LocalizedText } from '../i18n/language.ts';
import { loadRepository, type Repository } from '../repository/load-repository.ts';
import { FigureCache, gatherPeriodInputs } from './gather-inputs.ts';
import { leavesOf } from './result-file.ts';
import { scoreMemberMonth } from './score-member.ts';
import { fixed2 } from './normalise.ts';
import type { MemberMonthInputs, MemberMonthScore } from './score-types.ts';
import { canonicalJson } from './digest.ts';
import { KPI_CATALOGUE } from './kpi-catalogue.ts';
import { CONTENT_ROOTS } from '../repository/classify-path.ts';

const run = promisify(execFile);

/** Thrown for a reference git does not know; the CLI reports it as a usage error. */
export class UnknownRefError extends Error {}

/**
 * The content folders at a commit, unpacked into a temporary folder with `git archive | tar`:
 * the working tree and the index are never touched. Arguments go to git as argv, never a shell.
 */
export async function repositoryAtRef(
  root: string,
  ref: string,
): Promise<{ repository: Repository; cleanup: () => Promise<void> }> {
  try {
    await run('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: root });
  } catch {
    throw new UnknownRefError(ref);
  }
  const { stdout } = await run('git', ['ls-tree', '--name-only', ref], { cwd: root });
  const present = CONTENT_ROOTS.filter((folder) => stdout.split('\n').includes(folder));
  const directory = await mkdtemp(path.join(tmpdir(), 'mpflow-diff-'));
  const cleanup = () => rm(directory, { recursive: true, force: true });
  try {
    if (present.length > 0) {
      await new Promise<void>((resolve, reject) => {
        const archive = spawn('git', ['archive', '--format=tar', ref, '--', ...present], {
          cwd: root,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const untar = spawn('tar', ['-x', '-C', directory], { stdio: ['pipe', 'ignore', 'pipe'] });
        archive.stdout.pipe(untar.stdin);
        let failed = false;
        const fail = (error: Error) => {
          if (!failed) reject(error);
          failed = true;
        };
        archive.on('error', fail);
        untar.on('error', fail);
        archive.on('close', (code) => code !== 0 && fail(new Error(`git archive exited with ${code}`)));
        untar.on('close', (code) => (code === 0 ? !failed && resolve() : fail(new Error(`tar exited with ${code}`))));
      });
    }
    const { repository } = await loadRepository(directory);
    return { repository, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

export interface ScoreChange {
  period: string;
  member: string;
  before: number | null;
  after: number | null;
  beforeGrade: string | null;
  afterGrade: string | null;
  reasons: LocalizedText[];
}

function periodsOf(repository: Repository): string[] {
  const periods = new Set<string>();
  for (const record of repository.ratings) if (typeof record.data.period === 'string') periods.add(record.data.period);
  for (const record of repository.scoreResults ?? []) periods.add(record.data.period);
  return [...periods];
}

function scoreAll(
  repository: Repository,
  periods: readonly string[],
): Map<string, { inputs: MemberMonthInputs; result: MemberMonthScore }> {
  const scores = new Map<string, { inputs: MemberMonthInputs; result: MemberMonthScore }>();
  let cache: FigureCache | undefined;
  for (const period of periods) {
    const gathered = gatherPeriodInputs(repository, period, cache);
    if (!gathered) continue;
    cache ??= new FigureCache(repository, departmentTimeZone(gathered.policy));
    for (const inputs of gathered.members)
      scores.set(`${period}/${inputs.member}`, { inputs, result: scoreMemberMonth(inputs, gathered.policy) });
  }
  return scores;
}

function explainChange(
  before: { inputs: MemberMonthInputs; result: MemberMonthScore } | undefined,
  after: { inputs: MemberMonthInputs; result: MemberMonthScore } | undefined,
): LocalizedText[] {
  if (!before)
    return [text('新出现的考核（之前没有这位成员这个月的记录）', 'newly appraised (no record of this month before)')];
  if (!after) return [text('这位成员这个月不再考核', 'no longer appraised this month')];
  const reasons: LocalizedText[] = [];
  if (before.result.policy !== after.result.policy)
    reasons.push(
      text(
        `制度版本 ${before.result.policy} → ${after.result.policy}`,
        `policy version ${before.result.policy} → ${after.result.policy}`,
      ),
    );
  const leavesBefore = new Map(leavesOf(before.result.categories).map((leaf) => [leaf.id, leaf]));
  for (const leaf of leavesOf(after.result.categories)) {
    const was = leavesBefore.get(leaf.id);
    if (!was) {
      reasons.push(
        text(
          `新指标 ${leaf.id}（权重 ${leaf.declaredWeight}）`,
          `new indicator ${leaf.id} (weight ${leaf.declaredWeight})`,
        ),
      );
      continue;
    }
    if (was.declaredWeight !== leaf.declaredWeight)
      reasons.push(
        text(
          `指标 ${leaf.id} 权重 ${was.declaredWeight} → ${leaf.declaredWeight}`,
          `indicator ${leaf.id} weight ${was.declaredWeight} → ${leaf.declaredWeight}`,
        ),
      );
    if (
      fixed2(was.score ?? -1) !== fixed2(leaf.score ?? -1) ||
      fixed2(was.effectiveWeight) !== fixed2(leaf.effectiveWeight)
    ) {
      reasons.push(
        text(
          `指标 ${leaf.id} 得分 ${was.score === null ? '—' : fixed2(was.score)} → ${leaf.score === null ? '—' : fixed2(leaf.score)}，计入 ${fixed2(was.contribution)} → ${fixed2(leaf.contribution)} 分`,
          `indicator ${leaf.id} score ${was.score === null ? '—' : fixed2(was.score)} → ${leaf.score === null ? '—' : fixed2(leaf.score)}, contributing ${fixed2(was.contribution)} → ${fixed2(leaf.contribution)}`,
        ),
      );
    }
    leavesBefore.delete(leaf.id);
  }
  for (const gone of leavesBefore.keys())
    reasons.push(text(`指标 ${gone} 已从制度中删除`, `indicator ${gone} removed from the policy`));
  for (const kpi of new Set([...Object.keys(before.inputs.kpis), ...Object.keys(after.inputs.kpis)])) {
    const a = before.inputs.kpis[kpi]?.value ?? null;
    const b = after.inputs.kpis[kpi]?.value ?? null;
    const where = KPI_CATALOGUE[kpi]?.source;
    const from = where ? `（${where}）` : '';
    if (a !== b)
      reasons.push(
        text(
          `数据 ${kpi}：${a === null ? '—' : +a.toFixed(4)} → ${b === null ? '—' : +b.toFixed(4)}${from}`,
          `data ${kpi}: ${a === null ? '—' : +a.toFixed(4)} → ${b === null ? '—' : +b.toFixed(4)}${where ? ` (${where})` : ''}`,
        ),
      );
  }
  const folder = `appraisals/${after.inputs.period}/${after.inputs.member}/`;
  for (const rater of ['supervisor', 'self'] as const) {
    if (canonicalJson(before.inputs.ratings[rater] ?? null) !== canonicalJson(after.inputs.ratings[rater] ?? null))
      reasons.push(
        text(
          `${rater === 'self' ? '自评' : '上级评价'}有变化（${folder}${rater}.yaml）`,
          `the ${rater} rating changed (${folder}${rater}.yaml)`,
        ),
      );
  }
  if (canonicalJson(before.inputs.ratings.peers) !== canonicalJson(after.inputs.ratings.peers))
    reasons.push(
      text(
        `同事评价有变化（${before.inputs.ratings.peers.length} → ${after.inputs.ratings.peers.length} 份，${folder}peer-*.yaml）`,
        `peer ratings changed (${before.inputs.ratings.peers.length} → ${after.inputs.ratings.peers.length}, ${folder}peer-*.yaml)`,
      ),
    );
  if (before.result.calibration !== after.result.calibration)
    reasons.push(
      text(
        `校准 ${fixed2(before.result.calibration)} → ${fixed2(after.result.calibration)}`,
        `calibration ${fixed2(before.result.calibration)} → ${fixed2(after.result.calibration)}`,
      ),
    );
  if (
    before.inputs.joined !== after.inputs.joined ||
    canonicalJson(before.inputs.roles) !== canonicalJson(after.inputs.roles)
  )
    reasons.push(text('名册中的入职日期或岗位有变化', "the roster's joined date or roles changed"));
  return reasons;
}

/** Changes of score, grade or status between two repositories, each with its reasons. */
export function diffScores(before: Repository, after: Repository): ScoreChange[] {
  const periods = [...new Set([...periodsOf(before), ...periodsOf(after)])].sort();
  const was = scoreAll(before, periods);
  const now = scoreAll(after, periods);
  const changes: ScoreChange[] = [];
  for (const key of [...new Set([...was.keys(), ...now.keys()])].sort()) {
    const a = was.get(key);
    const b = now.get(key);
    const same =
      a &&
      b &&
      a.result.score === b.result.score &&
      a.result.grade === b.result.grade &&
      a.result.status === b.result.status &&
      a.result.inputDigest === b.result.inputDigest;
    if (same) continue;
    const [period, member] = key.split('/') as [string, string];
    changes.push({
      period,
      member,
      before: a?.result.score ?? null,
      after: b?.result.score ?? null,
      beforeGrade: a?.result.grade ?? null,
      afterGrade: b?.result.grade ?? null,
      reasons: explainChange(a, b),
    });
  }
  return changes;
}
