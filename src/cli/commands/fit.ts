/** `srp fit` from the command line: `-o FILE` always receives the srp.fit/1 JSON (a model file); standard output shows the chosen format. */
import { fitModel } from '../../commands/fit.js';
import { rendererFor } from '../../report/index.js';
import { toJson } from '../../report/json.js';
import type { FitSettings } from '../settings.js';
import { reading, type CommandIO, type Outcome } from './context.js';

export async function fitCommand(s: FitSettings, io: CommandIO): Promise<Outcome> {
  const doc = await fitModel(s.inputs, reading(s.read, io), s.model, { folds: s.folds, seed: s.seed, design: s.design, baseline: s.baseline });
  if (!s.output) return { doc };
  await io.stdout.write(await (await rendererFor(s.format)).render!(doc, io.stdoutStyle));
  await io.output.write(toJson(doc));
  return { doc, written: true };
}
