import type { Context, Outcome } from '../cli/main.js';
import { thresholdFrom } from '../cli/settings.js';
import { toJson } from '../report/json.js';
import { makeStyle } from '../report/style.js';
import { reportMarkdown, reportText } from '../report/text/report.js';
import type { Period } from '../report/periods.js';
import { commandInputs } from './context.js';
import { report } from './report.js';

export async function reportCommand(ctx: Context): Promise<Outcome> {
  const { inputs, read, model } = commandInputs(ctx);
  const doc = await report(inputs, read, model, { threshold: thresholdFrom(ctx.options), by: ctx.options.by, period: ctx.options.period as Period | undefined });
  return {
    doc,
    render: (format, color) => (format === 'json' ? toJson(doc) : format === 'markdown' ? reportMarkdown(doc) : reportText(doc, makeStyle(color))),
  };
}
