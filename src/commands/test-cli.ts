import type { Context, Outcome } from '../cli/main.js';
import { usageError } from '../errors.js';
import { toJson } from '../report/json.js';
import { makeStyle } from '../report/style.js';
import { testMarkdown, testText } from '../report/text/research.js';
import type { Alternative } from '../stats/alternative.js';
import { commandInputs } from './context.js';
import { researchTest, type Design } from './test.js';

export async function testCommand(ctx: Context): Promise<Outcome> {
  const { inputs, read, model } = commandInputs(ctx);
  const confLevel = Number(ctx.options.confLevel ?? 0.95);
  if (!(confLevel > 0 && confLevel < 1)) throw usageError('bad_option', `--conf-level: '${ctx.options.confLevel}' is not a number between 0 and 1`);
  const doc = await researchTest(inputs, read, model, {
    design: ctx.options.design as Design | undefined,
    alternative: (ctx.options.alternative as Alternative | undefined) ?? 'two-sided',
    confLevel,
  });
  return { doc, render: (format, color) => (format === 'json' ? toJson(doc) : format === 'markdown' ? testMarkdown(doc) : testText(doc, makeStyle(color))) };
}
