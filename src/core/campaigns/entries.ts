/**
 * A campaign's entries file (content/campaigns/<id>/entries.csv): read with the same CSV reader
 * and schema as the metrics tables, plus the personal-data rules: an opaque id and a masked
 * nickname, never a phone number.
 */
import { text } from '../i18n/language.ts';
import type { Problem } from '../diagnostics/problem.ts';
import { makeProblem } from '../diagnostics/make-problem.ts';
import type { CampaignEntryRow } from '../model/types.generated.ts';
import { tableColumns } from '../model/schemas.ts';
import { validateRecord, type Locator } from '../model/validate-record.ts';
import { csvRowRecord } from '../repository/csv-row-record.ts';
import type { TableRow } from '../repository/load-repository.ts';
import { headerProblem, parseCsvSource } from '../source/csv-source.ts';
import type { DrawEntry } from './draw.ts';

export const ENTRY_COLUMNS = tableColumns('campaign-entries');

/** Where a campaign's entries live; the only file a recorded draw may use. */
export function entriesPath(campaignId: string): string {
  return `content/campaigns/${campaignId}/entries.csv`;
}

export function drawRecordPath(campaignId: string): string {
  return `content/campaigns/${campaignId}/draw.yaml`;
}

/** The campaign a file under content/campaigns/<id>/ belongs to. */
export function campaignOfPath(file: string): string | undefined {
  return /^content\/campaigns\/([^/]+)\/[^/]+$/.exec(file)?.[1];
}

/**
 * A mainland mobile number (1[3-9] and ten more digits), with or without +86, spaces or hyphens,
 * and the half-masked form 138****5678 that still gives most of it away.
 */
const PHONE_NUMBER = /(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?(?:\d|\*)){4}[\s-]?\d{4}(?!\d)/;

export function looksLikePhoneNumber(value: string): boolean {
  return PHONE_NUMBER.test(value);
}

/** Characters of a nickname that are not masked. */
export function visibleCharacters(nickname: string): number {
  return [...nickname.replace(/[*＊\s]/g, '')].length;
}

export const MAX_VISIBLE_NICKNAME_CHARACTERS = 4;

/** Personal-data rules for one row (the schema has already checked shapes). */
export function checkEntryPrivacy(
  file: string,
  row: { data: Partial<CampaignEntryRow>; locate: Locator },
  problems: Problem[],
): void {
  for (const field of ['id', 'nickname'] as const) {
    const value = row.data[field];
    if (typeof value === 'string' && looksLikePhoneNumber(value)) {
      problems.push(
        makeProblem(
          file,
          'privacy/phone-number',
          text(
            `${field} 的值像手机号。参与记录只能存不透明编号和遮挡后的昵称。`,
            `The ${field} looks like a phone number. Entries may only hold an opaque id and a masked nickname.`,
          ),
          row.locate([field]),
          field,
        ),
      );
      return;
    }
  }
  const nickname = row.data.nickname;
  if (
    typeof nickname === 'string' &&
    nickname.includes('*') &&
    visibleCharacters(nickname) > MAX_VISIBLE_NICKNAME_CHARACTERS
  ) {
    problems.push(
      makeProblem(
        file,
        'privacy/unmasked-nickname',
        text(
          `昵称“${nickname}”露出了 ${visibleCharacters(nickname)} 个字，最多只能露出 ${MAX_VISIBLE_NICKNAME_CHARACTERS} 个。`,
          `The nickname "${nickname}" shows ${visibleCharacters(nickname)} characters; at most ${MAX_VISIBLE_NICKNAME_CHARACTERS} may show.`,
        ),
        row.locate(['nickname']),
        'nickname',
      ),
    );
  }
}

/** Rows that passed the schema, as the draw sees them. */
export function drawEntriesOf(rows: readonly TableRow<CampaignEntryRow>[]): DrawEntry[] {
  return rows.map(({ line, data }) => {
    const entry: DrawEntry = { id: data.id, nickname: data.nickname, enteredAt: data.enteredAt, line };
    if (data.correct !== undefined) entry.correct = data.correct;
    return entry;
  });
}

/**
 * Reads an entries file given on the command line (it may lie outside content/): CSV syntax,
 * header, schema and personal-data rules, each problem at its line and column.
 */
export function parseEntries(
  source: string,
  file: string,
): { rows: TableRow<CampaignEntryRow>[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const parsed = parseCsvSource(source, file);
  problems.push(...parsed.problems);
  if (!parsed.ok) return { rows: [], problems };
  const { header, rows } = parsed.source;
  const wrongHeader = headerProblem(file, header, ENTRY_COLUMNS);
  if (wrongHeader) {
    problems.push(wrongHeader);
    return { rows: [], problems };
  }
  const result: TableRow<CampaignEntryRow>[] = [];
  for (const row of rows) {
    const { data, locate } = csvRowRecord(row, ENTRY_COLUMNS, (value, column) =>
      column === 'correct' && /^\d+$/.test(value.trim()) ? Number(value) : value,
    );
    const rowProblems = validateRecord('campaign-entries', data, file, locate);
    problems.push(...rowProblems);
    const tableRow = {
      line: row.line,
      data: data as unknown as CampaignEntryRow,
      valid: rowProblems.length === 0,
      locate,
    };
    checkEntryPrivacy(file, tableRow, problems);
    result.push(tableRow);
  }
  return { rows: result, problems };
}
