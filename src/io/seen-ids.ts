/**
 * Finds repeated case ids in bounded memory.
 *
 * Most exports number their cases: `1, 2, 3` or `INC-1001, INC-1002`. While the ids keep one
 * prefix and a strictly increasing number, none can repeat, and they are kept as a run of
 * numbers written in order (cheap). From the first id that breaks the run, every id goes into a
 * hash table: two 32-bit hashes and the place it was first seen, side by side in one Int32Array
 * (16 bytes an id, one cache line a probe) instead of the id string and the source line it holds
 * on to. Two different ids share both hashes with odds about n²/2⁶⁵.
 */
const STRIDE = 4;
/**
 * The id's trailing number (at most 15 digits, no leading zero, so that prefix + String(number)
 * is the id), or -1; `numberedPrefix` is where the number starts.
 */
function trailingNumber(id: string): number {
  let i = id.length;
  while (i > 0 && id.length - i < 15) {
    const c = id.charCodeAt(i - 1);
    if (c < 48 || c > 57) break;
    i--;
  }
  if (i === id.length || (id.charCodeAt(i) === 48 && i < id.length - 1)) return -1;
  let n = 0;
  for (let k = i; k < id.length; k++) n = n * 10 + (id.charCodeAt(k) - 48);
  numberStart = i;
  return n;
}
let numberStart = 0;

interface Run {
  prefix: string;
  numbers: Float64Array;
  lines: Int32Array;
  files: Uint16Array;
  length: number;
}

type Where = { file: number; line: number };

export class SeenIds {
  /** Non-null while every id so far continues the run. */
  private run: Run | null = emptyRun(1024);
  private table = new Int32Array((1 << 10) * STRIDE);
  private slots = 1 << 10;
  private count = 0;
  private files: string[] = [];
  /** How many ids were seen again, and the first time that happened. */
  repeated = 0;
  /** Where the first repeat is, and where its id was seen before (places, not ids: a part read by
   *  another thread knows its ids only by their hashes, and the wording must not depend on that). */
  private first: { at: string; where: string; file: number; line: number } | null = null;

  /** Makes room for about n more ids at once, instead of doubling as they come. */
  reserve(n: number): void {
    if (this.run) this.run = withCapacity(this.run, this.run.length + n);
    else while ((this.count + n) * 4 >= this.slots * 3) this.grow();
  }

  /** Records the id of a case at file:line, counting it when it was seen before. */
  see(id: string, file: string, line: number): void {
    if (this.files[this.files.length - 1] !== file) this.files.push(file);
    const f = this.files.length - 1;
    if (this.run && this.extendRun(id, f, line)) return;
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
    if (r && this.run && (this.run.length === 0 || r.length === 0 || (r.prefix === this.run.prefix && r.numbers[0] > this.run.numbers[this.run.length - 1]))) {
      // Both parts are one run, the second continuing the first: join them, nothing to look up.
      const run = withCapacity(this.run.length ? this.run : { ...r, length: 0 }, this.run.length + r.length);
      run.numbers.set(r.numbers.subarray(0, r.length), run.length);
      run.lines.set(r.lines.subarray(0, r.length), run.length);
      for (let i = 0; i < r.length; i++) run.files[run.length + i] = r.files[i] + offset;
      run.length += r.length;
      this.run = run;
    } else if (r) {
      for (let i = 0; i < r.length; i++) {
        const seen = this.insert(r.prefix + r.numbers[i], r.files[i] + offset, r.lines[i]);
        if (seen) this.repeat(r.files[i] + offset, r.lines[i], seen);
      }
    }
    const t = other.table;
    for (let at = 0; at < t.length; at += STRIDE) {
      if (t[at] === 0) continue;
      this.endRun();
      const seen = this.insertHash(t[at], t[at + 1], t[at + 3] + offset, t[at + 2]);
      if (seen) this.repeat(t[at + 3] + offset, t[at + 2], seen);
    }
  }

  /** Keeps the id in the run when it continues it; otherwise ends the run and says so. */
  private extendRun(id: string, file: number, line: number): boolean {
    const run = this.run!;
    const n = trailingNumber(id);
    const prefixMatches = n >= 0 && (run.length === 0 ? ((run.prefix = id.slice(0, numberStart)), true) : numberStart === run.prefix.length && id.startsWith(run.prefix));
    if (!prefixMatches || (run.length > 0 && n <= run.numbers[run.length - 1])) {
      this.endRun();
      return false;
    }
    const r = run.length === run.numbers.length ? (this.run = withCapacity(run, run.length * 2)) : run;
    r.numbers[r.length] = n;
    r.lines[r.length] = line;
    r.files[r.length] = file;
    r.length++;
    return true;
  }

  /** From now on every id goes through the hash table, the run's ids first. */
  private endRun(): void {
    const run = this.run;
    if (!run) return;
    this.run = null;
    for (let i = 0; i < run.length; i++) this.insert(run.prefix + run.numbers[i], run.files[i], run.lines[i]);
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
    let a = 0x811c9dc5 | 0;
    let b = 0x01000193 | 0;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
    }
    return this.insertHash(a | 1, b, file, line);
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

function emptyRun(capacity: number): Run {
  return { prefix: '', numbers: new Float64Array(capacity), lines: new Int32Array(capacity), files: new Uint16Array(capacity), length: 0 };
}

function withCapacity(run: Run, capacity: number): Run {
  if (capacity <= run.numbers.length) return run;
  const next = emptyRun(capacity);
  next.prefix = run.prefix;
  next.numbers.set(run.numbers.subarray(0, run.length));
  next.lines.set(run.lines.subarray(0, run.length));
  next.files.set(run.files.subarray(0, run.length));
  next.length = run.length;
  return next;
}
