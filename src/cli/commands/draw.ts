import { departmentTimeZone } from '../../core/policy/department-clock.ts';
import { existsSync } from 'node:fs';
import { currentInstant } from '../../core/clock.ts';
import path from 'node:path';
import { DRAW_ALGORITHM, entriesDigest, runDraw, type DrawOutcome } from '../../core/campaigns/draw.ts';
import { compareDrawRecord, drawRecordOf, drawRulesOf, writeDrawRecord } from '../../core/campaigns/draw-record.ts';
import { drawEntriesOf, drawRecordPath, entriesPath, parseEntries } from '../../core/campaigns/entries.ts';
import { seedHistory, type SeedHistory } from '../../core/campaigns/seed-history.ts';
import {
  BeaconError,
  beaconProblem,
  fetchBeacon,
  firstRoundAfter,
  knownChain,
  roundTime,
  type BeaconRound,
} from '../../core/campaigns/beacon.ts';
import type { CampaignFile, DrawBeacon } from '../../core/model/types.generated.ts';
import type { SourcedRecord } from '../../core/repository/load-repository.ts';
import { isMap, parseDocument } from 'yaml';
import { writeFileAtomically } from '../../core/source/write-file-atomically.ts';
import { readFile } from 'node:fs/promises';
import { isOffsetDateTime, offsetInTimeZone } from '../../core/model/dates.ts';
import { countBySeverity, compareProblems, type Problem } from '../../core/diagnostics/problem.ts';
import { formatText } from '../../core/report/format-text.ts';
import { loadRepository } from '../../core/repository/load-repository.ts';
import { readTextFile } from '../../core/source/read-text-file.ts';
import type { CommandContext } from '../context.ts';
import { EXIT, UsageError } from '../errors.ts';
import { resolveRoot } from '../options.ts';
import { defineCommand, flag, parseCommand, value } from '../command.ts';
import { ROOT_OPTION, formatOption } from '../shared-options.ts';
import { writeReport } from '../report-formats.ts';

export const DRAW_COMMAND = defineCommand({
  name: 'draw',
  helpParams: () => ({ algorithm: DRAW_ALGORITHM }),
  positionals: true,
  options: {
    entries: value(),
    seed: value(),
    write: flag(),
    'drawn-at': value(),
    close: flag(),
    'closed-at': value(),
    beacon: value(),
    format: formatOption(['text', 'json', 'github'] as const),
    root: ROOT_OPTION,
  },
});

