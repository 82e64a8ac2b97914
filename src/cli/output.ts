/**
 * Where a result goes: stdout, or a file written under a temporary name and renamed on
 * success, so a failed run never leaves half a report (SPEC §4).
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { usageError } from '../errors.js';

export interface Output {
  write(text: string): Promise<void>;
  /** Finish: rename into place. */
  commit(): Promise<void>;
  /** Give up: remove the temporary file. */
  abort(): Promise<void>;
  isTTY: boolean;
}

export function toStream(stream: Writable & { isTTY?: boolean }): Output {
  return {
    isTTY: !!stream.isTTY,
    async write(text) {
      if (!stream.write(text)) await once(stream, 'drain');
    },
    async commit() {},
    async abort() {},
  };
}

export function toFile(path: string): Output {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let stream: WriteStream | undefined;
  let failed: Error | undefined;
  const open = () => {
    if (!stream) {
      stream = createWriteStream(temp);
      stream.on('error', (e) => (failed = e));
    }
    return stream;
  };
  const check = () => {
    if (failed) throw usageError('bad_output', `-o ${path}: cannot write (${(failed as NodeJS.ErrnoException).code ?? failed.message})`);
  };
  return {
    isTTY: false,
    async write(text) {
      const s = open();
      check();
      if (!s.write(text)) await Promise.race([once(s, 'drain'), once(s, 'error')]);
      check();
    },
    async commit() {
      const s = open();
      s.end();
      await Promise.race([once(s, 'close'), once(s, 'error')]).catch(() => {});
      check();
      await rename(temp, path).catch((e) => {
        throw usageError('bad_output', `-o ${path}: cannot write (${e.code ?? e.message})`);
      });
    },
    async abort() {
      if (!stream) return;
      stream.destroy();
      await unlink(temp).catch(() => {});
    },
  };
}
