/**
 * The command line: commander wiring, one checked configuration, colour level, where output
 * goes, and the exit code. The only code that touches `process`.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { exitCodeFor, messageFor, EXIT } from './exit.js';
import type { SrpError } from '../errors.js';
import { message } from '../report/safe.js';
import { colorLevel } from './color.js';
import { removeTempFiles, toFile, toStream, type Output } from './output.js';
import { removeAllSpools } from '../io/spool.js';
import { usageError } from '../errors.js';
import { formatFrom, inputsFrom, readOptionsFrom, thresholdFrom, type RawOptions } from './settings.js';
import { parseCondition, checkPaths, type Condition } from './fail-if.js';
import type { Rejection } from '../case.js';
import { progressLine } from './progress.js';

const VERSION = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version as string;

/**
 * What a command hands back: the JSON document (for --fail-if) and how to render it; `failure`, an
 * error to end with once the output is written (validate on an unusable input: the list, then exit 3).
 */
export interface Outcome {
  doc: unknown;
  render(format: string, color: 0 | 1 | 2 | 3): string | Promise<string>;
  failure?: SrpError;
}

export interface Context {
  files: string[];
  options: RawOptions;
  format: string;
  output: Output;
  color: 0 | 1 | 2 | 3;
  stdin: NodeJS.ReadStream;
  /** Standard output, for a command that writes a file with -o and shows a view too. */
  stdout: Output;
  stdoutColor: 0 | 1 | 2 | 3;
  onRejections(rs: Rejection[]): void;
  /** The input is being read again (the satisfaction scale settled): forget the rejections so far. */
  onRestart(): void;
  progress?: (done: number, total: number | undefined, rows: number) => void;
}

interface CommandDef {
  name: string;
  summary: string;
  formats: string[];
  examples: string[];
  options?: (c: Command) => void;
  run(ctx: Context): Promise<Outcome | null>;
}

const COMMANDS: CommandDef[] = [
  {
    name: 'score',
    summary: 'one row per case: factors, probability of the paradox, verdict, drivers, observed outcome',
    formats: ['text', 'json', 'ndjson', 'csv', 'markdown'],
    examples: ['srp score data/sample-incidents.csv', 'srp score --format ndjson tickets.csv | head', 'srp score --map data/mappings/customer-support-tickets.json --format csv -o scored.csv export.csv'],
    options: (c) => c.option('--threshold <p>', 'probability at which the verdict becomes "paradox likely"', '0.5'),
    run: async (ctx) => (await import('../commands/score-cli.js')).scoreCommand(ctx),
  },
  {
    name: 'report',
    summary: 'the aggregate: counts, predicted vs observed paradox rate, calibration, Magnini conditions, segments, periods',
    formats: ['text', 'json', 'markdown', 'html'],
    examples: ['srp report data/sample-incidents.csv', 'srp report --format html -o report.html --period week data/sample-incidents.csv', 'srp report --by channel --period week data/sample-incidents.csv', 'srp report --format markdown --fail-if "observed.rate < 0.2" weekly.csv >> "$GITHUB_STEP_SUMMARY"'],
    options: (c) =>
      c
        .option('--threshold <p>', 'probability at which a case counts as "paradox likely"', '0.5')
        .option('--by <column>', 'segment the report by this column (any column of the input)')
        .addOption(new Option('--period <unit>', 'trend over the date column').choices(['week', 'month'])),
    run: async (ctx) => (await import('../commands/report-cli.js')).reportCommand(ctx),
  },
  {
    name: 'test',
    summary: 'research statistics: paired or Welch t, Wilcoxon, effect sizes, paradox rate, McNemar or prop.test, moderators, logistic regression (as R)',
    formats: ['text', 'json', 'markdown'],
    examples: ['srp test ../shared/fixtures/within-500.csv', 'srp test --design between --format json study.csv', 'srp test --alternative greater --conf-level 0.9 pre-post.csv'],
    options: (c) =>
      c
        .addOption(new Option('--design <design>', 'within (pre vs post) or between (failure vs control); default from the columns').choices(['within', 'between']))
        .addOption(new Option('--alternative <h1>', 'alternative hypothesis').choices(['two-sided', 'greater', 'less']).default('two-sided'))
        .option('--conf-level <level>', 'confidence level of intervals', '0.95'),
    run: async (ctx) => (await import('../commands/test-cli.js')).testCommand(ctx),
  },
  {
    name: 'fit',
    summary: 'fit the logistic model on cases with an observed outcome; cross-validated AUC, Brier, log loss; -o writes a model file',
    formats: ['text', 'json', 'markdown'],
    examples: ['srp fit ../shared/fixtures/within-500.csv', 'srp fit -o model.json history.csv && srp report --model model.json this-week.csv', 'srp fit --folds 10 --seed 7 --format json history.csv'],
    options: (c) => c.option('--folds <k>', 'folds for cross-validation', '5').option('--seed <n>', 'seed for the folds', '1'),
    run: async (ctx) => (await import('../commands/fit-cli.js')).fitCommand(ctx),
  },
  {
    name: 'validate',
    summary: 'read and map the input, list every problem (file, line, column, value, why) without scoring',
    formats: ['text', 'json'],
    examples: ['srp validate data/sample-incidents.csv', 'srp validate --map data/mappings/airline-passenger-satisfaction.json airline.csv', 'srp validate --format json --rejects rejects.csv export.csv'],
    run: async (ctx) => (await import('../commands/validate-cli.js')).validateCommand(ctx),
  },
];

