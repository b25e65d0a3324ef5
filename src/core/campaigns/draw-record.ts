/**
 * Recorded draws: content/campaigns/<id>/draw.yaml, written by `mpflow draw --write` and
 * re-run by `mpflow check`, which fails when the record and the re-run differ.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { text, type LocalizedText } from '../i18n/language.ts';
import type { Problem } from '../diagnostics/problem.ts';
import { makeProblem } from '../diagnostics/make-problem.ts';
import type { CampaignDrawFile, CampaignFile } from '../model/types.generated.ts';
import type { Repository, SourcedRecord } from '../repository/load-repository.ts';
import { DRAW_ALGORITHM, runDraw, type DrawOutcome, type DrawRules } from './draw.ts';
import { campaignOfPath, checkEntryPrivacy, drawEntriesOf, drawRecordPath, entriesPath } from './entries.ts';
import { writeFilesAllOrNothing } from '../source/write-file-atomically.ts';
import { beaconProblem, knownChain, roundTime, type BeaconRound } from './beacon.ts';

export function drawRulesOf(campaign: CampaignFile): DrawRules {
  const rules: DrawRules = {
    period: campaign.period,
    prizes: campaign.prizes.map(({ name, quantity }) => ({ name, quantity })),
  };
  if (campaign.draw?.minCorrect !== undefined) rules.minCorrect = campaign.draw.minCorrect;
  if (campaign.draw?.multiplePrizesPerParticipant !== undefined)
    rules.multiplePrizesPerParticipant = campaign.draw.multiplePrizesPerParticipant;
  return rules;
}

export function drawRecordOf(
  campaignId: string,
  entriesFile: string,
  outcome: DrawOutcome,
  drawnAt: string,
  beacon?: BeaconRound,
): CampaignDrawFile {
  return {
    campaign: campaignId,
    algorithm: DRAW_ALGORITHM,
    seed: outcome.seed,
    ...(beacon ? { beacon } : {}),
    entries: { file: entriesFile, sha256: outcome.entriesSha256, ...outcome.counts },
    drawnAt,
    winners: outcome.winners.map(({ prize, position, id, nickname }) => ({ prize, position, id, nickname })),
  };
}

export interface DrawDifference {
  /** Field of draw.yaml that differs. */
  path: Array<string | number>;
  message: LocalizedText;
}

/** What a re-run says differently from the record; empty when the record holds. */
export function compareDrawRecord(recorded: CampaignDrawFile, outcome: DrawOutcome): DrawDifference[] {
  const differences: DrawDifference[] = [];
  if (recorded.entries.sha256 !== outcome.entriesSha256) {
    differences.push({
      path: ['entries', 'sha256'],
      message: text(
        `参与记录在抽签后被改动过：记录的摘要是 ${recorded.entries.sha256.slice(0, 12)}…，现在的文件是 ${outcome.entriesSha256.slice(0, 12)}…。`,
        `The entries changed after the draw: the recorded digest is ${recorded.entries.sha256.slice(0, 12)}…, the file now digests to ${outcome.entriesSha256.slice(0, 12)}….`,
      ),
    });
  }
  for (const key of ['rows', 'inPeriod', 'participants', 'eligible'] as const) {
    if (recorded.entries[key] !== outcome.counts[key]) {
      differences.push({
        path: ['entries', key],
        message: text(
          `entries.${key} 记录为 ${recorded.entries[key]}，复算为 ${outcome.counts[key]}。`,
          `entries.${key} is recorded as ${recorded.entries[key]}; the re-run gives ${outcome.counts[key]}.`,
        ),
      });
    }
  }
  const count = Math.max(recorded.winners.length, outcome.winners.length);
  for (let index = 0; index < count; index += 1) {
    const mine = recorded.winners[index];
    const rerun = outcome.winners[index];
    const show = (winner: typeof mine) =>
      winner ? `${winner.nickname}（${winner.id}，#${winner.position}，${winner.prize}）` : '—';
    const showEn = (winner: typeof mine) =>
      winner ? `${winner.nickname} (${winner.id}, #${winner.position}, ${winner.prize})` : '—';
    if (
      !mine ||
      !rerun ||
      mine.id !== rerun.id ||
      mine.nickname !== rerun.nickname ||
      mine.position !== rerun.position ||
      mine.prize !== rerun.prize
    ) {
      differences.push({
        path: mine ? ['winners', index] : ['winners'],
        message: text(
          `第 ${index + 1} 位中签者记录为 ${show(mine)}，复算为 ${show(rerun)}。`,
          `Winner ${index + 1} is recorded as ${showEn(mine)}; the re-run gives ${showEn(rerun)}.`,
        ),
      });
    }
  }
  return differences;
}

