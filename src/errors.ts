/**
 * Errors a user can act on. Each kind maps to one documented exit code (SPEC §7), decided in one
 * place (src/cli/exit.ts); each error also carries a stable `code` (SPEC §4), so callers, and srp
 * itself, switch on codes, never on wording.
 */
export type ErrorKind = 'usage' | 'input' | 'model';

export type ErrorCode =
  // usage (exit 2): what the user typed or wrote in a mapping
  | 'bad_option'
  | 'bad_expression'
  | 'bad_mapping'
  | 'bad_output'
  | 'not_expressible'
  // input (exit 3): the data, or where it is
  | 'not_found'
  | 'unreadable'
  | 'empty_input'
  | 'binary_input'
  | 'no_rows'
  | 'nothing_accepted'
  | 'no_needed_columns'
  | 'missing_column'
  | 'strict_rejection'
  | 'too_few_cases'
  | 'no_baseline'
  | 'write_failed'
  // model (exit 4)
  | 'bad_model'
  | 'cannot_fit';

export class SrpError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SrpError';
  }
}

export const usageError = (code: ErrorCode, message: string) => new SrpError('usage', code, message);
export const inputError = (code: ErrorCode, message: string) => new SrpError('input', code, message);
export const modelError = (code: ErrorCode, message: string) => new SrpError('model', code, message);
