/**
 * The commander wiring: each command, its options and examples, and the help. A command's action
 * hands its files and flags to `execute`, which hands back the exit code.
 */
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { DESIGNS } from '../commands/context.js';
import { COMMAND_FORMATS } from '../report/index.js';
import { message } from '../report/safe.js';
import { execute, type Terminal } from './execute.js';
import type { CommandName, Flags } from './settings.js';

const VERSION = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version as string;

interface CommandDef {
  name: CommandName;
  summary: string;
  examples: string[];
  options?: (c: Command) => void;
}

/** --engine: srp's own reader (the default, with its row accounting for messy exports) or embedded DuckDB (big files, Parquet, DuckDB files). */
const ENGINE = () =>
  new Option('--engine <engine>', 'who reads the file: own (default: every row accounted, file, line and reason) or duckdb (every core; also Parquet and DuckDB files)').choices([
    'own',
    'duckdb',
  ]);

const COMMANDS: CommandDef[] = [
  {
    name: 'score',
    summary: 'one row per case: factors, probability of the paradox, verdict, drivers, observed outcome',
    examples: [
      'srp score data/sample-incidents.csv',
      'srp score --format ndjson tickets.csv | head',
      'srp score --map data/mappings/customer-support-tickets.json --format csv -o scored.csv export.csv',
    ],
    options: (c) =>
      c
        .option('--threshold <p>', 'probability at which the verdict becomes "paradox likely"', '0.5')
        .option('--keep <columns>', 'columns of the input to pass through to every format, comma-separated (to join the scores back)')
        .addOption(ENGINE()),
  },
  {
    name: 'report',
    summary: 'the aggregate: counts, predicted vs observed paradox rate, calibration, Magnini conditions, segments, periods',
    examples: [
      'srp report data/sample-incidents.csv',
      'srp report --format html -o report.html --period week data/sample-incidents.csv',
      'srp report --by channel --period week data/sample-incidents.csv',
      'srp report --format markdown --fail-if "observed.rate < 0.2" weekly.csv >> "$GITHUB_STEP_SUMMARY"',
    ],
    options: (c) =>
      c
        .option('--threshold <p>', 'probability at which a case counts as "paradox likely"', '0.5')
        .option('--by <column>', 'segment the report by this column (any column of the input)')
        .addOption(new Option('--period <unit>', 'trend over the date column').choices(['week', 'month']))
        .addOption(ENGINE())
        .addOption(
          new Option('--threads <n>', 'threads reading one file: 1, or 2 (default: 2 from 128 MiB, where the second saves more time than it costs CPU time)').choices(['1', '2']),
        ),
  },
  {
    name: 'test',
    summary: 'research statistics: paired or Welch t, Wilcoxon, effect sizes, paradox rate, McNemar or prop.test, moderators, logistic regression (as R)',
    examples: [
      'srp test data/sample-incidents.csv',
      'srp test --design between --format json study.csv',
      'srp test --alternative greater --conf-level 0.9 pre-post.csv',
    ],
    options: (c) =>
      c
        .addOption(new Option('--alternative <h1>', 'alternative hypothesis').choices(['two-sided', 'greater', 'less']).default('two-sided'))
        .option('--conf-level <level>', 'confidence level of intervals', '0.95')
        .addOption(
          new Option('--exact <when>', 'rank tests: exact where n < 50 without ties (auto, as R), or the normal approximation (false)').choices([
            'auto',
            'false',
          ]),
        )
        .option('--equivalence <delta>', 'add two one-sided tests (TOST): is the change (within) or difference (between) within ±delta scale points?'),
  },
  {
    name: 'fit',
    summary: 'fit the logistic model on cases with an observed outcome; cross-validated AUC, Brier, log loss; -o writes a model file',
    examples: [
      'srp fit data/sample-incidents.csv',
      'srp fit -o model.json history.csv && srp report --model model.json this-week.csv',
      'srp fit --folds 10 --seed 7 --format json history.csv',
    ],
    options: (c) => c.option('--folds <k>', 'folds for cross-validation', '5').option('--seed <n>', 'seed for the folds', '1'),
  },
  {
    name: 'meta',
    summary: 'pool the paradox across studies (files, a study column, or srp test JSON): random effects as metafor, forest plot, meta-regression',
    examples: [
      'srp meta study-1.csv study-2.csv study-3.csv',
      'srp meta --format html -o forest.html studies/*.csv',
      'srp meta --method dl --by year --studies studies.csv studies/*.csv',
      'srp meta --study site pooled-long.csv',
    ],
    options: (c) =>
      c
        .addOption(new Option('--method <method>', 'between-study variance: REML (as metafor) or DerSimonian–Laird').choices(['reml', 'dl']).default('reml'))
        .option('--conf-level <level>', 'confidence level of intervals', '0.95')
        .option('--study <column>', "a long file's column naming each row's study (default: a column named study)")
        .option('--by <column>', 'meta-regression on one moderator: design, or a column of --studies')
        .option('--studies <file>', 'a CSV with a study column (file names) and moderator columns'),
  },
  {
    name: 'sql',
    summary: "the scoring query for the model and mapping, in DuckDB, PostgreSQL or Spark SQL (a file gives the export's header)",
    examples: [
      'srp sql --dialect postgres --table tickets --map data/mappings/zendesk-tickets.json',
      'srp sql --dialect duckdb --table "read_parquet(\'tickets.parquet\')" data/sample-incidents.csv',
      'srp sql --query report --by team --period month data/sample-incidents.csv',
    ],
    options: (c) =>
      c
        .addOption(new Option('--dialect <name>', 'the SQL dialect').choices(['duckdb', 'postgres', 'spark']).default('duckdb'))
        .option('--table <name>', 'the table the export is in (a name or a table expression)', 'export')
        .option('--threshold <p>', 'probability at which the verdict becomes "paradox likely"', '0.5')
        .addOption(new Option('--query <query>', 'the query text output writes: score (one row per case) or report (the aggregates as sums)').choices(['score', 'report']))
        .option('--by <column>', 'the report query: also by this column')
        .addOption(new Option('--period <unit>', 'the report query: also by week or month of the date column').choices(['week', 'month'])),
  },
  {
    name: 'validate',
    summary: 'read and map the input, list every problem (file, line, column, value, why) without scoring',
    examples: [
      'srp validate data/sample-incidents.csv',
      'srp validate --map data/mappings/airline-passenger-satisfaction.json airline.csv',
      'srp validate --format json --rejects rejects.csv export.csv',
    ],
  },
];

