/** `srp sql` from the command line: the query for the dialect; a file named gives the export's header. */
import { sqlQueries } from '../../commands/sql.js';
import { RefusedError } from '../../sql/refuse.js';
import { usageError } from '../../errors.js';
import type { SqlSettings } from '../settings.js';
import { reading, type CommandIO, type Outcome } from './context.js';

export async function sqlCommand(s: SqlSettings, io: CommandIO): Promise<Outcome> {
  try {
    const doc = await sqlQueries(s.files.length ? s.inputs[0] : null, s.model, {
      dialect: s.dialect,
      table: s.table,
      threshold: s.threshold,
      design: { design: s.design, baseline: s.baseline },
      query: s.query,
      by: s.by,
      period: s.period,
      read: reading(s.read, io),
    });
    return { doc };
  } catch (e) {
    if (e instanceof RefusedError) throw usageError('not_expressible', `srp sql --dialect ${s.dialect}: ${e.message}`);
    throw e;
  }
}