const DRAW_FILE_HEADER =
  '# yaml-language-server: $schema=../../../schemas/campaign-draw.schema.json\n# 由 mpflow draw --write 写入，请勿手改；mpflow check 会复算。 / Written by mpflow draw --write; do not edit by hand: mpflow check re-runs it.\n';

export function formatDrawRecord(record: CampaignDrawFile): string {
  const quote = (value: string) => JSON.stringify(value);
  const lines = [
    `campaign: ${record.campaign}`,
    `algorithm: ${record.algorithm}`,
    `seed: ${quote(record.seed)}`,
    ...(record.beacon
      ? [
          'beacon:',
          `  chain: ${record.beacon.chain}`,
          `  round: ${record.beacon.round}`,
          `  signature: ${record.beacon.signature}`,
          `  randomness: ${record.beacon.randomness}`,
        ]
      : []),
    'entries:',
    `  file: ${record.entries.file}`,
    `  sha256: ${record.entries.sha256}`,
    `  rows: ${record.entries.rows}`,
    `  inPeriod: ${record.entries.inPeriod}`,
    `  participants: ${record.entries.participants}`,
    `  eligible: ${record.entries.eligible}`,
    `drawnAt: ${record.drawnAt}`,
    record.winners.length === 0 ? 'winners: []' : 'winners:',
    ...record.winners.map(
      (winner) =>
        `  - { prize: ${quote(winner.prize)}, position: ${winner.position}, id: ${winner.id}, nickname: ${quote(winner.nickname)} }`,
    ),
  ];
  return `${DRAW_FILE_HEADER}${lines.join('\n')}\n`;
}

/**
 * Writes draw.yaml and sets results.winners and results.drawSeed in the campaign file (comments
 * and layout kept). Both are written to temporary files first and renamed only when both are
 * ready, so a failure leaves neither half-written.
 */
export async function writeDrawRecord(
  root: string,
  campaignFile: string,
  record: CampaignDrawFile,
): Promise<{ written: string[] }> {
  const drawFile = drawRecordPath(record.campaign);
  const outputs: Array<{ relative: string; content: string }> = [
    { relative: drawFile, content: formatDrawRecord(record) },
  ];
  const campaignText = await readFile(path.join(root, campaignFile), 'utf8');
  // The YAML editor is needed only to write a draw; `mpflow check` reads this module without it.
  const { isMap, isScalar, parseDocument } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  const document = parseDocument(campaignText);
  if (isMap(document.get('results'))) {
    // Written the way people write them by hand: ["山***风", …], so the diff shows only what changed.
    const winners = document.createNode(
      record.winners.map((winner) => winner.nickname),
      { flow: true },
    );
    for (const item of winners.items) if (isScalar(item)) item.type = 'QUOTE_DOUBLE';
    const seed = document.createNode(record.seed);
    seed.type = 'QUOTE_DOUBLE';
    document.setIn(['results', 'winners'], winners);
    document.setIn(['results', 'drawSeed'], seed);
    outputs.push({
      relative: campaignFile,
      content: document.toString({ lineWidth: 0, flowCollectionPadding: false }),
    });
  }
  await writeFilesAllOrNothing(outputs.map(({ relative, content }) => ({ file: path.join(root, relative), content })));
  return { written: outputs.map(({ relative }) => relative) };
}

