/** The one place that turns outcomes into exit codes (SPEC §7). */
import { SrpError } from '../errors.js';
import { message } from '../report/safe.js';

/** 70 is EX_SOFTWARE (sysexits.h): a bug in srp, never confused with a --fail-if result. */
export const EXIT = { ok: 0, failIf: 1, usage: 2, input: 3, model: 4, internal: 70 } as const;

export function exitCodeFor(error: unknown): number {
  if (error instanceof SrpError) return EXIT[error.kind];
  return EXIT.internal;
}

/** One line for stderr: the message of a known error; for an unexpected one its message, never a stack. */
export function messageFor(error: unknown): string {
  const text = message((error instanceof Error ? error.message : String(error)).split('\n')[0]);
  if (error instanceof SrpError) return `srp: ${text}`;
  return `srp: internal error: ${text} (a bug in srp; SRP_DEBUG=1 shows where)`;
}
