import type { Context, Outcome } from '../cli/main.js';
import { thresholdFrom } from '../cli/settings.js';
import { scoreWriter } from '../report/score-writers.js';
import { makeStyle } from '../report/style.js';
import { commandInputs } from './context.js';
import { scoreCases } from './score.js';

/** Writes as it reads; the outcome's document is the accounting, for --fail-if. */
export async function scoreCommand(ctx: Context): Promise<Outcome> {
  const { inputs, read, model } = commandInputs(ctx);
  const threshold = thresholdFrom(ctx.options);
  const writer = scoreWriter(ctx.format, model, threshold, makeStyle(ctx.color));
  await ctx.output.write(writer.begin());
  const end = await scoreCases(inputs, read, model, threshold, async (scored) => {
    let text = '';
    for (const [c, p] of scored) text += writer.write(c, p);
    await ctx.output.write(text);
  });
  await ctx.output.write(writer.end(end));
  const doc = { schema: 'srp.score/1', input: end.input, assumed: end.assumed, predicted: { mean_probability: end.mean_probability, likely: end.likely }, warnings: end.warnings };
  return { doc, render: () => '' };
}