/** The whole-repository rules for draws: entries' personal data, seeds, and every recorded draw re-run. */
export function checkCampaignDraws(repository: Repository, problems: Problem[]): void {
  const campaigns = new Map<string, SourcedRecord<CampaignFile>>();
  for (const campaign of repository.campaigns)
    if (typeof campaign.data.id === 'string') campaigns.set(campaign.data.id, campaign);

  for (const table of repository.campaignEntries ?? []) {
    const campaignId = campaignOfPath(table.file);
    if (campaignId && !campaigns.has(campaignId)) {
      problems.push(
        makeProblem(
          table.file,
          'ref/unknown-campaign',
          text(
            `文件夹名 ${campaignId} 不是 content/campaigns/ 中的活动。`,
            `The folder name ${campaignId} is not a campaign in content/campaigns/.`,
          ),
        ),
      );
    }
    for (const row of table.rows) checkEntryPrivacy(table.file, row, problems);
  }

  const recorded = new Set((repository.campaignDraws ?? []).map((record) => campaignOfPath(record.file)));
  for (const campaign of campaigns.values()) {
    const { draw, period } = campaign.data;
    if (!campaign.valid || !draw || typeof period?.end !== 'string') continue;
    // Winners announced for a campaign that declared a reproducible draw, but no draw on record to re-run.
    if (campaign.data.results?.winners?.length && !recorded.has(campaign.data.id)) {
      problems.push(
        makeProblem(
          campaign.file,
          'draw/unrecorded',
          text(
            `活动声明了可复算的抽签（draw.seed），却没有抽签记录 ${drawRecordPath(campaign.data.id)}，results.winners 无法复核。运行 npx mpflow draw ${campaign.data.id} --write 记录抽签。`,
            `The campaign declares a reproducible draw (draw.seed) but has no recorded draw ${drawRecordPath(campaign.data.id)}, so results.winners cannot be verified. Record it with npx mpflow draw ${campaign.data.id} --write.`,
          ),
          campaign.locate(['results', 'winners']),
          'results.winners',
        ),
      );
    }
    checkBeaconDeclaration(campaign, problems);
    if (typeof draw.seedDeclaredAt === 'string' && Date.parse(draw.seedDeclaredAt) > Date.parse(period.end)) {
      problems.push(
        makeProblem(
          campaign.file,
          'draw/seed',
          text(
            `种子公布于 ${draw.seedDeclaredAt}，晚于参与截止 ${period.end}：种子必须在截止前公布，否则抽签可被事后挑选。`,
            `The seed was announced at ${draw.seedDeclaredAt}, after entries closed at ${period.end}; a seed must be public before entries close, or the draw could be chosen after the fact.`,
          ),
          campaign.locate(['draw', 'seedDeclaredAt']),
          'draw.seedDeclaredAt',
        ),
      );
    }
  }

  for (const record of repository.campaignDraws ?? []) {
    if (!record.valid) continue;
    checkRecordedDraw(repository, record, campaigns, problems);
  }
}

