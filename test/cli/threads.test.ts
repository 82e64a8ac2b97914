/**
 * `srp report --threads`: the command line's bundle (dist/bundle, rolldown.config.mjs) reads a file
 * in two parts with its own worker entry, and gives what one thread gives. By default a file is read
 * by two threads only from 128 MiB, too big to write here, so `--threads 2` is how this is reached.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { srp, tempDir } from '../helpers.js';

/** About 1.4 MB: a repeated id across the middle, a rejected row and a blank line in the second half. */
function file(): string {
  const lines = ['case_id,severity,prior_failures,controllability,stability,recovery_quality,pre_satisfaction,post_satisfaction,team'];
  for (let i = 0; i < 30_000; i++) {
    const id = i === 25_000 ? 'C100' : `C${i}`;
    const severity = i === 20_000 ? '1.7' : ((i * 37) % 1000) / 1000;
    lines.push(`${id},${severity},${i % 4},${((i * 7) % 10) / 10},${((i * 3) % 10) / 10},${((i * 11) % 100) / 100},${1 + (i % 7)},${1 + ((i * 5) % 7)},T${i % 3}`);
    if (i === 27_000) lines.push('');
  }
  const path = `${tempDir()}/t.csv`;
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

/** Numbers equal to 1e-12 (sums added in another order), anything else exactly. */
function close(a: unknown, b: unknown): void {
  if (typeof a === 'number' && typeof b === 'number') return void expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));
  if (Array.isArray(a) && Array.isArray(b)) {
    expect(a.length).toBe(b.length);
    return a.forEach((x, i) => close(x, b[i]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    return Object.keys(b).forEach((k) => close((a as never)[k], (b as never)[k]));
  }
  expect(a).toEqual(b);
}

describe('srp report --threads', () => {
  it('reads a file in two parts with the bundle and gives what one thread gives: every row, rejection and warning', () => {
    const path = file();
    // A module preloaded in every thread notes each worker thread that starts.
    const dir = tempDir();
    writeFileSync(`${dir}/note.cjs`, `if (!require('node:worker_threads').isMainThread) require('node:fs').appendFileSync(${JSON.stringify(`${dir}/workers`)}, 'started\\n');`);
    const env = { NODE_OPTIONS: `--require ${dir}/note.cjs` };
    const two = srp(['report', '--threads', '2', '--by', 'team', '--format', 'json', path], { env });
    expect(readFileSync(`${dir}/workers`, 'utf8')).toBe('started\n');
    const one = srp(['report', '--threads', '1', '--by', 'team', '--format', 'json', path], { env });
    const unset = srp(['report', '--by', 'team', '--format', 'json', path], { env });
    expect(readFileSync(`${dir}/workers`, 'utf8')).toBe('started\n'); // no other: one thread below 128 MiB
    expect(unset.stdout).toBe(one.stdout);
    expect([two.code, one.code]).toEqual([0, 0]);
    expect(two.stderr).toBe(one.stderr);
    expect(one.stderr).toMatch(/1 repeated case_id value .*the first at .*t\.csv:25002 \(seen before at .*t\.csv:102\)/);
    const [a, b] = [JSON.parse(two.stdout), JSON.parse(one.stdout)];
    expect(b.input).toMatchObject({ rows: 30_000, accepted: 29_999, rejected: 1 });
    close(a, b);
  });

  it('refuses a count other than 1 or 2, and --threads with --engine duckdb (exit 2)', () => {
    const three = srp(['report', '--threads', '3', 'data/sample-incidents.csv']);
    expect(three.code).toBe(2);
    expect(three.stderr).toMatch(/--threads/);
    const duck = srp(['report', '--threads', '2', '--engine', 'duckdb', 'data/sample-incidents.csv']);
    expect(duck.code).toBe(2);
    expect(duck.stderr).toMatch(/^srp: --threads: applies to srp's own reader; --engine duckdb reads with every core\n$/);
  });

  it("the bundle's worker entry loads and answers (here, a job it cannot do, with the error)", async () => {
    const worker = new Worker(new URL('../../dist/bundle/worker.js', import.meta.url));
    const answer = new Promise<{ error?: { message: string } }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    worker.postMessage({});
    try {
      expect((await answer).error?.message).toBeTruthy();
    } finally {
      await worker.terminate();
    }
  });
});
