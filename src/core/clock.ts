import { LocalizedError } from './diagnostics/localized-error.ts';
import { text } from './i18n/language.ts';
import { nowFromEnvironment } from './model/date-time-option.ts';

/**
 * "Now" for every command and for the site build: the instant in `MPFLOW_NOW` when it is set
 * (tests, a rehearsal of next month, a rebuild of last month's site), else the machine's clock.
 * One place, so a test can move every date-sensitive part of mpflow to the same instant and
 * nothing reads the wall clock behind its back.
 */
export function currentInstant(env: NodeJS.ProcessEnv = process.env): number {
  const now = nowFromEnvironment(env);
  if (now === undefined)
    throw new ClockError(
      text(
        `环境变量 MPFLOW_NOW“${env.MPFLOW_NOW}”不是有效的时间，例如 2026-12-31T23:59:00+08:00。`,
        `MPFLOW_NOW "${env.MPFLOW_NOW}" is not a valid time; for example 2026-12-31T23:59:00+08:00.`,
      ),
    );
  return now;
}

/** MPFLOW_NOW is set but unreadable: the user's to fix (exit 2, as any usage error). */
export class ClockError extends LocalizedError {}