function checkRecordedDraw(
  repository: Repository,
  record: SourcedRecord<CampaignDrawFile>,
  campaigns: Map<string, SourcedRecord<CampaignFile>>,
  problems: Problem[],
): void {
  const { data } = record;
  const folder = campaignOfPath(record.file);
  if (folder !== data.campaign) {
    problems.push(
      makeProblem(
        record.file,
        'id/mismatch',
        text(
          `campaign 写的是 ${data.campaign}，文件却在 ${folder} 文件夹里。`,
          `campaign says ${data.campaign}, but the file is in the ${folder} folder.`,
        ),
        record.locate(['campaign']),
        'campaign',
      ),
    );
    return;
  }
  const campaign = campaigns.get(data.campaign);
  if (!campaign) {
    problems.push(
      makeProblem(
        record.file,
        'ref/unknown-campaign',
        text(`活动 ${data.campaign} 不存在。`, `There is no campaign ${data.campaign}.`),
        record.locate(['campaign']),
        'campaign',
      ),
    );
    return;
  }
  if (!campaign.valid) return;
  const beacon = campaign.data.draw?.beacon;
  if (beacon && !checkBeaconDraw(repository.root, record, campaign, problems)) return;
  const declared = beacon ? record.data.beacon?.randomness : campaign.data.draw?.seed;
  if (declared === undefined) {
    problems.push(
      makeProblem(
        record.file,
        'draw/seed',
        text(
          `活动记录 ${campaign.file} 没有事先声明 draw.seed，这次抽签无法证明种子是预先公布的。`,
          `${campaign.file} declares no draw.seed, so nothing shows the seed was public before the draw.`,
        ),
        record.locate(['seed']),
        'seed',
      ),
    );
    return;
  }
  if (declared !== data.seed) {
    problems.push(
      makeProblem(
        record.file,
        'draw/seed',
        text(
          `记录的种子“${data.seed}”与活动记录中公布的 draw.seed“${declared}”不同。`,
          `The recorded seed "${data.seed}" differs from the declared draw.seed "${declared}".`,
        ),
        record.locate(['seed']),
        'seed',
      ),
    );
    return;
  }
  const expectedFile = entriesPath(data.campaign);
  if (data.entries.file !== expectedFile) {
    problems.push(
      makeProblem(
        record.file,
        'draw/entries',
        text(
          `记录的抽签必须用 ${expectedFile}，这里写的是 ${data.entries.file}。`,
          `A recorded draw must use ${expectedFile}; this one names ${data.entries.file}.`,
        ),
        record.locate(['entries', 'file']),
        'entries.file',
      ),
    );
    return;
  }
  const table = (repository.campaignEntries ?? []).find((candidate) => candidate.file === expectedFile);
  if (!table) {
    problems.push(
      makeProblem(
        record.file,
        'draw/entries',
        text(
          `参与记录 ${expectedFile} 不存在，无法复算这次抽签。`,
          `The entries file ${expectedFile} is missing, so the draw cannot be re-run.`,
        ),
        record.locate(['entries', 'file']),
        'entries.file',
      ),
    );
    return;
  }
  // Rows that fail the schema are reported at their lines already; a re-run on a partial file would only add noise.
  if (table.rows.some((row) => !row.valid)) return;
  let entriesText: string;
  try {
    entriesText = readFileSync(path.join(repository.root, expectedFile), 'utf8');
  } catch {
    return;
  }
  const outcome = runDraw({
    entries: drawEntriesOf(table.rows),
    entriesText,
    seed: data.seed,
    rules: drawRulesOf(campaign.data),
  });
  const differences = compareDrawRecord(data, outcome);
  for (const difference of differences) {
    problems.push(
      makeProblem(
        record.file,
        'draw/mismatch',
        difference.message,
        record.locate(difference.path),
        difference.path.join('.'),
      ),
    );
  }
  // Said on the entries file too, so a pull request that changes only the entries is stopped by its own check.
  if (differences.some((difference) => difference.path[0] === 'entries')) {
    problems.push(
      makeProblem(
        expectedFile,
        'draw/mismatch',
        text(
          `这份参与记录已经抽过签（${record.file}），之后又被改动：摘要或人数与抽签记录不符。已抽签的参与记录不能再改。`,
          `These entries were drawn already (${record.file}) and have changed since: the digest or the counts differ from the record. Drawn entries must not change.`,
        ),
      ),
    );
  }

  const results = campaign.data.results;
  const nicknames = data.winners.map((winner) => winner.nickname);
  if (results?.winners && results.winners.join('\u0000') !== nicknames.join('\u0000')) {
    problems.push(
      makeProblem(
        campaign.file,
        'draw/results',
        text(
          `results.winners 与抽签记录 ${record.file} 不一致，记录中的中签名单是：${nicknames.join('、')}。`,
          `results.winners differs from the recorded draw ${record.file}, whose winners are: ${nicknames.join(', ')}.`,
        ),
        campaign.locate(['results', 'winners']),
        'results.winners',
      ),
    );
  }
  if (results?.drawSeed !== undefined && results.drawSeed !== data.seed) {
    problems.push(
      makeProblem(
        campaign.file,
        'draw/results',
        text(
          `results.drawSeed 与抽签种子“${data.seed}”不同。`,
          `results.drawSeed differs from the draw's seed "${data.seed}".`,
        ),
        campaign.locate(['results', 'drawSeed']),
        'results.drawSeed',
      ),
    );
  }
}

