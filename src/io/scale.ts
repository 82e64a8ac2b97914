/**
 * The satisfaction scale, inferred from every value of the input (SPEC §3.2), never from its first
 * rows only: a file sorted by score must not lose its top values. A tally of every value read is
 * kept as the file is read (a few counters, whatever the size); the scale it implies is compared at
 * the end with the one the first rows suggested, and where they differ the input is read again.
 */

/** The usual satisfaction scales, smallest first. */
export const SCALES: readonly [number, number][] = [[0, 1], [1, 5], [0, 5], [1, 7], [0, 7], [0, 10], [0, 100]];

export interface Satisfaction {
  scale: [number, number];
  /** Satisfied or not (words such as satisfied/dissatisfied, or --binary), rather than a score. */
  binary: boolean;
  declared: boolean;
}

/** Counts of what the satisfaction columns held: plain data, so that two threads' tallies add up. */
export interface ScaleTally {
  numbers: number;
  words: number;
  min: number;
  max: number;
  /** Every number is 0 or 1. */
  zeroOne: boolean;
  /** Per usual scale: numbers above its top, and below its bottom. */
  above: number[];
  below: number[];
}

export const emptyTally = (): ScaleTally => ({ numbers: 0, words: 0, min: Infinity, max: -Infinity, zeroOne: true, above: SCALES.map(() => 0), below: SCALES.map(() => 0) });

/** Counts the value `n`, `times` times. */
export function tallyNumber(t: ScaleTally, n: number, times = 1): void {
  t.numbers += times;
  if (n < t.min) t.min = n;
  if (n > t.max) t.max = n;
  if (n !== 0 && n !== 1) t.zeroOne = false;
  for (let k = 0; k < SCALES.length; k++) {
    if (n > SCALES[k][1]) t.above[k] += times;
    else if (n < SCALES[k][0]) t.below[k] += times;
  }
}

/** The largest whole value `WholeCounts` holds (the top of the largest usual scale). */
const WHOLE_MAX = Math.max(...SCALES.map(([, hi]) => hi));

/**
 * Whole values 0–100 counted as they come and added to a tally at once: the fast path of reading
 * counts each score in one step, not in one per usual scale (measured: a fifth of its time).
 */
export class WholeCounts {
  private readonly counts = new Float64Array(WHOLE_MAX + 1);
  private any = false;

  /** Counts `n` and says true, or says false for a value it does not hold (a fraction, beyond 0–100, or −0, kept as written). */
  add(n: number): boolean {
    if (!(n >= 0 && n <= WHOLE_MAX && Number.isInteger(n)) || (n === 0 && 1 / n < 0)) return false;
    this.counts[n]++;
    this.any = true;
    return true;
  }

  /** Adds the values counted to `t`, and starts again. */
  addTo(t: ScaleTally): void {
    if (!this.any) return;
    for (let v = 0; v <= WHOLE_MAX; v++) if (this.counts[v]) tallyNumber(t, v, this.counts[v]);
    this.counts.fill(0);
    this.any = false;
  }
}

export function addTally(to: ScaleTally, from: ScaleTally): void {
  to.numbers += from.numbers;
  to.words += from.words;
  to.min = Math.min(to.min, from.min);
  to.max = Math.max(to.max, from.max);
  to.zeroOne &&= from.zeroOne;
  for (let k = 0; k < SCALES.length; k++) {
    to.above[k] += from.above[k];
    to.below[k] += from.below[k];
  }
}

/**
 * The scale the values imply: the smallest usual scale that holds every value; but a stray value
 * or two (at most one, or 0.5%) that would more than double it (12 among 0–10 scores) is left out of
 * the choice and then rejected, rather than widening the scale for everyone. Words make the scale
 * binary; numbers that are only 0 and 1 stay numbers unless `binary` is asked for (SPEC §6: a design
 * never changes silently).
 */
export function inferScale(t: ScaleTally, binary = false): Satisfaction {
  if (binary || t.words > 0 || t.numbers === 0) return { scale: [0, 1], binary: binary || t.words > 0 || t.numbers === 0, declared: false };
  const spare = Math.max(1, Math.floor(t.numbers * 0.005));
  const all = SCALES.findIndex((_, k) => t.above[k] === 0 && t.below[k] === 0);
  const robust = t.numbers > spare ? SCALES.findIndex((_, k) => t.below[k] === 0 && t.above[k] <= spare) : -1;
  const k = robust >= 0 && (all < 0 || SCALES[all][1] > 2 * SCALES[robust][1]) ? robust : all;
  if (k >= 0) return { scale: [...SCALES[k]] as [number, number], binary: false, declared: false };
  return { scale: [t.min, t.max], binary: false, declared: false };
}

/** What to tell the user about an inferred scale, or null. */
export function scaleNote(t: ScaleTally, s: Satisfaction): string | null {
  if (s.declared) return null;
  const [lo, hi] = s.scale;
  if (!s.binary && t.zeroOne && t.numbers > 0)
    return 'satisfaction answers are only 0 and 1: read as scores on 0–1 (paired or Welch t-tests); give --binary to read them as satisfied (1) or not (0)';
  const k = SCALES.findIndex(([a, b]) => a === lo && b === hi);
  if (k < 0 && !s.binary) return `satisfaction values ${t.min}–${t.max} fit no usual scale; using ${lo}–${hi} (declare one with --scale)`;
  if (k >= 0 && t.above[k] > 0) return `satisfaction: ${t.above[k]} value${t.above[k] > 1 ? 's' : ''} above the inferred scale ${lo}–${hi} ${t.above[k] > 1 ? 'are' : 'is'} rejected (declare the scale with --scale if they are real)`;
  return null;
}

export const sameScale = (a: Satisfaction, b: Satisfaction) => a.scale[0] === b.scale[0] && a.scale[1] === b.scale[1] && a.binary === b.binary;