export async function runDrawCommand(argv: string[], context: CommandContext): Promise<number> {
  const parsed = parseCommand(DRAW_COMMAND, argv, context);
  if (!parsed) return EXIT.clean;
  const { values, positionals } = parsed;
  const language = context.language;
  const zh = language === 'zh-CN';
  const [campaignId, ...extra] = positionals;
  if (campaignId === undefined)
    throw new UsageError({
      zh: '请给出活动编号，例如 mpflow draw C-2026-01。',
      en: 'Give a campaign id, e.g. mpflow draw C-2026-01.',
    });
  if (extra.length > 0)
    throw new UsageError({
      zh: `只能给一个活动编号，多出了：${extra.join(' ')}。`,
      en: `Give one campaign id; extra: ${extra.join(' ')}.`,
    });
  if (!/^C-\d{4}-\d{2}$/.test(campaignId))
    throw new UsageError({
      zh: `“${campaignId}”不是活动编号，格式如 C-2026-01。`,
      en: `"${campaignId}" is not a campaign id; the form is C-2026-01.`,
    });
  if (values.write && (values.entries !== undefined || values.seed !== undefined)) {
    throw new UsageError({
      zh: '--write 只记录用公布的种子和仓库里的参与记录抽出的结果，不能与 --entries 或 --seed 同用。',
      en: "--write records only a draw with the declared seed and the repository's entries; it cannot be used with --entries or --seed.",
    });
  }
  if (values['drawn-at'] !== undefined && !values.write)
    throw new UsageError({ zh: '--drawn-at 只能与 --write 同用。', en: '--drawn-at goes with --write.' });
  if (values['drawn-at'] !== undefined && !isOffsetDateTime(values['drawn-at'])) {
    throw new UsageError({
      zh: `--drawn-at “${values['drawn-at']}” 不是带时区的时间，例如 2026-10-08T15:00:00+08:00。`,
      en: `--drawn-at "${values['drawn-at']}" is not a date-time with an offset, e.g. 2026-10-08T15:00:00+08:00.`,
    });
  }
  const root = resolveRoot(values.root, context);

  const campaignFolder = `content/campaigns/${campaignId}/`;
  const loaded = await loadRepository(root, {
    only: (file) => file.startsWith(campaignFolder) || /^content\/campaigns\/[^/]+\.ya?ml$/.test(file),
  });
  const campaign = loaded.repository.campaigns.find((record) => record.data.id === campaignId);
  if (!campaign) {
    context.stderr.write(
      zh
        ? `没有活动 ${campaignId}：content/campaigns/ 里找不到它的记录。\n`
        : `There is no campaign ${campaignId} in content/campaigns/.\n`,
    );
    return EXIT.problems;
  }

  const entriesFile =
    values.entries !== undefined
      ? relativeOrAbsolute(root, path.resolve(context.cwd, values.entries))
      : entriesPath(campaignId);
  const problems: Problem[] = loaded.problems.filter(
    (problem) => problem.file === campaign.file && problem.severity === 'error',
  );
  const read = await readTextFile(path.resolve(root, entriesFile), entriesFile);
  let entriesText = '';
  if (!read.ok) {
    problems.push(read.problem);
  } else {
    entriesText = read.text;
    problems.push(...parseEntries(read.text, entriesFile).problems);
  }
  const declaredBeacon = campaign.data.draw?.beacon;
  if (values.close)
    return closeEntries(
      root,
      campaign,
      entriesText,
      values['closed-at'],
      departmentTimeZone(loaded.repository.policies.at(-1)?.data),
      context,
    );
  let beacon: BeaconRound | undefined;
  if (declaredBeacon && values.seed === undefined) {
    const got = await beaconFor(root, declaredBeacon, values.beacon, context);
    if ('failed' in got) return got.failed;
    beacon = got.beacon;
  }
  const seed = values.seed ?? beacon?.randomness ?? campaign.data.draw?.seed;
  if (problems.some((problem) => problem.severity === 'error') || !read.ok) {
    problems.sort(compareProblems);
    // The problems that stop the draw: as text on stderr, or (json, github) through the report registry on stdout.
    if (values.format === 'text') context.stderr.write(formatText(problems, { language, filesChecked: 2 }));
    else await writeReport(values.format, problems, { language, filesChecked: 2, suppressed: 0 }, context);
    context.stderr.write(
      zh ? '活动记录或参与记录有错误，没有抽签。\n' : 'The campaign or its entries have errors; nothing was drawn.\n',
    );
    return EXIT.problems;
  }
  if (seed === undefined) {
    context.stderr.write(
      zh
        ? `${campaign.file} 没有 draw.seed。请在参与截止前把公开的种子写进活动记录（draw.seed 和 draw.seedDeclaredAt）并提交，或用 --seed 试抽。\n`
        : `${campaign.file} has no draw.seed. Commit a public seed to the campaign (draw.seed and draw.seedDeclaredAt) before entries close, or try one with --seed.\n`,
    );
    return EXIT.problems;
  }

  const { rows } = parseEntries(entriesText, entriesFile);
  const outcome = runDraw({ entries: drawEntriesOf(rows), entriesText, seed, rules: drawRulesOf(campaign.data) });
  const history =
    values.seed === undefined ? await seedHistory(root, campaign.file, seed) : ({ state: 'unknown' } as SeedHistory);

  if (values.write) {
    const timeZone = departmentTimeZone(loaded.repository.policies.at(-1)?.data);
    const drawnAt = values['drawn-at'] ?? localNow(timeZone, currentInstant(context.env));
    const end = campaign.data.period.end;
    if (Date.parse(drawnAt) <= Date.parse(end)) {
      context.stderr.write(
        zh
          ? `活动到 ${end} 才结束，不能在此之前（${drawnAt}）记录抽签。\n`
          : `The campaign runs until ${end}; a draw cannot be recorded before that (${drawnAt}).\n`,
      );
      return EXIT.problems;
    }
    const recordFile = drawRecordPath(campaignId);
    const existing = loaded.repository.campaignDraws?.find((record) => record.file === recordFile);
    if (existing || existsSync(path.join(root, recordFile))) {
      const same = existing?.valid && compareDrawRecord(existing.data, outcome).length === 0;
      context.stderr.write(
        zh
          ? `${recordFile} 已经存在${same ? '，且与这次复算一致' : ''}，没有改写。重新抽签必须是有记录的决定：在同一个 PR 里删除它并写明原因，再运行 --write。\n`
          : `${recordFile} already exists${same ? ' and matches this re-run' : ''}; nothing was written. A redraw must be a recorded decision: delete it in a pull request that says why, then run --write.\n`,
      );
      return EXIT.problems;
    }
    const closed = campaign.data.draw?.entries;
    if (declaredBeacon && closed?.sha256 !== outcome.entriesSha256) {
      context.stderr.write(
        closed
          ? zh
            ? `参与记录（${outcome.entriesSha256.slice(0, 12)}…）不是截止时提交的那一份（${closed.sha256.slice(0, 12)}…），没有抽签。\n`
            : `The entries (${outcome.entriesSha256.slice(0, 12)}…) are not those committed at the close (${closed.sha256.slice(0, 12)}…); nothing was drawn.\n`
          : zh
            ? `活动指定了信标，但参与记录还没有截止：先运行 npx mpflow draw ${campaignId} --close 并在第 ${declaredBeacon.round} 轮之前提交。\n`
            : `The campaign names a beacon, but the entries were never closed: run npx mpflow draw ${campaignId} --close and commit it before round ${declaredBeacon.round}.\n`,
      );
      return EXIT.problems;
    }
    const record = drawRecordOf(campaignId, entriesFile, outcome, drawnAt, beacon);
    const { written } = await writeDrawRecord(root, campaign.file, record);
    if (values.format === 'json')
      context.stdout.write(
        `${JSON.stringify({ ...summary(outcome, campaignId, entriesFile, history), written }, null, 2)}\n`,
      );
    else {
      context.stdout.write(
        describe(
          outcome,
          campaignId,
          campaign.data.title,
          entriesFile,
          history,
          campaign.data.period.end,
          zh,
          values.seed !== undefined,
        ),
      );
      context.stdout.write(
        zh
          ? `已写入：${written.join('、')}。提交后 mpflow check 会复算这次抽签。\n`
          : `Wrote ${written.join(', ')}. Once committed, mpflow check re-runs this draw.\n`,
      );
    }
    return EXIT.clean;
  }

  if (values.format === 'json')
    context.stdout.write(`${JSON.stringify(summary(outcome, campaignId, entriesFile, history), null, 2)}\n`);
  else
    context.stdout.write(
      describe(
        outcome,
        campaignId,
        campaign.data.title,
        entriesFile,
        history,
        campaign.data.period.end,
        zh,
        values.seed !== undefined,
      ),
    );
  const { warnings } = countBySeverity(problems);
  // Warnings under a draw that went ahead: annotations with --format github, else text on stderr.
  if (warnings > 0 && values.format === 'github')
    await writeReport('github', problems, { language, filesChecked: 2, suppressed: 0 }, context);
  else if (warnings > 0) context.stderr.write(formatText(problems, { language, filesChecked: 2 }));
  return EXIT.clean;
}