/** What a campaign that names a beacon must hold on its own: a known chain, a round after the close, a close before the round. */
function checkBeaconDeclaration(campaign: SourcedRecord<CampaignFile>, problems: Problem[]): void {
  const { draw, period } = campaign.data;
  if (!draw) return;
  if (!draw.beacon) {
    if (draw.seed === undefined || draw.seedDeclaredAt === undefined) {
      problems.push(
        makeProblem(
          campaign.file,
          'draw/seed',
          text(
            '抽签需要随机数的来源：写 draw.beacon（drand 的未来轮次），或事先公布的 draw.seed 与 draw.seedDeclaredAt。',
            'A draw needs a source of randomness: draw.beacon (a future drand round), or an announced draw.seed with draw.seedDeclaredAt.',
          ),
          campaign.locate(['draw'], 'key'),
          'draw',
        ),
      );
    }
    return;
  }
  if (draw.seed !== undefined) {
    problems.push(
      makeProblem(
        campaign.file,
        'draw/seed',
        text(
          '有了 draw.beacon 就不要再写 draw.seed：种子就是那一轮的随机数。',
          "With draw.beacon there is no draw.seed: the seed is the round's randomness.",
        ),
        campaign.locate(['draw', 'seed']),
        'draw.seed',
      ),
    );
  }
  const chain = knownChain(draw.beacon.chain);
  if (!chain) {
    problems.push(
      makeProblem(
        campaign.file,
        'draw/beacon',
        text(
          `mpflow 不认识 drand 链 ${draw.beacon.chain}。`,
          `mpflow does not know the drand chain ${draw.beacon.chain}.`,
        ),
        campaign.locate(['draw', 'beacon', 'chain']),
        'draw.beacon.chain',
      ),
    );
    return;
  }
  const at = roundTime(chain, draw.beacon.round);
  if (at <= Date.parse(period.end)) {
    problems.push(
      makeProblem(
        campaign.file,
        'draw/beacon',
        text(
          `drand ${chain.name} 第 ${draw.beacon.round} 轮产生于 ${new Date(at).toISOString()}，不晚于参与截止 ${period.end}：它的随机数在截止前就已公开，不能用来抽签。`,
          `drand ${chain.name} round ${draw.beacon.round} came out at ${new Date(at).toISOString()}, not after entries closed at ${period.end}: its randomness was public before the close and cannot seed the draw.`,
        ),
        campaign.locate(['draw', 'beacon', 'round']),
        'draw.beacon.round',
      ),
    );
  }
  if (draw.entries) {
    const closed = Date.parse(draw.entries.closedAt);
    if (closed < Date.parse(period.end)) {
      problems.push(
        makeProblem(
          campaign.file,
          'draw/close',
          text(
            `参与记录在 ${draw.entries.closedAt} 就截止了，早于活动结束 ${period.end}。`,
            `The entries were closed at ${draw.entries.closedAt}, before the period ends at ${period.end}.`,
          ),
          campaign.locate(['draw', 'entries', 'closedAt']),
          'draw.entries.closedAt',
        ),
      );
    } else if (closed >= at) {
      problems.push(
        makeProblem(
          campaign.file,
          'draw/close',
          text(
            `参与记录在 ${draw.entries.closedAt} 才截止，已在信标第 ${draw.beacon.round} 轮（${new Date(at).toISOString()}）之后：随机数已知后才定下的参与记录可以被挑选。`,
            `The entries were closed at ${draw.entries.closedAt}, after beacon round ${draw.beacon.round} (${new Date(at).toISOString()}): entries fixed once the randomness is known can be chosen.`,
          ),
          campaign.locate(['draw', 'entries', 'closedAt']),
          'draw.entries.closedAt',
        ),
      );
    }
  }
}

