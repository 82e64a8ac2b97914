import type { Context, Outcome } from '../cli/main.js';
import { inputError } from '../errors.js';
import { toJson } from '../report/json.js';
import { makeStyle } from '../report/style.js';
import { validateText } from '../report/text/validate.js';
import { commandInputs } from './context.js';
import { validate } from './validate.js';

export async function validateCommand(ctx: Context): Promise<Outcome> {
  const { inputs, read, model } = commandInputs(ctx);
  const result = await validate(inputs, read, model);
  return {
    doc: result,
    render: (format, color) => (format === 'json' ? toJson(result) : validateText(result, makeStyle(color))),
    failure: result.unusable ? inputError('nothing_accepted', result.unusable) : undefined,
  };
}