/** Now, as the department's clock reads it: 2026-10-08T15:00:00+08:00. */
function localNow(timeZone: string, instant: number): string {
  const now = new Date(instant);
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? '00';
  const date = `${part('year')}-${part('month')}-${part('day')}`;
  const time = `${part('hour')}:${part('minute')}`;
  return `${date}T${time}:${part('second')}${offsetInTimeZone(date, time, timeZone)}`;
}

function relativeOrAbsolute(root: string, absolute: string): string {
  const relative = path.relative(root, absolute);
  return relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative.split(path.sep).join('/');
}

function summary(outcome: DrawOutcome, campaign: string, entriesFile: string, history: SeedHistory) {
  return {
    campaign,
    algorithm: outcome.algorithm,
    seed: outcome.seed,
    seedHistory: history,
    entries: { file: entriesFile, sha256: outcome.entriesSha256, ...outcome.counts },
    excluded: {
      outsidePeriod: outcome.exclusions.outsidePeriod.map((entry) => entry.line),
      repeated: outcome.exclusions.repeated.map((entry) => entry.line),
      belowMinCorrect: outcome.exclusions.belowMinCorrect.map((entry) => entry.line),
    },
    winners: outcome.winners,
    unawarded: outcome.unawarded,
  };
}

function describe(
  outcome: DrawOutcome,
  campaign: string,
  title: string,
  entriesFile: string,
  history: SeedHistory,
  end: string,
  zh: boolean,
  trialSeed: boolean,
): string {
  const { counts, exclusions } = outcome;
  const lines: string[] = [];
  if (zh) {
    lines.push(`活动 ${campaign}《${title}》抽签（算法 ${outcome.algorithm}）`);
    lines.push(`种子：${JSON.stringify(outcome.seed)}${trialSeed ? '（--seed 试抽，不是公布的种子）' : ''}`);
    lines.push(`参与记录：${entriesFile}`);
    lines.push(`  SHA-256：${outcome.entriesSha256}`);
    lines.push(
      `  共 ${counts.rows} 行；活动期内 ${counts.inPeriod} 行，参与者 ${counts.participants} 人；符合抽签条件 ${counts.eligible} 人`,
    );
    lines.push(
      `  未计入：活动期外 ${exclusions.outsidePeriod.length} 行，同一参与者的后续作答 ${exclusions.repeated.length} 行，未达答对题数 ${exclusions.belowMinCorrect.length} 人`,
    );
    lines.push('中签名单：');
  } else {
    lines.push(`Draw for ${campaign} “${title}” (algorithm ${outcome.algorithm})`);
    lines.push(`Seed: ${JSON.stringify(outcome.seed)}${trialSeed ? ' (a --seed trial, not the declared seed)' : ''}`);
    lines.push(`Entries: ${entriesFile}`);
    lines.push(`  SHA-256: ${outcome.entriesSha256}`);
    lines.push(
      `  ${counts.rows} rows; ${counts.inPeriod} inside the period from ${counts.participants} participants; ${counts.eligible} eligible`,
    );
    lines.push(
      `  Not counted: ${exclusions.outsidePeriod.length} rows outside the period, ${exclusions.repeated.length} later entries of the same participant, ${exclusions.belowMinCorrect.length} below the required right answers`,
    );
    lines.push('Winners:');
  }
  const width = Math.max(...outcome.winners.map((winner) => String(winner.position).length), 1);
  outcome.winners.forEach((winner, index) => {
    lines.push(
      `  ${String(index + 1).padStart(2)}. #${String(winner.position).padEnd(width)}  ${winner.nickname}  ${winner.id}  ${winner.prize}`,
    );
  });
  if (outcome.winners.length === 0) lines.push(zh ? '  （没有符合条件的参与者）' : '  (no eligible participants)');
  if (outcome.unawarded > 0)
    lines.push(
      zh
        ? `注意：符合条件的人数少于奖品数，有 ${outcome.unawarded} 份奖品没有抽出。`
        : `Note: fewer eligible participants than prizes; ${outcome.unawarded} prizes were not drawn.`,
    );
  if (history.state === 'committed') {
    const late = Date.parse(history.commit.committedAt) > Date.parse(end);
    lines.push(
      zh
        ? `种子首次提交：${history.commit.sha.slice(0, 12)}（${history.commit.committedAt}）${late ? `——晚于参与截止 ${end}，git 记录不能证明种子是事先公布的` : '，早于参与截止'}`
        : `Seed first committed: ${history.commit.sha.slice(0, 12)} (${history.commit.committedAt})${late ? ` — after entries closed at ${end}; git does not show the seed was public beforehand` : ', before entries closed'}`,
    );
  } else if (history.state === 'uncommitted') {
    lines.push(
      zh
        ? '种子还没有提交到 git：提交并合并后，任何人都能核对它早于参与截止。'
        : 'The seed is not committed yet: once merged, anyone can see it predates the close of entries.',
    );
  }
  lines.push(
    zh
      ? `复算：npx mpflow draw ${campaign}（同样的参与记录和种子，得到同样的名单）`
      : `Re-run: npx mpflow draw ${campaign} (same entries and seed, same winners)`,
  );
  return `${lines.join('\n')}\n`;
}

