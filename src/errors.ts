/**
 * Errors a user can act on. Each kind maps to one documented exit code (SPEC §7),
 * decided in one place: src/cli/exit.ts.
 */
export type ErrorKind = 'usage' | 'input' | 'model';

export class SrpError extends Error {
  constructor(readonly kind: ErrorKind, message: string) {
    super(message);
    this.name = 'SrpError';
  }
}

export const usageError = (message: string) => new SrpError('usage', message);
export const inputError = (message: string) => new SrpError('input', message);
export const modelError = (message: string) => new SrpError('model', message);