function addCommon(c: Command, def: CommandDef): Command {
  c.argument('[files...]', 'CSV files to read as one data set; - or none reads standard input')
    .option('--map <file>', 'mapping file: how the export\'s columns become the canonical ones')
    .option('--model <file>', 'model file (srp.model/1, or the srp.fit/1 output of srp fit)')
    .addOption(new Option('--format <format>', 'output format').choices(def.formats).default('text'))
    .option('-o, --output <file>', 'write to this file (atomically) instead of standard output')
    .option('--delimiter <char>', 'field delimiter (default: sniffed from , ; tab |)')
    .option('--encoding <name>', 'utf-8, utf-16le, utf-16be or latin1/windows-1252 (default: sniffed)')
    .option('--decimal <char>', "decimal mark: ',' or '.' (default: ',' when the delimiter is ';')")
    .option('--date-format <order>', 'iso, dmy (day-first) or mdy (month-first) for ambiguous dates')
    .option('--scale <min,max>', 'satisfaction scale, for example 1,5 (default: inferred)')
    .option('--binary', 'read satisfaction as satisfied (1) or not (0), even where it holds numbers')
    .option('--strict', 'any rejected row is an error (exit 3)')
    .option('--rejects <file>', 'write rejected rows, with the reason, to this CSV file')
    .option('--fail-if <expr>', 'exit 1 when this condition over the result holds (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--quiet', 'no warnings or progress on standard error')
    .option('--no-color', 'no colour in text output (also: NO_COLOR)');
  def.options?.(c);
  c.addHelpText('after', `\nExamples:\n${def.examples.map((e) => `  $ ${e}`).join('\n')}\n`);
  return c;
}