/**
 * `--close`: the entries' digest into the campaign (draw.entries), to be committed before the
 * beacon round. Refused before the period ends, and when a different digest is already there.
 */
async function closeEntries(
  root: string,
  campaign: SourcedRecord<CampaignFile>,
  entriesText: string,
  closedAtOption: string | undefined,
  timeZone: string,
  context: CommandContext,
): Promise<number> {
  const zh = context.language === 'zh-CN';
  const beacon = campaign.data.draw?.beacon;
  if (!beacon) {
    context.stderr.write(
      zh
        ? `${campaign.file} 没有 draw.beacon：--close 只用于以 drand 信标抽签的活动。\n`
        : `${campaign.file} has no draw.beacon: --close is for campaigns drawn from a drand beacon.\n`,
    );
    return EXIT.problems;
  }
  if (closedAtOption !== undefined && !isOffsetDateTime(closedAtOption))
    throw new UsageError({
      zh: `--closed-at “${closedAtOption}” 不是带时区的时间。`,
      en: `--closed-at "${closedAtOption}" is not a date-time with an offset.`,
    });
  const closedAt = closedAtOption ?? localNow(timeZone, currentInstant(context.env));
  const sha256 = entriesDigest(entriesText);
  if (Date.parse(closedAt) < Date.parse(campaign.data.period.end)) {
    context.stderr.write(
      zh
        ? `活动到 ${campaign.data.period.end} 才结束，不能在 ${closedAt} 截止参与记录。\n`
        : `The campaign runs until ${campaign.data.period.end}; the entries cannot be closed at ${closedAt}.\n`,
    );
    return EXIT.problems;
  }
  const chain = knownChain(beacon.chain);
  if (chain && Date.parse(closedAt) >= roundTime(chain, beacon.round)) {
    context.stderr.write(
      zh
        ? `信标第 ${beacon.round} 轮已在 ${new Date(roundTime(chain, beacon.round)).toISOString()} 产生，截止为时已晚：这次抽签无法证明不可操纵，需要在活动记录中改用更晚的轮次（至少第 ${firstRoundAfter(chain, Date.parse(closedAt))} 轮）并说明原因。\n`
        : `Beacon round ${beacon.round} came out at ${new Date(roundTime(chain, beacon.round)).toISOString()}; closing now is too late to show the draw cannot be steered. Name a later round in the campaign (at least ${firstRoundAfter(chain, Date.parse(closedAt))}) and say why.\n`,
    );
    return EXIT.problems;
  }
  const existing = campaign.data.draw?.entries;
  if (existing) {
    context.stderr.write(
      existing.sha256 === sha256
        ? zh
          ? `参与记录已于 ${existing.closedAt} 截止，摘要相同，没有改写。\n`
          : `The entries were closed at ${existing.closedAt} with the same digest; nothing was written.\n`
        : zh
          ? `参与记录已于 ${existing.closedAt} 截止（${existing.sha256.slice(0, 12)}…），现在的文件不同（${sha256.slice(0, 12)}…）：截止后的参与记录不能再改。\n`
          : `The entries were closed at ${existing.closedAt} (${existing.sha256.slice(0, 12)}…) and the file now differs (${sha256.slice(0, 12)}…): closed entries cannot change.\n`,
    );
    return existing.sha256 === sha256 ? EXIT.clean : EXIT.problems;
  }
  const document = parseDocument(await readFile(path.join(root, campaign.file), 'utf8'));
  if (!isMap(document.get('draw'))) return EXIT.problems;
  document.setIn(['draw', 'entries'], document.createNode({ sha256, closedAt }));
  await writeFileAtomically(
    path.join(root, campaign.file),
    document.toString({ lineWidth: 0, flowCollectionPadding: false }),
  );
  context.stdout.write(
    zh
      ? `已截止：${campaign.file} 的 draw.entries 记下了参与记录的 SHA-256 ${sha256}。请在 drand 第 ${beacon.round} 轮之前提交并合并；之后用 npx mpflow draw ${campaign.data.id} --write 抽签。\n`
      : `Closed: draw.entries in ${campaign.file} now holds the entries' SHA-256 ${sha256}. Commit and merge it before drand round ${beacon.round}; then draw with npx mpflow draw ${campaign.data.id} --write.\n`,
  );
  return EXIT.clean;
}

