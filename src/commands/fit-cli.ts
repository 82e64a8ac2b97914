import type { Context, Outcome } from '../cli/main.js';
import { usageError } from '../errors.js';
import { toJson } from '../report/json.js';
import { makeStyle } from '../report/style.js';
import { fitMarkdown, fitText } from '../report/text/research.js';
import { commandInputs } from './context.js';
import { fitModel } from './fit.js';

/** `-o FILE` always receives the srp.fit/1 JSON (a model file); stdout shows the chosen format. */
export async function fitCommand(ctx: Context): Promise<Outcome> {
  const { inputs, read, model } = commandInputs(ctx);
  const folds = Number(ctx.options.folds ?? 5);
  const seed = Number(ctx.options.seed ?? 1);
  if (!Number.isInteger(folds) || folds < 2 || folds > 50) throw usageError('bad_option', `--folds: '${ctx.options.folds}' is not a whole number from 2 to 50`);
  if (!Number.isInteger(seed)) throw usageError('bad_option', `--seed: '${ctx.options.seed}' is not a whole number`);
  const doc = await fitModel(inputs, read, model, { folds, seed });
  const view = (format: string, color: 0 | 1 | 2 | 3) => (format === 'json' ? toJson(doc) : format === 'markdown' ? fitMarkdown(doc) : fitText(doc, makeStyle(color)));
  if (ctx.options.output) {
    await ctx.stdout.write(view(ctx.format, ctx.stdoutColor));
    return { doc, render: () => toJson(doc) };
  }
  return { doc, render: view };
}
