/**
 * Why the CLI stops, and with which exit code: 1 when the API refused or could not be reached,
 * 2 when the command line itself was wrong (nothing was sent).
 */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failed,
    /** What `--json` prints to stderr instead of the message. */
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}

export const usageError = (message: string) => new CliFailure(message, EXIT.usage);
