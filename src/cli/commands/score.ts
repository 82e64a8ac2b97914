/** `srp score` from the command line: cases written as they are read, in the chosen format. */
import { scoreCases } from '../../commands/score.js';
import { rendererFor } from '../../report/index.js';
import type { ScoreWriter } from '../../report/score/record.js';
import type { ScoreSettings } from '../settings.js';
import { reading, type CommandIO, type Outcome } from './context.js';
import { withEngine } from './engine.js';

export async function scoreCommand(s: ScoreSettings, io: CommandIO): Promise<Outcome> {
  const renderer = await rendererFor(s.format);
  let writer: ScoreWriter | null = null;
  const end = await withEngine(s.engine, reading(s.read, io), s.model, (read) =>
    scoreCases(
      s.inputs,
      read,
      s.model,
      s.threshold,
      { design: s.design, baseline: s.baseline },
      async (context) => {
        writer = renderer.scoreWriter!({ model: s.model, threshold: s.threshold, style: io.style, context, keep: s.keep });
        await io.output.write(writer.begin());
      },
      async (scored) => {
        let text = '';
        for (const [c, p] of scored) text += writer!.write(c, p);
        await io.output.write(text);
      },
    ),
  );
  await io.output.write(writer!.end(end));
  return {
    doc: {
      schema: 'srp.score/1',
      input: end.input,
      assumed: end.assumed,
      predicted: { mean_probability: end.mean_probability, likely: end.likely, undetermined: end.undetermined },
      warnings: end.warnings,
    },
    written: true,
  };
}