function program(io: { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream; stdin: NodeJS.ReadStream; env: NodeJS.ProcessEnv }, done: (code: number) => void): Command {
  const p = new Command('srp')
    .description('Predicts the service recovery paradox: whether satisfaction after a failure and its recovery ends up higher than before.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s.split('\n').map(message).join('\n')) })
    .showHelpAfterError('(run srp --help for usage)')
    .addHelpText('after', `\nExamples:\n  $ srp report data/sample-incidents.csv\n  $ srp score --format csv -o scored.csv data/sample-incidents.csv\n  $ srp test ../shared/fixtures/within-500.csv\n  $ srp validate --map data/mappings/customer-support-tickets.json tickets.csv\n\nExit codes: 0 ok, 1 a --fail-if condition held, 2 usage error, 3 input error, 4 model error.\n`);
  for (const def of COMMANDS) {
    const c = addCommon(p.command(def.name).description(def.summary).exitOverride(), def);
    c.action(async (files: string[], options: RawOptions) => done(await execute(def, files, options, io)));
  }
  return p;
}

async function execute(def: CommandDef, files: string[], options: RawOptions, io: Parameters<typeof program>[0]): Promise<number> {
  const format = formatFrom(options, def.formats);
  const conditions: Condition[] = (options.failIf ?? []).map(parseCondition);
  if (options.threshold !== undefined) thresholdFrom(options);
  const inputs = files.filter((f) => f !== '-');
  if (options.output !== undefined && options.output === options.rejects) throw usageError('bad_option', `-o and --rejects: both name ${options.output}`);
  const output = options.output ? toFile(options.output, '-o', inputs) : toStream(io.stdout);
  const rejectsFile = options.rejects ? toFile(options.rejects, '--rejects', inputs) : null;
  const terminalColor = format === 'text' ? colorLevel(options.color !== false, io.env, !!io.stdout.isTTY) : 0;
  const color = options.output ? 0 : terminalColor;
  const rejected: Rejection[] = [];
  const showProgress = !options.quiet && !!io.stderr.isTTY;
  const ctx: Context = {
    files,
    options,
    format,
    output,
    color,
    stdin: io.stdin,
    stdout: options.output ? toStream(io.stdout) : output,
    stdoutColor: terminalColor,
    onRejections: (rs) => {
      if (options.rejects) for (const r of rs) rejected.push(r);
    },
    onRestart: () => void (rejected.length = 0),
    progress: showProgress ? progressLine(io.stderr) : undefined,
  };
  let outcome: Outcome | null;
  try {
    outcome = await def.run(ctx);
    if (outcome) await output.write(await outcome.render(format, color));
    if (outcome) for (const c of conditions) checkPaths(c, outcome.doc);
    await output.commit();
  } catch (e) {
    await output.abort();
    throw e;
  } finally {
    ctx.progress?.(-1, undefined, 0);
    // Even when the run stops (--strict), the rejections so far are written.
    if (rejectsFile) await writeRejects(rejectsFile, rejected);
  }
  if (!options.quiet && outcome) for (const w of warningsOf(outcome.doc)) io.stderr.write(`srp: warning: ${message(w)}\n`);
  if (outcome?.failure) throw outcome.failure;
  const held = outcome ? conditions.filter((c) => c.test(outcome!.doc)) : [];
  for (const c of held) io.stderr.write(`srp: --fail-if held: ${message(c.text)}\n`);
  return held.length ? EXIT.failIf : EXIT.ok;
}

function warningsOf(doc: unknown): string[] {
  const w = (doc as { warnings?: unknown })?.warnings;
  return Array.isArray(w) ? (w as string[]) : [];
}

async function writeRejects(out: Output, rejected: Rejection[]) {
  const { csvCell } = await import('../report/safe.js');
  await out.write('file,line,column,value,code,reason\n');
  for (const r of rejected) await out.write([r.file, r.line, r.column, r.value, r.code, r.reason].map(csvCell).join(',') + '\n');
  await out.commit();
}

/** Runs `srp` with these arguments and sets the exit code; never prints a stack trace. */
export async function run(argv: string[]): Promise<void> {
  const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(EXIT.ok);
  });
  // A closed standard error (srp … 2>&- or a reader that went away) must not end the run.
  process.stderr.on('error', () => {});
  // A cancelled job (SIGINT, SIGTERM) leaves no temporary file behind.
  for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15]] as const)
    process.once(signal, () => {
      removeTempFiles();
      removeAllSpools();
      process.exit(128 + number);
    });
  let code: number = EXIT.ok;
  try {
    const p = program(io, (c) => (code = c));
    if (!argv.length) {
      p.outputHelp({ error: true });
      code = EXIT.usage;
      process.exitCode = code;
      return;
    }
    await p.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      code = e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? EXIT.ok : EXIT.usage;
    } else {
      code = exitCodeFor(e);
      io.stderr.write(messageFor(e) + '\n');
      if (code === EXIT.internal && io.env.SRP_DEBUG) io.stderr.write(String((e as Error).stack) + '\n');
    }
  }
  process.exitCode = code;
}
