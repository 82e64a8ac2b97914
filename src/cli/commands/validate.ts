/** `srp validate` from the command line: the list of problems, then exit 3 when no row was accepted. */
import { validate } from '../../commands/validate.js';
import { inputError } from '../../errors.js';
import type { ValidateSettings } from '../settings.js';
import { reading, type CommandIO, type Outcome } from './context.js';

export async function validateCommand(s: ValidateSettings, io: CommandIO): Promise<Outcome> {
  const doc = await validate(s.inputs, reading(s.read, io), s.model, { design: s.design, baseline: s.baseline });
  return { doc, failure: doc.unusable ? inputError('nothing_accepted', doc.unusable) : undefined };
}
