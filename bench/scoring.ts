// Scoring throughput: 50 members × 60 months of generated inputs (ratings from supervisor, three
// peers and self; every measure the policy names), scored with the sample department's policy,
// results serialised as they are written to appraisals/. Run twice: the output must be
// byte-identical. Goal (issue 5): ≤ 1 s for the 3,000 member-months.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { PolicyFile } from '../src/core/model/types.generated.ts';
import { indicatorLeaves, qualitativeIndicatorIds } from '../src/core/policy/policy-versions.ts';
import { sha256 } from '../src/core/scoring/digest.ts';
import { resultRecord, resultYaml } from '../src/core/scoring/result-file.ts';
import { partsFor, scoreMemberMonth } from '../src/core/scoring/score-member.ts';
import type { MemberMonthInputs } from '../src/core/scoring/score-types.ts';
import { hashString, mulberry32 } from '../scripts/dev/seeded-random.ts';

const ROLES = ['copywriter', 'designer', 'operator', 'support'] as const;
/** Plausible raw values per measure: [low, high]. */
const RANGES: Record<string, [number, number]> = {
  'reads-per-article': [1200, 5200],
  'shares-per-article': [60, 300],
  'likes-per-article': [20, 90],
  'comments-per-article': [5, 60],
  'designed-reads-per-article': [1200, 5200],
  'designed-shares-per-article': [60, 300],
  'follower-net-growth': [200, 1200],
  'follower-churn-rate': [0.008, 0.05],
  'first-reply-within-deadline-share': [0.6, 1],
  'support-satisfaction': [3.5, 5],
  'campaign-participants-attainment': [0.5, 1.6],
  'campaign-conversion-attainment': [0.5, 1.4],
  'campaign-satisfaction-attainment': [0.8, 1.1],
};

export function generateInputs(policy: PolicyFile, members = 50, months = 60): MemberMonthInputs[] {
  const indicators = qualitativeIndicatorIds(policy);
  const inputs: MemberMonthInputs[] = [];
  for (let m = 0; m < members; m += 1) {
    const member = `member-${String(m + 1).padStart(2, '0')}`;
    const roles = [ROLES[m % ROLES.length]!];
    for (let k = 0; k < months; k += 1) {
      const year = 2022 + Math.floor(k / 12);
      const period = `${year}-${String((k % 12) + 1).padStart(2, '0')}`;
      const random = mulberry32(hashString(`${member}/${period}`));
      const rating = () => Object.fromEntries(indicators.map((id) => [id, Math.round(60 + random() * 40)]));
      const kpis: MemberMonthInputs['kpis'] = {};
      for (const leaf of indicatorLeaves(policy)) {
        for (const part of partsFor(leaf.node, roles)?.parts ?? []) {
          const [low, high] = RANGES[part.kpi] ?? [0, 1];
          // One month in ten has no campaign, so re-weighting is part of the measured work.
          const value = part.kpi.startsWith('campaign-') && random() < 0.1 ? null : low + random() * (high - low);
          kpis[part.kpi] = { value, basis: { zh: '生成的数据', en: 'generated' } };
        }
      }
      const ratings: MemberMonthInputs['ratings'] = { supervisor: rating(), peers: [rating(), rating(), rating()] };
      if (random() > 0.1) ratings.self = rating();
      inputs.push({
        member,
        period,
        roles,
        joined: '2021-01-01',
        daysInPost: 30,
        daysInMonth: 30,
        kpis,
        ratings,
        calibrations: [],
      });
    }
  }
  return inputs;
}

function scoreAll(inputs: readonly MemberMonthInputs[], policy: PolicyFile): string {
  let out = '';
  for (const entry of inputs) out += resultYaml(resultRecord(scoreMemberMonth(entry, policy)));
  return out;
}

export async function benchScoring(): Promise<{
  memberMonths: number;
  seconds: number[];
  identical: boolean;
  digest: string;
}> {
  const policyPath = fileURLToPath(new URL('../content/policy/2026-01-01.yaml', import.meta.url));
  const policy = parse(await readFile(policyPath, 'utf8')) as PolicyFile;
  const inputs = generateInputs(policy);
  const seconds: number[] = [];
  const outputs: string[] = [];
  for (let run = 0; run < 2; run += 1) {
    const started = process.hrtime.bigint();
    outputs.push(scoreAll(inputs, policy));
    seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  return { memberMonths: inputs.length, seconds, identical: outputs[0] === outputs[1], digest: sha256(outputs[0]!) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchScoring();
  process.stdout.write(
    `scoring  ${result.memberMonths} member-months (50 × 60)  first ${result.seconds[0]!.toFixed(3)} s  second ${result.seconds[1]!.toFixed(3)} s  goal ≤ 1 s  byte-identical ${result.identical ? 'yes' : 'NO'}  ${result.digest.slice(0, 23)}…\n`,
  );
  if (!result.identical || result.seconds.some((value) => value > 1)) process.exitCode = 1;
}
