/**
 * Standard input kept in a temporary file while it is read, so that it can be read twice (the
 * satisfaction scale is settled against every value, SPEC §3.2). The folder is private to the user
 * (mode 0700) and its name unpredictable; it is removed when reading ends, and on SIGINT/SIGTERM by
 * the CLI through `removeAllSpools`.
 */
import { mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { inputError } from '../errors.js';
import type { Input } from './source.js';

const folders = new Set<string>();

export async function spoolStreams(inputs: Input[]): Promise<{ inputs: Input[]; remove(): void }> {
  const made: string[] = [];
  const remove = () => {
    for (const d of made) {
      rmSync(d, { recursive: true, force: true });
      folders.delete(d);
    }
  };
  try {
    const out: Input[] = [];
    for (const input of inputs) {
      if (typeof input === 'string' || !('stream' in input) || input.continuation) {
        out.push(input);
        continue;
      }
      const dir = mkdtempSync(join(tmpdir(), 'srp-stdin-'));
      made.push(dir);
      folders.add(dir);
      const path = join(dir, 'input');
      try {
        await pipeline(input.stream, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
      } catch (e) {
        throw inputError('unreadable', `${input.name}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      }
      out.push({ name: input.name, path });
    }
    return { inputs: out, remove };
  } catch (e) {
    remove();
    throw e;
  }
}

/** Removes every spool still open (for a signal handler: synchronous). */
export function removeAllSpools(): void {
  for (const d of folders) rmSync(d, { recursive: true, force: true });
  folders.clear();
}
