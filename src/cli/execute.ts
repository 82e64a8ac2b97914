/**
 * One command run: settings checked first, outputs prepared (checked before anything is read),
 * the command's adapter run, the document rendered by its format's renderer, --rejects written,
 * warnings shown on standard error, --fail-if decided. Returns the exit code (SPEC §7).
 */
import type { Rejection } from '../case.js';
import { usageError } from '../errors.js';
import { rendererFor } from '../report/index.js';
import { message } from '../report/safe.js';
import { makeStyle } from '../report/style.js';
import { colorLevel } from './color.js';
import type { CommandIO, Outcome } from './commands/context.js';
import { EXIT } from './exit.js';
import { checkPaths } from './fail-if.js';
import { toFile, toStream, type Output } from './output.js';
import { progressLine } from './progress.js';
import { settingsFor, type CommandName, type Flags, type Settings } from './settings.js';

/** The process's streams and environment, as the CLI sees them. */
export interface Terminal {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  env: NodeJS.ProcessEnv;
}

const ADAPTERS: { [C in CommandName]: () => Promise<(s: Extract<Settings, { command: C }>, io: CommandIO) => Promise<Outcome>> } = {
  score: async () => (await import('./commands/score.js')).scoreCommand,
  report: async () => (await import('./commands/report.js')).reportCommand,
  test: async () => (await import('./commands/test.js')).testCommand,
  fit: async () => (await import('./commands/fit.js')).fitCommand,
  validate: async () => (await import('./commands/validate.js')).validateCommand,
  meta: async () => (await import('./commands/meta.js')).metaCommand,
  sql: async () => (await import('./commands/sql.js')).sqlCommand,
};

export async function execute(command: CommandName, files: string[], flags: Flags, term: Terminal): Promise<number> {
  const s = settingsFor(command, files, flags, term.stdin);
  // Every file the run reads: the data, the mapping, the model, a studies table (none may be overwritten by -o or --rejects).
  const inputs = [
    ...s.files.filter((f) => f !== '-'),
    ...[flags.map, flags.model, 'studies' in s ? s.studies : undefined].filter((f): f is string => f !== undefined),
  ];
  if (s.output !== undefined && s.output === s.rejects) throw usageError('bad_option', `-o and --rejects: both name ${s.output}`);
  const output = s.output ? toFile(s.output, '-o', inputs) : toStream(term.stdout);
  const rejectsFile = s.rejects ? toFile(s.rejects, '--rejects', inputs) : null;
  const terminalColor = s.format === 'text' ? colorLevel(s.color, term.env, !!term.stdout.isTTY) : 0;
  const rejected: Rejection[] = [];
  const io: CommandIO = {
    output,
    stdout: s.output ? toStream(term.stdout) : output,
    style: makeStyle(s.output ? 0 : terminalColor),
    stdoutStyle: makeStyle(terminalColor),
    onRejections: (rs) => {
      if (rejectsFile) for (const r of rs) rejected.push(r);
    },
    onRestart: () => void (rejected.length = 0),
    progress: !s.quiet && term.stderr.isTTY ? progressLine(term.stderr) : undefined,
  };
  let outcome: Outcome;
  try {
    outcome = await (await ADAPTERS[command]())(s as never, io);
    // A --fail-if naming no field of the result is a usage error before anything is written (score has streamed already).
    for (const c of s.conditions) checkPaths(c, outcome.doc);
    if (!outcome.written) await output.write(await (await rendererFor(s.format)).render!(outcome.doc as never, io.style));
    await output.commit();
  } catch (e) {
    await output.abort();
    throw e;
  } finally {
    io.progress?.(-1, undefined, 0);
    // Even when the run stops (--strict), the rejections so far are written.
    if (rejectsFile) await writeRejects(rejectsFile, rejected);
  }
  if (!s.quiet) for (const w of outcome.doc.warnings) term.stderr.write(`srp: warning: ${message(w)}\n`);
  if (outcome.failure) throw outcome.failure;
  const held = s.conditions.filter((c) => c.test(outcome.doc));
  for (const c of held) term.stderr.write(`srp: --fail-if held: ${message(c.text)}\n`);
  return held.length ? EXIT.failIf : EXIT.ok;
}

async function writeRejects(out: Output, rejected: Rejection[]) {
  const { csvCell } = await import('../report/safe.js');
  await out.write('file,line,column,value,code,reason\n');
  for (const r of rejected) await out.write([r.file, r.line, r.column, r.value, r.code, r.reason].map(csvCell).join(',') + '\n');
  await out.commit();
}
