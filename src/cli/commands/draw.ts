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
import { isOffsetDateTime } from '../../core/model/dates.ts';
import { isoInTimeZone } from '../../core/calendar/wall-clock.ts';
import { countBySeverity, compareProblems, type Problem } from '../../core/diagnostics/problem.ts';
import { formatText } from '../../core/report/format-text.ts';
import { loadRepository } from '../../core/repository/load-repository.ts';
import { readTextFile } from '../../core/source/read-text-file.ts';
import type { CommandContext } from '../context.ts';
import { EXIT, UsageError } from '../errors.ts';
import { resolveRoot } from '../options.ts';
import { defineCommand, flag, commandRunner, value } from '../command.ts';
import { ROOT_OPTION, formatOption } from '../shared-options.ts';
import { writeReport } from '../report-formats.ts';
import { renderIn, type Say, said, sayIn } from '../messages.ts';

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

export const runDrawCommand = commandRunner(DRAW_COMMAND, async ({ values, positionals, say, language }, context) => {
  const [campaignId, ...extra] = positionals;
  if (campaignId === undefined) throw new UsageError(say('draw.giveCampaignIdDraw'));
  if (extra.length > 0) throw new UsageError(say('draw.giveOneCampaignId', { extraList: extra.join(' ') }));
  if (!/^C-\d{4}-\d{2}$/.test(campaignId)) throw new UsageError(say('draw.notCampaignIdForm', { campaignId }));
  if (values.write && (values.entries !== undefined || values.seed !== undefined)) {
    throw new UsageError(say('draw.writeRecordsOnlyDraw'));
  }
  if (values['drawn-at'] !== undefined && !values.write) throw new UsageError(say('draw.drawnGoesWrite'));
  if (values['drawn-at'] !== undefined && !isOffsetDateTime(values['drawn-at'])) {
    throw new UsageError(say('draw.drawnNotDateTime', { drawnAt: values['drawn-at'] }));
  }
  const root = resolveRoot(values.root, context);

  const campaignFolder = `content/campaigns/${campaignId}/`;
  const loaded = await loadRepository(root, {
    only: (file) => file.startsWith(campaignFolder) || /^content\/campaigns\/[^/]+\.ya?ml$/.test(file),
  });
  const campaign = loaded.repository.campaigns.find((record) => record.data.id === campaignId);
  if (!campaign) {
    context.stderr.write(say('draw.thereNoCampaignContent', { campaignId }));
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
    const got = await beaconFor(declaredBeacon, values.beacon, context);
    if ('failed' in got) return got.failed;
    beacon = got.beacon;
  }
  const seed = values.seed ?? beacon?.randomness ?? campaign.data.draw?.seed;
  if (problems.some((problem) => problem.severity === 'error') || !read.ok) {
    problems.sort(compareProblems);
    // The problems that stop the draw: as text on stderr, or (json, github) through the report registry on stdout.
    if (values.format === 'text') context.stderr.write(formatText(problems, { language, filesChecked: 2 }));
    else await writeReport(values.format, problems, { language, filesChecked: 2, suppressed: 0 }, context);
    context.stderr.write(say('draw.campaignEntriesErrorsNothing'));
    return EXIT.problems;
  }
  if (seed === undefined) {
    context.stderr.write(say('draw.noDrawSeedCommit', { file: campaign.file }));
    return EXIT.problems;
  }

  const { rows } = parseEntries(entriesText, entriesFile);
  const outcome = runDraw({ entries: drawEntriesOf(rows), entriesText, seed, rules: drawRulesOf(campaign.data) });
  const history =
    values.seed === undefined ? await seedHistory(root, campaign.file, seed) : ({ state: 'unknown' } as SeedHistory);

  // The outcome as JSON or as text; after --write, with the files written.
  const report = (written?: string[]): void => {
    if (values.format === 'json') {
      const shown = { ...summary(outcome, campaignId, entriesFile, history), ...(written ? { written } : {}) };
      context.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
      return;
    }
    const { title, period } = campaign.data;
    context.stdout.write(
      describe(outcome, campaignId, title, entriesFile, history, period.end, say, values.seed !== undefined),
    );
    if (written)
      context.stdout.write(say('draw.wroteOnceCommittedCheck', { written: written.join(say('draw.listSeparator')) }));
  };

  if (values.write) {
    const timeZone = departmentTimeZone(loaded.repository.policies.at(-1)?.data);
    const drawnAt = values['drawn-at'] ?? isoInTimeZone(currentInstant(context.env), timeZone);
    const end = campaign.data.period.end;
    if (Date.parse(drawnAt) <= Date.parse(end)) {
      context.stderr.write(say('draw.campaignRunsUntilDraw', { end, drawnAt }));
      return EXIT.problems;
    }
    const recordFile = drawRecordPath(campaignId);
    const existing = loaded.repository.campaignDraws?.find((record) => record.file === recordFile);
    if (existing || existsSync(path.join(root, recordFile))) {
      const same = existing?.valid && compareDrawRecord(existing.data, outcome).length === 0;
      context.stderr.write(
        say('draw.alreadyExistsNothingWritten', { recordFile, same: same ? say('draw.matchesRerun') : '' }),
      );
      return EXIT.problems;
    }
    const closed = campaign.data.draw?.entries;
    if (declaredBeacon && closed?.sha256 !== outcome.entriesSha256) {
      context.stderr.write(
        closed
          ? say('draw.entriesNotThoseCommitted', {
              entriesSha256: outcome.entriesSha256.slice(0, 12),
              sha256: closed.sha256.slice(0, 12),
            })
          : say('draw.campaignNamesBeaconBut', { campaignId, round: declaredBeacon.round }),
      );
      return EXIT.problems;
    }
    const record = drawRecordOf(campaignId, entriesFile, outcome, drawnAt, beacon);
    const { written } = await writeDrawRecord(root, campaign.file, record);
    report(written);
    return EXIT.clean;
  }

  report();
  const { warnings } = countBySeverity(problems);
  // Warnings under a draw that went ahead: annotations with --format github, else text on stderr.
  if (warnings > 0 && values.format === 'github')
    await writeReport('github', problems, { language, filesChecked: 2, suppressed: 0 }, context);
  else if (warnings > 0) context.stderr.write(formatText(problems, { language, filesChecked: 2 }));
  return EXIT.clean;
});

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
  say: Say,
  trialSeed: boolean,
): string {
  const { counts, exclusions } = outcome;
  const lines: string[] = [];
  lines.push(say('draw.heading', { campaign, title, algorithm: outcome.algorithm }));
  lines.push(say('draw.seed', { seed: JSON.stringify(outcome.seed), trial: trialSeed ? say('draw.trialSeed') : '' }));
  lines.push(say('draw.entries', { file: entriesFile }));
  lines.push(say('draw.entriesDigest', { sha256: outcome.entriesSha256 }));
  lines.push(say('draw.counts', { ...counts }));
  lines.push(
    say('draw.notCounted', {
      outsidePeriod: exclusions.outsidePeriod.length,
      repeated: exclusions.repeated.length,
      belowMinCorrect: exclusions.belowMinCorrect.length,
    }),
  );
  lines.push(say('draw.winners'));
  const width = Math.max(...outcome.winners.map((winner) => String(winner.position).length), 1);
  outcome.winners.forEach((winner, index) => {
    lines.push(
      `  ${String(index + 1).padStart(2)}. #${String(winner.position).padEnd(width)}  ${winner.nickname}  ${winner.id}  ${winner.prize}`,
    );
  });
  if (outcome.winners.length === 0) lines.push(say('draw.noEligibleParticipants'));
  if (outcome.unawarded > 0) lines.push(say('draw.noteFewerEligibleParticipants', { unawarded: outcome.unawarded }));
  if (history.state === 'committed') {
    const late = Date.parse(history.commit.committedAt) > Date.parse(end);
    lines.push(
      say('draw.seedFirstCommitted', {
        sha: history.commit.sha.slice(0, 12),
        committedAt: history.commit.committedAt,
        timing: late ? say('draw.seedLate', { end }) : say('draw.seedEarly'),
      }),
    );
  } else if (history.state === 'uncommitted') {
    lines.push(say('draw.seedNotCommittedYet'));
  }
  lines.push(say('draw.reRunNpxDraw', { campaign }));
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
  const say = sayIn(context);
  const beacon = campaign.data.draw?.beacon;
  if (!beacon) {
    context.stderr.write(say('draw.noDrawBeaconClose', { file: campaign.file }));
    return EXIT.problems;
  }
  if (closedAtOption !== undefined && !isOffsetDateTime(closedAtOption))
    throw new UsageError(say('draw.closedNotDateTime', { closedAtOption }));
  const closedAt = closedAtOption ?? isoInTimeZone(currentInstant(context.env), timeZone);
  const sha256 = entriesDigest(entriesText);
  if (Date.parse(closedAt) < Date.parse(campaign.data.period.end)) {
    context.stderr.write(say('draw.campaignRunsUntilEntries', { end: campaign.data.period.end, closedAt }));
    return EXIT.problems;
  }
  const chain = knownChain(beacon.chain);
  if (chain && Date.parse(closedAt) >= roundTime(chain, beacon.round)) {
    context.stderr.write(
      say('draw.beaconRoundCameOut', {
        round: beacon.round,
        roundTime: new Date(roundTime(chain, beacon.round)).toISOString(),
        firstRoundAfter: firstRoundAfter(chain, Date.parse(closedAt)),
      }),
    );
    return EXIT.problems;
  }
  const existing = campaign.data.draw?.entries;
  if (existing) {
    context.stderr.write(
      existing.sha256 === sha256
        ? say('draw.entriesWereClosedSame', { closedAt: existing.closedAt })
        : say('draw.entriesWereClosedFile', {
            closedAt: existing.closedAt,
            sha256: existing.sha256.slice(0, 12),
            sha2562: sha256.slice(0, 12),
          }),
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
    say('draw.closedDrawEntriesNow', { file: campaign.file, sha256, round: beacon.round, id: campaign.data.id }),
  );
  return EXIT.clean;
}

/** The declared round, from --beacon FILE (drand's JSON for the round) or a drand relay (MPFLOW_DRAND_URL, default drand's own). */
async function beaconFor(
  declared: DrawBeacon,
  file: string | undefined,
  context: CommandContext,
): Promise<{ beacon: BeaconRound } | { failed: number }> {
  const say = sayIn(context);
  try {
    if (file !== undefined) {
      let body: { round?: unknown; signature?: unknown; randomness?: unknown };
      try {
        body = JSON.parse(await readFile(path.resolve(context.cwd, file), 'utf8')) as typeof body;
      } catch {
        throw new BeaconError(said(say('draw.beaconCannotReadNot', { file })));
      }
      if (body.round !== declared.round || typeof body.signature !== 'string' || typeof body.randomness !== 'string') {
        throw new BeaconError(said(say('draw.notDrandRoundNeeds', { file, round: declared.round })));
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
    context.stderr.write(`${renderIn(context)(error.localized)}\n`);
    return { failed: EXIT.problems };
  }
}
