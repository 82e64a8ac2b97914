/** What an adapter gets besides its settings: where output goes, colour, and the reading callbacks. */
import type { Rejection } from '../../case.js';
import type { ReadOptions } from '../../io/read.js';
import type { SrpError } from '../../errors.js';
import type { Doc } from '../../report/index.js';
import type { Style } from '../../report/style.js';
import type { Output } from '../output.js';

export interface CommandIO {
  /** Where the result goes (-o, or standard output). */
  output: Output;
  /** Standard output, for a command that writes a file with -o and shows a view too (fit). */
  stdout: Output;
  /** Colour for `output`, and for standard output. */
  style: Style;
  stdoutStyle: Style;
  onRejections(rs: Rejection[]): void;
  onRestart(): void;
  progress?: ReadOptions['progress'];
}

/** What an adapter hands back: the document (for --fail-if), whether it already wrote it, and an error to end with once it is out. */
export interface Outcome {
  doc: Doc | ScoreSummary;
  written?: boolean;
  failure?: SrpError;
}

/** `srp score`'s closing numbers, as --fail-if reads them. */
export interface ScoreSummary {
  schema: 'srp.score/1';
  input: { rows: number; accepted: number; rejected: number };
  assumed: Record<string, number>;
  predicted: { mean_probability: number | null; likely: number; undetermined: number };
  warnings: string[];
}

/** The settings' read options, with the callbacks this run reports through. */
export const reading = (read: ReadOptions, io: CommandIO): ReadOptions => ({ ...read, progress: io.progress, onRejections: io.onRejections, onRestart: io.onRestart });
