/**
 * A report over a large file read by two threads at once (SPEC §8: both cores): this thread
 * reads up to a cut at a line start outside quotes, a worker reads the rest with the same header
 * and inferences, and the two aggregates are merged. Every row is still accounted for with its
 * physical line. Where the first part holds a broken quote, the cut cannot be trusted, and the
 * caller reads the file in one pass instead.
 */
import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Rejection } from '../../case.js';
import { SrpError, type ErrorCode } from '../../errors.js';
import { sniffEncoding } from '../../io/encoding.js';
import { finishSummary, mergeSummaries, readCases, type FilePlanInfo, type ReadOptions, type ReadSummary } from '../../io/read.js';
import { SeenIds } from '../../io/seen-ids.js';
import { findCut, type Cut } from '../../io/split.js';
import { READ_BYTES, type Input } from '../../io/source.js';
import type { Model } from '../../model/model.js';
import type { Batch } from '../../io/read.js';
import { addContextTally, type ContextTally, type InputContext } from '../context.js';
import { reportFeeder, type BuilderOptions, type ReportBuilder, type ReportDoc } from './aggregate.js';

/**
 * From this size a single file is read by two threads. A second thread costs CPU time as well as
 * saving wall time: it starts, loads and compiles srp again, and the two share memory bandwidth.
 * Measured on canonical files (bench/make-data.js, 2 cores): at 50 MB it saved 0.11 s (12%) of the
 * wall time for 23% more CPU time; at 100 MB 23% for 20%; at 200 MB 31% for 15%, and there it
 * used about pandas' CPU time. Below, one thread, at about pandas' CPU cost or less (SPEC §8).
 */
export const PARALLEL_MIN_BYTES = 128 << 20;
/** The share of the file this thread reads; measured on 1,000,000 rows to finish with the worker (which starts later and reads more slowly, but neither sets up nor merges). */
const FIRST_SHARE = 0.54;

export interface PartJob {
  path: string;
  cut: Cut;
  plan: FilePlanInfo;
  read: ReadOptions;
  model: Model;
  builder: BuilderOptions;
}

interface PartResult {
  snapshot: ReturnType<ReportBuilder['snapshot']>;
  tally: ContextTally;
  summary: ReadSummary;
  ids: ReturnType<SeenIds['export']>;
  rejections: Rejection[];
}

/**
 * One reading of the report (a `Pass`, context.ts), or null when this input is not one to read in
 * parallel. `summary.rescale` set means the satisfaction scale must be settled by reading again.
 */
export async function reportInParallel(
  inputs: Input[],
  read: ReadOptions,
  model: Model,
  options: Omit<BuilderOptions, 'context'>,
  contextFor: (first: Batch) => InputContext,
  tally: ContextTally,
  minBytes = PARALLEL_MIN_BYTES,
): Promise<{ result: ReportDoc | null; summary: ReadSummary } | null> {
  const path = inputs.length === 1 && typeof inputs[0] === 'string' ? inputs[0] : null;
  // Collapsing and history need every case at once (a derivation the header implies is seen in the plan, below).
  if (!path || read.strict || read.collapse || read.mapping?.columns.prior_failures?.derive || read.mapping?.columns.pre_satisfaction?.derive) return null;
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return null;
    size = stat.size;
  } catch {
    return null;
  }
  if (size < minBytes) return null;
  const encoding = read.encoding ?? sniffEncoding(head(path), path);
  if (encoding !== 'utf-8' && encoding !== 'windows-1252') return null;
  const part = startPart(); // booting the thread overlaps the search for the cut
  const cut = findCut(path, size, FIRST_SHARE);
  if (!cut) {
    part.stop();
    return null;
  }

  const ids = new SeenIds();
  const held: Rejection[] = [];
  let plan: FilePlanInfo | undefined;
  const { onRejections, progress, onPlan } = read;
  // The worker gets the options as data: the callbacks stay with this thread.
  const plainRead = Object.fromEntries(Object.entries(read).filter(([, v]) => typeof v !== 'function')) as ReadOptions;
  // `size` is the whole file's, so progress and the id table's size cover both parts.
  const reading = readCases([{ name: path, stream: createReadStream(path, { end: cut.offset - 1, highWaterMark: READ_BYTES }), size }], {
    ...read,
    encoding,
    ids,
    finish: false,
    onRejections: (rs) => held.push(...rs),
    // This thread reads about FIRST_SHARE of the file; the worker keeps pace with it.
    progress: progress && ((done, _total, rows) => progress(done / FIRST_SHARE, size, rows / FIRST_SHARE)),
    onPlan: (p) => {
      plan = p;
      onPlan?.(p);
    },
  });
  let feeder: ReturnType<typeof reportFeeder> | null = null;
  try {
    for await (const batch of reading.batches) {
      if (plan?.derives) {
        part.stop();
        return null;
      }
      if (!feeder) {
        const builder = { ...options, context: contextFor(batch) };
        feeder = reportFeeder(model, builder, tally);
        part.send({ path, cut, plan: plan!, read: plainRead, model, builder });
      }
      feeder.batch(batch);
    }
  } catch (e) {
    part.stop();
    throw e;
  }
  // A broken quote before the cut may mean the cut fell inside a quoted field: read in one pass.
  if (held.some((r) => QUOTE_TROUBLE.has(r.code))) {
    part.stop();
    return null;
  }
  if (!feeder) {
    part.stop();
    return null;
  }
  const { builder } = feeder;
  builder.presort();
  const second = await part.result;
  onRejections?.(held);
  onRejections?.(second.rejections);
  builder.merge(second.snapshot);
  addContextTally(tally, second.tally);
  const summary = mergeSummaries(reading.summary, second.summary);
  ids.absorb(second.ids);
  finishSummary(summary, ids, read);
  return { result: summary.rescale ? null : builder.build(summary), summary };
}

const QUOTE_TROUBLE = new Set(['unclosed_quote', 'stray_quote', 'record_too_long']);

function head(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(256 * 1024);
    return buf.subarray(0, readSync(fd, buf, 0, buf.length, 0));
  } finally {
    closeSync(fd);
  }
}

/** The worker thread, started at once; `send` gives it its job, `result` is what it found. */
function startPart() {
  const worker = new Worker(new URL('./worker.js', import.meta.url));
  const result = new Promise<PartResult>((resolve, reject) => {
    worker.once('message', (m: { result?: PartResult; error?: { kind: SrpError['kind'] | null; code: ErrorCode; message: string } }) => {
      if (m.result) resolve(m.result);
      else reject(m.error!.kind ? new SrpError(m.error!.kind, m.error!.code, m.error!.message) : new Error(m.error!.message));
      void worker.terminate();
    });
    worker.once('error', reject);
    // A thread that ends without a word (killed, out of memory) must not leave the report waiting.
    worker.once('exit', (code) => reject(new Error(`the second reading thread stopped (exit code ${code}) before sending its part`)));
  });
  result.catch(() => {});
  return { send: (job: PartJob) => worker.postMessage(job), result, stop: () => void worker.terminate() };
}

