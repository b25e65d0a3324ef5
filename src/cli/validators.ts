import { isCalendarDate, isYearMonth } from '../core/model/dates.ts';
import { parseDateTimeOption } from '../core/model/date-time-option.ts';
import type { Validator } from './command.ts';
import { UsageError } from './errors.ts';
import { type Say, sayIn } from './messages.ts';

// The validators option tables share. Each names the option and the value it got, in the reader's
// language, and returns the value in the form the command uses. Values that need the department's
// time zone (a date-time without an offset) are checked for shape here and read in the zone by
// the command, once the repository is loaded.

/** A real calendar date, YYYY-MM-DD (2026-02-31 is refused, never rolled over). */
export const calendarDate: Validator<string> = (raw, site) => {
  if (isCalendarDate(raw)) return raw;
  throw new UsageError(sayIn(site)('validators.notValidDateForm', { option: site.option, raw }));
};

/** A month, YYYY-MM. */
export const yearMonth: Validator<string> = (raw, site) => {
  if (isYearMonth(raw)) return raw;
  throw new UsageError(sayIn(site)('validators.notValidMonthForm', { option: site.option, raw }));
};

/**
 * A date or date-time as people type it on the command line (see core/model/date-time-option.ts):
 * checked here against the calendar; the command reads it in the department's zone.
 */
export const dateOrInstant: Validator<string> = (raw, site) => {
  // Any zone with whole-hour offsets tells real dates and times from impossible ones alike.
  if (parseDateTimeOption(raw, 'UTC') !== undefined) return raw;
  throw new UsageError(sayIn(site)('validators.notValidTimeWrite', { option: site.option, raw }));
};

/** A positive whole number (a pull request, a port above 0). */
export const positiveInteger: Validator<number> = (raw, site) => {
  if (/^[1-9]\d{0,9}$/.test(raw)) return Number(raw);
  throw new UsageError(sayIn(site)('validators.mustPositiveWholeNumber', { option: site.option, raw }));
};

/** A path as given, not empty (existence is the command's to judge: some paths are outputs). */
export const pathValue: Validator<string> = (raw, site) => {
  if (raw.trim() !== '') return raw;
  throw new UsageError(sayIn(site)('validators.needsPath', { option: site.option }));
};

/** One of a fixed set of words; the message names the value and the choices. */
export function oneOf<Choice extends string>(choices: readonly Choice[]): Validator<Choice> {
  return (raw, site) => {
    if ((choices as readonly string[]).includes(raw)) return raw as Choice;
    const say = sayIn(site);
    throw new UsageError(say('validators.notOneOf', { option: site.option, choices: choiceList(choices, say), raw }));
  };
}

/** --format: the message every command has used since formats were added (tests pin it). */
export function formatChoice<Format extends string>(formats: readonly Format[]): Validator<Format> {
  return (raw, site) => {
    if ((formats as readonly string[]).includes(raw)) return raw as Format;
    const say = sayIn(site);
    throw new UsageError(say('validators.unknownFormat', { raw, choices: choiceList(formats, say) }));
  };
}

/** The choices as a sentence names them: "text or json", "one of text, json, github" (text、json). */
export function choiceList(choices: readonly string[], say: Say): string {
  return choices.length === 2
    ? say('validators.twoChoices', { first: choices[0], second: choices[1] })
    : say('validators.manyChoices', { list: choices.join(say('validators.listSeparator')) });
}
