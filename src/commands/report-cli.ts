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
    render: async (format, color) => {
      if (format === 'html') return (await import('../report/html/page.js')).reportHtml(doc);
      return format === 'json' ? toJson(doc) : format === 'markdown' ? reportMarkdown(doc) : reportText(doc, makeStyle(color));
    },
  };
}