function addCommon(c: Command, def: CommandDef): Command {
  c.argument('[files...]', 'CSV files to read as one data set; - or none reads standard input')
    .option('--map <file>', "mapping file: how the export's columns become the canonical ones")
    .option('--model <file>', 'model file (srp.model/1, or the srp.fit/1 output of srp fit)')
    .addOption(new Option('--format <format>', 'output format (default: text, or the one -o FILE\'s extension names: .html, .json, .md, .csv, .ndjson)').choices(COMMAND_FORMATS[def.name]))
    .option('-o, --output <file>', 'write to this file (atomically) instead of standard output')
    .option('--delimiter <char>', 'field delimiter (default: sniffed from , ; tab |)')
    .option('--encoding <name>', 'utf-8, utf-16le, utf-16be or latin1/windows-1252 (default: sniffed)')
    .option('--decimal <char>', "decimal mark: ',' or '.' (default: ',' when the delimiter is ';')")
    .option('--date-format <order>', 'iso, dmy (day-first) or mdy (month-first) for ambiguous dates')
    .option('--scale <min,max>', 'satisfaction scale, for example 1,5 (default: inferred)')
    .option('--binary', 'read satisfaction as satisfied (1) or not (0), even where it holds numbers')
    .option('--missing <list>', 'texts that mean "no value", comma-separated (default: ? N/A n/a NA #N/A - null NULL)')
    .addOption(new Option('--collapse <row>', 'event logs: keep one row per case_id, the first or the last').choices(['first', 'last']))
    .option('--collapse-order <column>', 'with --collapse: the column (a date or number) that orders the rows of a case (default: input order)')
    .option('--strict', 'any rejected row is an error (exit 3)')
    .option('--rejects <file>', 'write rejected rows, with the reason, to this CSV file')
    .option('--fail-if <expr>', 'exit 1 when this condition over the result holds (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .addOption(new Option('--design <design>', 'how the input holds the baseline (default: from the columns)').choices([...DESIGNS]))
    .option('--baseline <value>', 'the baseline design: the satisfaction without a failure, on the satisfaction scale')
    .option('--quiet', 'no warnings or progress on standard error')
    .option('--no-color', 'no colour in text output (also: NO_COLOR)');
  def.options?.(c);
  c.addHelpText('after', `\nExamples:\n${def.examples.map((e) => `  $ ${e}`).join('\n')}\n`);
  return c;
}

export function program(term: Terminal, done: (code: number) => void): Command {
  const p = new Command('srp')
    .description('Predicts the service recovery paradox: whether satisfaction after a failure and its recovery ends up higher than before.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => term.stdout.write(s), writeErr: (s) => term.stderr.write(s.split('\n').map(message).join('\n')) })
    .showHelpAfterError('(run srp --help for usage)')
    .addHelpText(
      'after',
      `\nExamples:\n  $ srp report data/sample-incidents.csv\n  $ srp score --format csv -o scored.csv data/sample-incidents.csv\n  $ srp test data/sample-incidents.csv\n  $ srp validate --map data/mappings/customer-support-tickets.json tickets.csv\n\nExit codes: 0 ok, 1 a --fail-if condition held, 2 usage error, 3 input error, 4 model error.\n`,
    );
  for (const def of COMMANDS) {
    const c = addCommon(p.command(def.name).description(def.summary).exitOverride(), def);
    c.action(async (files: string[], flags: Flags) => done(await execute(def.name, files, flags, term)));
  }
  return p;
}
