/** Shared test helpers: paths, reading cases, and running the built binary as a user would. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Case, Rejection } from '../src/case.js';
import { readSettled, type ReadOptions, type ReadSummary } from '../src/io/read.js';
import type { Input } from '../src/io/source.js';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const fixture = (name: string) => `${root}test/fixtures/${name}`;
export const shared = (path: string) => `${root}../shared/${path}`;
const made: string[] = [];
/** A new temporary folder, removed after the test file (test/setup.ts). */
export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'srp-test-'));
  made.push(d);
  return d;
}
export function removeTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Whether ../shared/realdata is beside this clone (CI has it; a bare clone does not). */
export const hasRealdata = () => existsSync(shared('realdata/SOURCES.md'));

/** A JSON file, such as R's reference numbers beside a fixture. */
export const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

/** Every case and rejection of the inputs, read as the commands read them (the scale settled on every value). */
export async function readAll(inputs: Input[], options: ReadOptions = {}): Promise<{ cases: Case[]; rejections: Rejection[]; summary: ReadSummary }> {
  const cases: Case[] = [];
  const rejections: Rejection[] = [];
  const { summary } = await readSettled(inputs, options, () => {
    cases.length = rejections.length = 0;
    return {
      batch: (b) => {
        cases.push(...b.cases);
        rejections.push(...b.rejections);
      },
      end: () => undefined,
    };
  });
  return { cases, rejections, summary };
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function srp(args: string[], options: { input?: string | Buffer; env?: Record<string, string> } = {}): Run {
  const r = spawnSync(process.execPath, [`${root}bin/srp.js`, ...args], {
    cwd: root,
    input: options.input,
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...options.env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
