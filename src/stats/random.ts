/**
 * A seeded random number generator, so that anything random (cross-validation folds, the bundled
 * sample, benchmark data) is the same on every machine. mulberry32 (Tommy Ettinger): 32 bits of
 * state, passes gjrand and PractRand to 2³² outputs; plenty for shuffling and simulation.
 * @example seededRandom(1)() // 0.6270739405881613
 */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
