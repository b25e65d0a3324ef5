import { isCalendarDate, isYearMonth } from '../core/model/dates.ts';
import { parseDateTimeOption } from '../core/model/date-time-option.ts';
import type { Validator } from './command.ts';
import { UsageError } from './errors.ts';

// The validators option tables share. Each names the option and the value it got, in the reader's
// language, and returns the value in the form the command uses. Values that need the department's
// time zone (a date-time without an offset) are checked for shape here and read in the zone by
// the command, once the repository is loaded.

/** A real calendar date, YYYY-MM-DD (2026-02-31 is refused, never rolled over). */
export const calendarDate: Validator<string> = (raw, { option, language }) => {
  if (isCalendarDate(raw)) return raw;
  throw new UsageError(
    language === 'zh-CN'
      ? `${option}“${raw}”不是有效的日期，格式如 2026-03-01。`
      : `${option} "${raw}" is not a valid date; the form is 2026-03-01.`,
  );
};

/** A month, YYYY-MM. */
export const yearMonth: Validator<string> = (raw, { option, language }) => {
  if (isYearMonth(raw)) return raw;
  throw new UsageError(
    language === 'zh-CN'
      ? `${option}“${raw}”不是有效的月份，格式如 2026-03。`
      : `${option} "${raw}" is not a valid month; the form is 2026-03.`,
  );
};

/**
 * A date or date-time as people type it on the command line (see core/model/date-time-option.ts):
 * checked here against the calendar; the command reads it in the department's zone.
 */
export const dateOrInstant: Validator<string> = (raw, { option, language }) => {
  // Any zone with whole-hour offsets tells real dates and times from impossible ones alike.
  if (parseDateTimeOption(raw, 'UTC') !== undefined) return raw;
  throw new UsageError(
    language === 'zh-CN'
      ? `${option}“${raw}”不是有效的时间。可以写 2027-01-12、2027-01-12T10:00（按部门时区理解）或带时区的 2027-01-12T10:00:00+08:00。`
      : `${option} "${raw}" is not a valid time. Write 2027-01-12, 2027-01-12T10:00 (read in the department's time zone) or with an offset, 2027-01-12T10:00:00+08:00.`,
  );
};

/** A positive whole number (a pull request, a port above 0). */
export const positiveInteger: Validator<number> = (raw, { option, language }) => {
  if (/^[1-9]\d{0,9}$/.test(raw)) return Number(raw);
  throw new UsageError(
    language === 'zh-CN'
      ? `${option} 应为正整数（收到“${raw}”）。`
      : `${option} must be a positive whole number (got "${raw}").`,
  );
};

/** A path as given, not empty (existence is the command's to judge: some paths are outputs). */
export const pathValue: Validator<string> = (raw, { option, language }) => {
  if (raw.trim() !== '') return raw;
  throw new UsageError(language === 'zh-CN' ? `${option} 需要一个路径。` : `${option} needs a path.`);
};

/** One of a fixed set of words; the message names the value and the choices. */
export function oneOf<Choice extends string>(choices: readonly Choice[]): Validator<Choice> {
  return (raw, { option, language }) => {
    if ((choices as readonly string[]).includes(raw)) return raw as Choice;
    throw new UsageError(
      language === 'zh-CN'
        ? `${option} 只能是 ${choices.join('、')}（收到“${raw}”）。`
        : `${option} must be ${choices.length === 2 ? `${choices[0]} or ${choices[1]}` : `one of ${choices.join(', ')}`} (got "${raw}").`,
    );
  };
}

/** --format: the message every command has used since formats were added (tests pin it). */
export function formatChoice<Format extends string>(formats: readonly Format[]): Validator<Format> {
  return (raw, { language }) => {
    if ((formats as readonly string[]).includes(raw)) return raw as Format;
    const english = formats.length === 2 ? `use ${formats[0]} or ${formats[1]}` : `use one of ${formats.join(', ')}`;
    throw new UsageError(
      language === 'zh-CN'
        ? `不支持的格式“${raw}”，可选：${formats.join('、')}。`
        : `Unknown format "${raw}"; ${english}.`,
    );
  };
}
