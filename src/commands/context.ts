/** What every command needs from the command line: inputs, read options, the model. */
import type { Context } from '../cli/main.js';
import { inputsFrom, readOptionsFrom } from '../cli/settings.js';
import type { ReadOptions } from '../io/read.js';
import type { Input } from '../io/source.js';
import { loadModel, type Model } from '../model/model.js';

export function commandInputs(ctx: Context): { inputs: Input[]; read: ReadOptions; model: Model } {
  const read = readOptionsFrom(ctx.options);
  read.progress = ctx.progress;
  read.onRejections = ctx.onRejections;
  read.onRestart = ctx.onRestart;
  return { inputs: inputsFrom(ctx.files, ctx.stdin), read, model: loadModel(ctx.options.model) };
}
