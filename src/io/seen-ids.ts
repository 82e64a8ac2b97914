/**
 * Finds repeated case ids in bounded memory.
 *
 * Most exports number their cases: `1, 2, 3`, `INC-1001, INC-1002`, or zero-padded to one width,
 * `INC0010001` (ServiceNow). Ids written alike (one prefix, then a number written as the run's first
 * was: without a leading zero, or with as many digits as it) whose number is above every earlier one
 * cannot repeat; they are kept as a run of segments, each a stretch of consecutive numbers on
 * consecutive lines (first number, first line, count), so a file of ten million numbered rows costs a
 * few bytes in all. Any other id (another prefix or width, a number at or below the run's last, text)
 * is looked up in the run by binary search and goes into a hash table: two 32-bit hashes and the
 * place it was first seen, side by side in one Int32Array (16 bytes an id, one cache line a probe).
 * Two different ids share both hashes with odds about n²/2⁶⁵.
 */
const STRIDE = 4;

/** The id's trailing number (its last 15 digits at most), or -1; `numberStart` says where its digits start. */
function trailingNumber(id: string): number {
  let i = id.length;
  while (i > 0 && id.length - i < 15) {
    const c = id.charCodeAt(i - 1);
    if (c < 48 || c > 57) break;
    i--;
  }
  if (i === id.length) return -1;
  let n = 0;
  for (let k = i; k < id.length; k++) n = n * 10 + (id.charCodeAt(k) - 48);
  numberStart = i;
  return n;
}
let numberStart = 0;

/** How the number of an id is written from `start`: its digits where they start with a 0 (zero-padded), else 0. */
const widthOf = (id: string, start: number) => (id.length - start > 1 && id.charCodeAt(start) === 48 ? id.length - start : 0);

/** Whether the id's digits from `start` are written as the run's numbers are: so that prefix and number name one id. */
function writtenAs(r: Run, id: string, start: number): boolean {
  return r.width === 0 ? widthOf(id, start) === 0 : id.length - start === r.width;
}

/** The id of number n of a run. */
const idOf = (prefix: string, width: number, n: number) => prefix + String(n).padStart(width, '0');

/** Stretches of consecutive numbers on consecutive lines, in increasing order. */
interface Run {
  prefix: string | null;
  /** The digits each number is written with (zero-padded), or 0: written without a leading zero. */
  width: number;
  first: Float64Array;
  line: Int32Array;
  count: Int32Array;
  file: Uint16Array;
  length: number;
}

type Where = { file: number; line: number };

export class SeenIds {
  private run: Run = emptyRun(64);
  private table = new Int32Array((1 << 10) * STRIDE);
  private slots = 1 << 10;
  private count = 0;
  private files: string[] = [];
  /** How many ids were seen again, and the first time that happened. */
  repeated = 0;
  /** Where the first repeat is, and where its id was seen before (places, not ids: a part read by
   *  another thread knows its ids only by their hashes, and the wording must not depend on that). */
  private first: { at: string; where: string; file: number; line: number } | null = null;

  /** Kept for callers that know how many ids are coming (the run needs no room made). */
  reserve(_n: number): void {}

  /** Records the id of a case at file:line, counting it when it was seen before. */
  see(id: string, file: string, line: number): void {
    this.seeAt(id, this.fileIndex(file), line);
  }

  /**
   * `see` for the ids of a batch read into columns, all of one file. An id that goes on the run's
   * last stretch (its prefix, the next number, the next line: a numbered export) is counted there at
   * once; any other is seen as `see` sees it. (500 of 620 instructions an id went on the general
   * path's steps for the first kind, callgrind.)
   */
  seeAll(ids: readonly string[], file: string, lines: Int32Array, count: number): void {
    const f = this.fileIndex(file);
    for (let i = 0; i < count; i++) if (!goesOn(this.run, ids[i], f, lines[i])) this.seeAt(ids[i], f, lines[i]);
  }

  private fileIndex(file: string): number {
    if (this.files[this.files.length - 1] !== file) this.files.push(file);
    return this.files.length - 1;
  }

  /** `see`, the file given by its index. */
  private seeAt(id: string, f: number, line: number): void {
    const n = trailingNumber(id);
    if (n >= 0) {
      const run = this.run;
      if (run.prefix === null) {
        run.prefix = id.slice(0, numberStart);
        run.width = widthOf(id, numberStart);
      }
      if (numberStart === run.prefix.length && writtenAs(run, id, numberStart) && id.startsWith(run.prefix)) {
        if (n > lastNumber(run)) return this.extend(n, line, f, 1);
        const seen = find(run, n);
        if (seen) return this.repeat(f, line, seen);
      }
    }
    const seen = this.insert(id, f, line);
    if (seen) this.repeat(f, line, seen);
  }

