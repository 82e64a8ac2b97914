/** `srp test` from the command line. */
import { researchTest } from '../../commands/test/index.js';
import type { TestSettings } from '../settings.js';
import { reading, type CommandIO, type Outcome } from './context.js';

export async function testCommand(s: TestSettings, io: CommandIO): Promise<Outcome> {
  return {
    doc: await researchTest(s.inputs, reading(s.read, io), s.model, {
      design: s.design,
      baseline: s.baseline,
      alternative: s.alternative,
      confLevel: s.confLevel,
      exact: s.exact,
      equivalence: s.equivalence,
    }),
  };
}
