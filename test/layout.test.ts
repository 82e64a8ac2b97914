/**
 * The layout stays true (issue 12): imports follow the data's path, io → model → stats → commands
 * → report → cli (.dependency-cruiser.cjs). The check passes on src/, and fails on a copy of src/
 * given one wrong-way import, so it cannot pass by checking nothing.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { root, tempDir } from './helpers.js';

const cruise = (cwd: string) =>
  spawnSync(process.execPath, [`${root}node_modules/dependency-cruiser/bin/dependency-cruise.mjs`, 'src', '--config', `${root}.dependency-cruiser.cjs`, '--output-type', 'err'], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });

describe('import directions (dependency-cruiser)', () => {
  it('src/ imports only along the data path, with no cycles', () => {
    const r = cruise(root);
    expect(r.stderr + r.stdout).toMatch(/no dependency violations found/);
    expect(r.status).toBe(0);
  });

  it('fails on a wrong-way import: io importing a renderer', () => {
    const dir = tempDir();
    cpSync(`${root}src`, `${dir}/src`, { recursive: true });
    cpSync(`${root}tsconfig.json`, `${dir}/tsconfig.json`);
    writeFileSync(`${dir}/src/io/wrong-way.ts`, "import { pct } from '../report/format.js';\nexport const shown = pct(0.5);\n");
    const r = cruise(dir);
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/io-imports-only-earlier-folders: src\/io\/wrong-way\.ts → src\/report\/format\.ts/);
  });
});