  /** The warning srp gives, or null when no id repeats. */
  warning(): string | null {
    if (!this.repeated) return null;
    return `${this.repeated} repeated case_id value${this.repeated > 1 ? 's' : ''} (kept; event logs repeat them), the first at ${this.first!.at} (seen before at ${this.first!.where})`;
  }

  /** The ids as plain data, to send from a worker thread. */
  export() {
    return { run: this.run, table: this.table, files: this.files, repeated: this.repeated, first: this.first };
  }

  /** Adds the ids another part of the input saw after this one's, counting repeats across both. */
  absorb(other: ReturnType<SeenIds['export']>): void {
    const offset = this.files.length;
    this.files.push(...other.files);
    if (other.first) this.earliest({ ...other.first, file: other.first.file + offset });
    this.repeated += other.repeated;
    const r = other.run;
    const run = this.run;
    if (run.prefix === null) {
      run.prefix = r.prefix;
      run.width = r.width;
    }
    // The other part's table, against this part's run: an id numbered here may be text there.
    if (run.length && other.table.some((v) => v !== 0)) {
      const theirs = new SeenIds();
      theirs.table = other.table;
      theirs.slots = other.table.length / STRIDE;
      forEachId(run, (n, line, file) => {
        const there = theirs.lookup(idOf(run.prefix!, run.width, n));
        if (there) this.repeat(there.file + offset, there.line, { file, line });
      });
    }
    for (let k = 0; k < r.length; k++) {
      const [first, count, line, file] = [r.first[k], r.count[k], r.line[k], r.file[k] + offset];
      if (r.prefix === run.prefix && r.width === run.width && first > lastNumber(this.run) && this.count === 0) {
        this.extend(first, line, file, count);
        continue;
      }
      for (let i = 0; i < count; i++) this.seeNumbered(r.prefix!, r.width, first + i, file, line + i);
    }
    const t = other.table;
    for (let at = 0; at < t.length; at += STRIDE) {
      if (t[at] === 0) continue;
      const seen = this.insertHash(t[at], t[at + 1], t[at + 3] + offset, t[at + 2]);
      if (seen) this.repeat(t[at + 3] + offset, t[at + 2], seen);
    }
  }

  /** An id known by its prefix, width and number (from another part's run), at file index `file`. */
  private seeNumbered(prefix: string, width: number, n: number, file: number, line: number) {
    const run = this.run;
    const id = idOf(prefix, width, n);
    // Written otherwise there: seen as its text is here (INC-1234567 may be of a run of INC-0000001…).
    if (prefix !== run.prefix || width !== run.width) return this.seeAt(id, file, line);
    if (n > lastNumber(run) && this.lookup(id) === null) return this.extend(n, line, file, 1);
    const seen = find(run, n) ?? this.insert(id, file, line);
    if (seen) this.repeat(file, line, seen);
  }

  /** Adds `count` consecutive numbers from `n`, on consecutive lines from `line`, to the run. */
  private extend(n: number, line: number, file: number, count: number) {
    this.run = grown(this.run);
    append(this.run, n, line, file, count);
  }

  /** Counts a repeat at file:line of an id first seen at `seen`. */
  private repeat(file: number, line: number, seen: Where) {
    this.repeated++;
    this.earliest({ at: `${this.files[file]}:${line}`, where: `${this.files[seen.file]}:${seen.line}`, file, line });
  }

  /** Keeps the repeat that comes first in the input (parts may be merged out of order). */
  private earliest(candidate: NonNullable<SeenIds['first']>) {
    const f = this.first;
    if (!f || candidate.file < f.file || (candidate.file === f.file && candidate.line < f.line)) this.first = candidate;
  }

  private insert(id: string, file: number, line: number): Where | null {
    const [a, b] = hash(id);
    return this.insertHash(a, b, file, line);
  }

  private lookup(id: string): Where | null {
    const [a, b] = hash(id);
    const t = this.table;
    const mask = this.slots - 1;
    for (let slot = b & mask; ; slot = (slot + 1) & mask) {
      const at = slot * STRIDE;
      if (t[at] === 0) return null;
      if (t[at] === a && t[at + 1] === b) return { file: t[at + 3], line: t[at + 2] };
    }
  }