/** The first commit that put `needle` into the file, from git (`git log -S`); undefined when none, null when git cannot tell. */
function firstCommitWith(root: string, file: string, needle: string): { sha: string; at: number } | undefined | null {
  try {
    const out = execFileSync('git', ['log', '--reverse', '--format=%H %cI', `-S${needle}`, '--', file], {
      cwd: root,
      encoding: 'utf8',
      timeout: 10_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const first = out.split('\n').find((line) => line.trim() !== '');
    if (!first) return undefined;
    const [sha, at] = first.trim().split(' ') as [string, string];
    return { sha, at: Date.parse(at) };
  } catch {
    return null;
  }
}

/**
 * A recorded draw seeded by a beacon: the round is the declared one, its signature verifies
 * offline, the seed is its randomness, the entries drawn are those closed, and git shows the
 * order that makes the draw unsteerable — round declared before the close, entries' digest
 * committed before the round's time. False when the draw cannot be re-run meaningfully.
 */
function checkBeaconDraw(
  root: string,
  record: SourcedRecord<CampaignDrawFile>,
  campaign: SourcedRecord<CampaignFile>,
  problems: Problem[],
): boolean {
  const declared = campaign.data.draw!.beacon!;
  const { data } = record;
  const say = (
    rule: 'draw/beacon' | 'draw/close' | 'draw/order',
    message: LocalizedText,
    at: Array<string | number>,
    file = record.file,
    locate = record.locate,
  ) => problems.push(makeProblem(file, rule, message, locate(at), at.join('.')));
  if (!data.beacon) {
    say(
      'draw/beacon',
      text(
        `活动指定了 drand 第 ${declared.round} 轮，抽签记录却没有 beacon：种子不是来自指定的信标。`,
        `The campaign names drand round ${declared.round}, but the recorded draw has no beacon: its seed did not come from the announced source.`,
      ),
      ['seed'],
    );
    return false;
  }
  if (data.beacon.chain !== declared.chain || data.beacon.round !== declared.round) {
    say(
      'draw/beacon',
      text(
        `抽签用的是第 ${data.beacon.round} 轮，活动事先指定的是第 ${declared.round} 轮。`,
        `The draw used round ${data.beacon.round}; the campaign announced round ${declared.round}.`,
      ),
      ['beacon', 'round'],
    );
    return false;
  }
  const problem = beaconProblem(data.beacon);
  if (problem) {
    say('draw/beacon', problem, ['beacon', 'signature']);
    return false;
  }
  if (data.seed !== data.beacon.randomness) {
    say(
      'draw/beacon',
      text(
        `种子“${data.seed}”不是第 ${declared.round} 轮的随机数 ${data.beacon.randomness}。`,
        `The seed "${data.seed}" is not round ${declared.round}'s randomness ${data.beacon.randomness}.`,
      ),
      ['seed'],
    );
    return false;
  }
  const closed = campaign.data.draw!.entries;
  if (!closed) {
    say(
      'draw/close',
      text(
        '活动记录没有 draw.entries：参与截止时没有提交参与记录的摘要，无法证明参与记录在随机数公开前已定。运行 mpflow draw --close。',
        'The campaign has no draw.entries: no digest of the entries was committed at the close, so nothing shows they were final before the randomness was public. Run mpflow draw --close.',
      ),
      ['entries', 'sha256'],
    );
    return false;
  }
  if (closed.sha256 !== data.entries.sha256) {
    say(
      'draw/close',
      text(
        `抽签用的参与记录（${data.entries.sha256.slice(0, 12)}…）不是截止时提交的那一份（${closed.sha256.slice(0, 12)}…）：参与记录在截止后被改过。`,
        `The entries drawn (${data.entries.sha256.slice(0, 12)}…) are not those committed at the close (${closed.sha256.slice(0, 12)}…): the entries changed after the close.`,
      ),
      ['entries', 'sha256'],
    );
  }
  const chain = knownChain(declared.chain)!;
  const round = roundTime(chain, declared.round);
  const announced = firstCommitWith(root, campaign.file, `round: ${declared.round}`);
  const digest = firstCommitWith(root, campaign.file, closed.sha256);
  if (announced === null || digest === null) {
    say(
      'draw/order',
      text(
        '这里不是 git 仓库（或 git 不可用），无法核对信标轮次和参与记录摘要的提交顺序。',
        'This is not a git repository (or git is unavailable), so the order of the beacon and close commits cannot be checked.',
      ),
      ['beacon'],
    );
    return true;
  }
  const end = Date.parse(campaign.data.period.end);
  if (!announced || announced.at > end) {
    say(
      'draw/order',
      announced
        ? text(
            `信标第 ${declared.round} 轮在 ${new Date(announced.at).toISOString()} 才提交（${announced.sha.slice(0, 12)}），晚于参与截止 ${campaign.data.period.end}。`,
            `Beacon round ${declared.round} was committed only at ${new Date(announced.at).toISOString()} (${announced.sha.slice(0, 12)}), after entries closed at ${campaign.data.period.end}.`,
          )
        : text(
            `信标第 ${declared.round} 轮还没有提交到 git。`,
            `Beacon round ${declared.round} is not committed to git.`,
          ),
      ['draw', 'beacon', 'round'],
      campaign.file,
      campaign.locate,
    );
  }
  if (!digest || digest.at >= round) {
    say(
      'draw/order',
      digest
        ? text(
            `参与记录摘要在 ${new Date(digest.at).toISOString()} 才提交（${digest.sha.slice(0, 12)}），不早于信标第 ${declared.round} 轮（${new Date(round).toISOString()}）。`,
            `The entries' digest was committed only at ${new Date(digest.at).toISOString()} (${digest.sha.slice(0, 12)}), not before beacon round ${declared.round} (${new Date(round).toISOString()}).`,
          )
        : text('参与记录摘要还没有提交到 git。', "The entries' digest is not committed to git."),
      ['draw', 'entries', 'sha256'],
      campaign.file,
      campaign.locate,
    );
  }
  return true;
}
