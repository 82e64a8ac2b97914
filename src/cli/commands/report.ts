/** `srp report` from the command line. */
import { report } from '../../commands/report/index.js';
import type { ReportSettings } from '../settings.js';
import { reading, type CommandIO, type Outcome } from './context.js';
import { withEngine } from './engine.js';

export async function reportCommand(s: ReportSettings, io: CommandIO): Promise<Outcome> {
  // --threads 2: a single file in two parts whatever its size; 1: in one.
  const parallel = s.threads === undefined ? undefined : s.threads === 2 ? 0 : false;
  const options = { threshold: s.threshold, by: s.by, period: s.period, design: s.design, baseline: s.baseline, parallel };
  return { doc: await withEngine(s.engine, reading(s.read, io), s.model, (read) => report(s.inputs, read, s.model, options)) };
}