/** The declared round, from --beacon FILE (drand's JSON for the round) or a drand relay (MPFLOW_DRAND_URL, default drand's own). */
async function beaconFor(
  root: string,
  declared: DrawBeacon,
  file: string | undefined,
  context: CommandContext,
): Promise<{ beacon: BeaconRound } | { failed: number }> {
  const zh = context.language === 'zh-CN';
  try {
    if (file !== undefined) {
      let body: { round?: unknown; signature?: unknown; randomness?: unknown };
      try {
        body = JSON.parse(await readFile(path.resolve(context.cwd, file), 'utf8')) as typeof body;
      } catch {
        throw new BeaconError({
          zh: `--beacon ${file} 读不出来，或不是 JSON。`,
          en: `--beacon ${file} cannot be read or is not JSON.`,
        });
      }
      if (body.round !== declared.round || typeof body.signature !== 'string' || typeof body.randomness !== 'string') {
        throw new BeaconError({
          zh: `${file} 不是 drand 第 ${declared.round} 轮（需要 round、signature 和 randomness）。`,
          en: `${file} is not drand round ${declared.round} (it needs round, signature and randomness).`,
        });
      }
      const beacon = {
        chain: declared.chain,
        round: declared.round,
        signature: body.signature.toLowerCase(),
        randomness: body.randomness.toLowerCase(),
      };
      const problem = beaconProblem(beacon);
      if (problem) throw new BeaconError(problem);
      return { beacon };
    }
    const relay = context.env?.MPFLOW_DRAND_URL || 'https://api.drand.sh';
    return { beacon: await fetchBeacon(relay, declared.chain, declared.round) };
  } catch (error) {
    if (!(error instanceof BeaconError)) throw error;
    context.stderr.write(`${zh ? error.localized.zh : error.localized.en}\n`);
    return { failed: EXIT.problems };
  }
}