  private insertHash(a: number, b: number, file: number, line: number): Where | null {
    if (this.count * 4 >= this.slots * 3) this.grow();
    const t = this.table;
    const mask = this.slots - 1;
    for (let slot = b & mask; ; slot = (slot + 1) & mask) {
      const at = slot * STRIDE;
      if (t[at] === 0) {
        t[at] = a;
        t[at + 1] = b;
        t[at + 2] = line;
        t[at + 3] = file;
        this.count++;
        return null;
      }
      if (t[at] === a && t[at + 1] === b) return { file: t[at + 3], line: t[at + 2] };
    }
  }

  private grow() {
    const old = this.table;
    this.slots *= 2;
    this.table = new Int32Array(this.slots * STRIDE);
    const mask = this.slots - 1;
    for (let at = 0; at < old.length; at += STRIDE) {
      if (old[at] === 0) continue;
      let slot = old[at + 1] & mask;
      while (this.table[slot * STRIDE] !== 0) slot = (slot + 1) & mask;
      const to = slot * STRIDE;
      for (let k = 0; k < STRIDE; k++) this.table[to + k] = old[at + k];
    }
  }
}

/** Two 32-bit FNV-style hashes of an id; the first is never 0 (0 marks an empty slot). */
function hash(id: string): [number, number] {
  let a = 0x811c9dc5 | 0;
  let b = 0x01000193 | 0;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return [a | 1, b];
}

function emptyRun(capacity: number): Run {
  return { prefix: null, width: 0, first: new Float64Array(capacity), line: new Int32Array(capacity), count: new Int32Array(capacity), file: new Uint16Array(capacity), length: 0 };
}

const lastNumber = (r: Run) => (r.length ? r.first[r.length - 1] + r.count[r.length - 1] - 1 : -1);

/**
 * Counts `id` at file:line into the run's last stretch where it goes on it: the run's prefix, then
 * the stretch's next number (at most 15 digits, written as the run's are: the number `trailingNumber`
 * reads) on the stretch's next line; otherwise false, and nothing counted.
 */
function goesOn(r: Run, id: string, file: number, line: number): boolean {
  const k = r.length - 1;
  if (k < 0 || r.file[k] !== file || line !== r.line[k] + r.count[k]) return false;
  const prefix = r.prefix!;
  const from = prefix.length;
  const digits = id.length - from;
  if (digits < 1 || digits > 15 || !writtenAs(r, id, from)) return false;
  let n = 0;
  for (let i = from; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (!isDigit(c)) return false;
    n = n * 10 + (c - 48);
  }
  if (n !== r.first[k] + r.count[k]) return false;
  for (let i = 0; i < from; i++) if (id.charCodeAt(i) !== prefix.charCodeAt(i)) return false;
  r.count[k]++;
  return true;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** Adds `count` consecutive numbers from `n` on consecutive lines from `line` (the run must have room: `grown`). */
function append(r: Run, n: number, line: number, file: number, count: number) {
  const k = r.length - 1;
  if (k >= 0 && n === lastNumber(r) + 1 && r.file[k] === file && line === r.line[k] + r.count[k]) {
    r.count[k] += count;
    return;
  }
  r.first[r.length] = n;
  r.line[r.length] = line;
  r.count[r.length] = count;
  r.file[r.length] = file;
  r.length++;
}

/** The run with room for one more segment. */
function grown(r: Run): Run {
  if (r.length < r.first.length) return r;
  const next = emptyRun(r.first.length * 2);
  next.prefix = r.prefix;
  next.width = r.width;
  next.first.set(r.first);
  next.line.set(r.line);
  next.count.set(r.count);
  next.file.set(r.file);
  next.length = r.length;
  return next;
}

/** Where number n of the run was seen, or null. */
function find(r: Run, n: number): Where | null {
  let lo = 0;
  let hi = r.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (r.first[mid] <= n) lo = mid + 1;
    else hi = mid - 1;
  }
  const k = hi;
  if (k < 0 || n >= r.first[k] + r.count[k]) return null;
  return { file: r.file[k], line: r.line[k] + (n - r.first[k]) };
}

function forEachId(r: Run, each: (n: number, line: number, file: number) => void) {
  for (let k = 0; k < r.length; k++) for (let i = 0; i < r.count[k]; i++) each(r.first[k] + i, r.line[k] + i, r.file[k]);
}
