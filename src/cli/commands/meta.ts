/** `srp meta` from the command line. */
import { metaAnalysis } from '../../commands/meta.js';
import type { MetaSettings } from '../settings.js';
import { reading, type CommandIO, type Outcome } from './context.js';

export async function metaCommand(s: MetaSettings, io: CommandIO): Promise<Outcome> {
  return {
    doc: await metaAnalysis(s.files, s.inputs, reading(s.read, io), s.model, {
      design: s.design,
      baseline: s.baseline,
      method: s.method,
      confLevel: s.confLevel,
      study: s.study,
      by: s.by,
      studies: s.studies,
    }),
  };
}
