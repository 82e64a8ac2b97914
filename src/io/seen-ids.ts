/**
 * Finds repeated case ids in bounded memory: two 32-bit hashes of each id and the place it was
 * first seen, side by side in one Int32Array (16 bytes an id, one cache line a probe) instead of
 * the id string and the source line it holds on to. Two different ids share both hashes with
 * odds about n²/2⁶⁵.
 */
const STRIDE = 4;

export class SeenIds {
  private table = new Int32Array((1 << 16) * STRIDE);
  private slots = 1 << 16;
  private count = 0;

  /** Records the id; returns where it was seen first, or null when it is new. */
  see(id: string, file: number, line: number): { file: number; line: number } | null {
    if (this.count * 4 >= this.slots * 3) this.grow();
    let a = 0x811c9dc5 | 0;
    let b = 0x01000193 | 0;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
    }
    a |= 1; // 0 marks an empty slot
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
      this.table.set(old.subarray(at, at + STRIDE), slot * STRIDE);
    }
  }
}
