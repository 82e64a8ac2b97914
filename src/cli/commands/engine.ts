/** `--engine duckdb`: the reading options with DuckDB's file reader, and the engine to close after the run. */
import type { ReadOptions } from '../../io/read.js';
import type { Model } from '../../model/model.js';
import type { Engine } from '../settings.js';

/** Runs `run` with the read options of the engine asked for (DuckDB is loaded only here). */
export async function withEngine<T>(engine: Engine, read: ReadOptions, model: Model, run: (read: ReadOptions) => Promise<T>): Promise<T> {
  if (engine === 'own') return run(read);
  const { openDuckdb } = await import('../../engine/duckdb.js');
  const duckdb = await openDuckdb(model);
  try {
    return await run({ ...read, fileReader: duckdb.fileReader });
  } finally {
    duckdb.close();
  }
}
