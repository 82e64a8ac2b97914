/**
 * The command line's entry: the only code that touches `process`. Parses the arguments, runs the
 * command, and turns what happened into the exit code in one place (exit.ts); never a stack trace.
 */
import { CommanderError } from 'commander';
import { removeAllSpools } from '../io/spool.js';
import { EXIT, exitCodeFor, messageFor } from './exit.js';
import { removeTempFiles } from './output.js';
import { program } from './program.js';

/** Runs `srp` with these arguments and sets the exit code. */
export async function run(argv: string[]): Promise<void> {
  const term = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
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
    const p = program(term, (c) => (code = c));
    if (!argv.length) {
      p.outputHelp({ error: true });
      process.exitCode = EXIT.usage;
      return;
    }
    await p.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      code = e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? EXIT.ok : EXIT.usage;
    } else {
      code = exitCodeFor(e);
      term.stderr.write(messageFor(e) + '\n');
      if (code === EXIT.internal && term.env.SRP_DEBUG) term.stderr.write(String((e as Error).stack) + '\n');
    }
  }
  process.exitCode = code;
}
