/** The one place that turns outcomes into exit codes (SPEC §7). */
import { SrpError } from '../errors.js';

export const EXIT = { ok: 0, failIf: 1, usage: 2, input: 3, model: 4 } as const;

export function exitCodeFor(error: unknown): number {
  if (error instanceof SrpError) return EXIT[error.kind];
  return 1;
}

/** One line for stderr: the message of a known error; for an unknown one its message, never a stack. */
export function messageFor(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return `srp: ${text.split('\n')[0]}`;
}
