/** `srp report` from the command line. */
import { report } from '../../commands/report/index.js';
import type { ReportSettings } from '../settings.js';
import { reading, type CommandIO, type Outcome } from './context.js';

export async function reportCommand(s: ReportSettings, io: CommandIO): Promise<Outcome> {
  return { doc: await report(s.inputs, reading(s.read, io), s.model, { threshold: s.threshold, by: s.by, period: s.period, design: s.design, baseline: s.baseline }) };
}
