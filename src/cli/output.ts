/**
 * Where a result goes: standard output, or a file (SPEC §4). srp runs as root in CI containers, so
 * no path it writes may be turned against the machine:
 * - a regular file (or a new one) is written to a temporary name beside it, unpredictable and
 *   created exclusively (O_EXCL: never through a link planted there), and renamed into place on
 *   success, so a failed or interrupted run leaves neither half a report nor a temporary file;
 * - a device, FIFO or socket, or a symbolic link, is written in place and never replaced;
 * - an output path that is one of the inputs is refused.
 */
import { close, lstatSync, openSync, statSync, unlinkSync, write, type Stats } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { dirname, basename, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { inputError, usageError } from '../errors.js';

export interface Output {
  write(text: string): Promise<void>;
  /** Finish: flush, and rename into place. */
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

/** Temporary files being written now, removed by `removeTempFiles` on SIGINT/SIGTERM. */
const temporary = new Set<string>();

/** Removes every temporary output file (synchronous: for a signal handler). */
export function removeTempFiles(): void {
  for (const path of temporary) {
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  }
  temporary.clear();
}

/** Bytes gathered before a write: few system calls, bounded memory. */
const BUFFER = 1 << 16;

/**
 * A file output for `option` (`-o`, `--rejects`) at `path`; `inputs` are the paths being read, which
 * it must not be. Checked now, before anything is read; opened at the first write.
 */
export function toFile(path: string, option: string, inputs: string[] = []): Output {
  const target = describe(path, option);
  refuseInput(path, target, option, inputs);
  refusePlantedLink(path, target, option);
  const inPlace = target !== null && !target.isFile();
  const temp = inPlace ? null : join(dirname(path), `.${basename(path)}.${randomBytes(8).toString('hex')}.tmp`);
  let handle: Sink | null = null;
  let pending: string[] = [];
  let size = 0;
  const fail = (e: unknown): never => {
    const code = (e as NodeJS.ErrnoException).code;
    const why = WHY[code ?? ''] ?? code ?? (e as Error).message;
    // A path the user gave that cannot be opened is a usage error; a write that fails midway (a full disk) an I/O error.
    throw handle || code === 'ENOSPC' ? inputError('write_failed', `${option} ${path}: cannot write (${why})`) : usageError('bad_output', `${option} ${path}: cannot write (${why})`);
  };
  const opened = async () => {
    if (handle) return handle;
    try {
      // The temporary file is created synchronously, so that no signal can come between its creation
      // and its registration for removal; a device or FIFO is opened asynchronously (it may wait for a reader).
      handle = temp ? fdSink(openSync(temp, 'wx', 0o666)) : await open(path, 'w');
      if (temp) temporary.add(temp);
    } catch (e) {
      return fail(e);
    }
    return handle;
  };
  const flush = async () => {
    if (!pending.length) return;
    const text = pending.join('');
    pending = [];
    size = 0;
    const h = await opened();
    try {
      await h.write(text);
    } catch (e) {
      fail(e);
    }
  };
  return {
    isTTY: false,
    async write(text) {
      pending.push(text);
      size += text.length;
      if (size >= BUFFER) await flush();
    },
    async commit() {
      await flush();
      const h = await opened();
      try {
        await h.close();
      } catch (e) {
        fail(e);
      }
      if (!temp) return;
      try {
        await rename(temp, path);
        temporary.delete(temp);
      } catch (e) {
        fail(e);
      }
    },
    async abort() {
      pending = [];
      if (handle) await handle.close().catch(() => {});
      if (temp && temporary.has(temp)) {
        await unlink(temp).catch(() => {});
        temporary.delete(temp);
      }
    },
  };
}

/** What a file output writes to: an open file handle, or a file descriptor. */
interface Sink {
  write(text: string): Promise<unknown>;
  close(): Promise<void>;
}

const writeFd = promisify(write);
const closeFd = promisify(close);

/** A file descriptor as a sink: every byte written (a write may take only part of them), then closed. */
const fdSink = (fd: number): Sink => ({
  async write(text) {
    const bytes = Buffer.from(text);
    for (let at = 0; at < bytes.length; ) at += (await writeFd(fd, bytes, at)).bytesWritten;
  },
  close: () => closeFd(fd),
});

const WHY: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'no such folder',
  EISDIR: 'is a directory',
  EROFS: 'read-only file system',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EIO: 'input/output error',
};

/** What is at the path now (a link described as itself), or null. */
function describe(path: string, option: string): Stats | null {
  try {
    const st = lstatSync(path);
    if (st.isDirectory()) throw usageError('bad_output', `${option} ${path}: is a directory`);
    return st;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/**
 * A link another user made in a shared folder (sticky and writable by all, such as /tmp) is not
 * followed: srp runs as root in CI, and such a link could point the report at any file. The kernel's
 * protected_symlinks rule, applied here too since machines may have it off.
 */
function refusePlantedLink(path: string, target: Stats | null, option: string) {
  if (!target?.isSymbolicLink() || typeof process.getuid !== 'function') return;
  const dir = statSync(dirname(path));
  const shared = (dir.mode & 0o1000) !== 0 && (dir.mode & 0o002) !== 0;
  if (shared && target.uid !== process.getuid() && target.uid !== dir.uid)
    throw usageError('bad_output', `${option} ${path}: a link another user made in a shared folder (${dirname(path)}); srp does not follow it`);
}

/** An output that is an input would destroy the data it is computed from. */
function refuseInput(path: string, target: Stats | null, option: string, inputs: string[]) {
  const real = target ? safeStat(path) : null;
  for (const input of inputs) {
    const st = safeStat(input);
    const same = real && st ? real.dev === st.dev && real.ino === st.ino && !real.isCharacterDevice() && !real.isFIFO() : resolve(input) === resolve(path);
    if (same) throw usageError('bad_output', `${option} ${path}: is an input of this run; write the output elsewhere`);
  }
}

function safeStat(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
