/**
 * The worker thread of a parallel report: reads the second part of a large file (from a line
 * start, with the first part's header and inferences) and sends back its aggregate.
 */
import { createReadStream } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { Rejection } from '../../case.js';
import { SrpError } from '../../errors.js';
import { readCases } from '../../io/read.js';
import { READ_BYTES } from '../../io/source.js';
import { SeenIds } from '../../io/seen-ids.js';
import { emptyContextTally } from '../context.js';
import { reportFeeder } from './aggregate.js';
import type { PartJob } from './parallel.js';

async function run(job: PartJob) {
  const ids = new SeenIds();
  const rejections: Rejection[] = [];
  const stream = createReadStream(job.path, { start: job.cut.offset, highWaterMark: READ_BYTES });
  const reading = readCases([{ name: job.path, stream, continuation: { header: job.plan.header, line: job.cut.line } }], {
    ...job.read,
    delimiter: job.plan.delimiter,
    decimal: job.plan.decimal,
    encoding: job.plan.encoding,
    pinned: job.plan.pinned,
    ids,
    finish: false,
  });
  const tally = emptyContextTally();
  const feeder = reportFeeder(job.model, job.builder, tally);
  for await (const batch of reading.batches) {
    feeder.batch(batch);
    rejections.push(...batch.rejections);
  }
  return { snapshot: feeder.builder.snapshot(), tally, summary: reading.summary, ids: ids.export(), rejections };
}

// The thread starts before its job is known (booting overlaps the first part); the job follows.
parentPort!.once('message', (job: PartJob) => run(job).then(
  // The large typed arrays are moved to the other thread, not copied.
  (result) => {
    const { ids, snapshot } = result;
    const run = [ids.run.first.buffer, ids.run.line.buffer, ids.run.count.buffer, ids.run.file.buffer];
    const moved = [ids.table.buffer, ...run, snapshot.sorted.pos.buffer, snapshot.sorted.neg.buffer];
    parentPort!.postMessage({ result }, moved as ArrayBuffer[]);
  },
  (e) => parentPort!.postMessage({ error: { kind: e instanceof SrpError ? e.kind : null, code: e instanceof SrpError ? e.code : null, message: e instanceof Error ? e.message : String(e) } }),
));
