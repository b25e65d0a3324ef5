/** Errors a person can cause at the command line; the CLI prints the message and exits with the code. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

export const EXIT = {
  clean: 0,
  problems: 1,
  usage: 2,
} as const;
