/**
 * Safe under attack (issue 11): output paths that cannot be turned against the machine, data that
 * cannot drive a terminal or a job summary, hostile mappings, models and --fail-if expressions,
 * signals and full disks. Every case runs the built binary, in temporary folders only (never /dev).
 */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lchownSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { root, srp, tempDir } from '../helpers.js';

const sample = `${root}data/sample-incidents.csv`;
const file = (dir: string, name: string, text: string | Buffer) => {
  writeFileSync(`${dir}/${name}`, text);
  return `${dir}/${name}`;
};
/** A character device made here (as root; where it cannot be, the test says so and is skipped). */
const device = (dir: string, name: string, minor: number) =>
  spawnSync('mknod', [`${dir}/${name}`, 'c', '1', String(minor)]).status === 0 ? `${dir}/${name}` : null;
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2069\ufeff]/;

describe('output paths', () => {
  it('writes to a FIFO in place, leaving it a FIFO', async () => {
    const dir = tempDir();
    spawnSync('mkfifo', [`${dir}/pipe`]);
    const reader = spawn('sh', ['-c', `cat "${dir}/pipe" > "${dir}/got"`]);
    const done = new Promise((resolve) => reader.on('exit', resolve));
    expect(srp(['report', '--format', 'json', '-o', `${dir}/pipe`, sample]).code).toBe(0);
    await done;
    expect(lstatSync(`${dir}/pipe`).isFIFO()).toBe(true);
    expect(JSON.parse(readFileSync(`${dir}/got`, 'utf8')).schema).toBe('srp.report/1');
  });

  it('writes to a character device in place, leaving it a device; a full one is exit 3 with one line', () => {
    const dir = tempDir();
    const nul = device(dir, 'null', 3);
    const full = device(dir, 'full', 7);
    if (!nul || !full) return void console.warn('hostile.test: mknod not permitted here (not root): device targets not tested');
    expect(srp(['report', '-o', nul, sample]).code).toBe(0);
    expect(lstatSync(nul).isCharacterDevice()).toBe(true);
    const r = srp(['score', '--format', 'csv', '-o', full, sample]);
    expect(r.code).toBe(3);
    expect(r.stderr.trim()).toBe(`srp: -o ${full}: cannot write (no space left on device)`);
    expect(lstatSync(full).isCharacterDevice()).toBe(true);
  });

  it('writes through a symbolic link in place, leaving the link a link', () => {
    const dir = tempDir();
    writeFileSync(`${dir}/target.json`, 'old');
    symlinkSync(`${dir}/target.json`, `${dir}/link.json`);
    expect(srp(['report', '--format', 'json', '-o', `${dir}/link.json`, sample]).code).toBe(0);
    expect(lstatSync(`${dir}/link.json`).isSymbolicLink()).toBe(true);
    expect(readlinkSync(`${dir}/link.json`)).toBe(`${dir}/target.json`);
    expect(JSON.parse(readFileSync(`${dir}/target.json`, 'utf8')).schema).toBe('srp.report/1');
  });

  it('does not follow a link another user planted in a shared folder (sticky, writable by all)', () => {
    if (process.getuid?.() !== 0) return console.log('skipped: making a link owned by another user needs root');
    const dir = tempDir();
    const shared = `${dir}/shared`;
    mkdirSync(shared);
    chmodSync(shared, 0o1777);
    const victim = file(dir, 'victim.txt', 'keep me\n');
    symlinkSync(victim, `${shared}/report.json`);
    lchownSync(`${shared}/report.json`, 65534, 65534);
    const r = srp(['report', '--format', 'json', '-o', `${shared}/report.json`, sample]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a link another user made in a shared folder/);
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
    // The user's own link there is followed, as before.
    lchownSync(`${shared}/report.json`, 0, 0);
    expect(srp(['report', '--format', 'json', '-o', `${shared}/report.json`, sample]).code).toBe(0);
    expect(JSON.parse(readFileSync(victim, 'utf8')).schema).toBe('srp.report/1');
  });

  it('writes a regular file through an unpredictable temporary name created exclusively, renamed into place', async () => {
    const { toFile } = await import('../../dist/cli/output.js');
    const dir = tempDir();
    const names = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const out = toFile(`${dir}/report.json`, '-o');
      await out.write('x'.repeat(1 << 17));
      const temp = readdirSync(dir).filter((n) => n !== 'report.json');
      expect(temp).toEqual([expect.stringMatching(/^\.report\.json\.[0-9a-f]{16}\.tmp$/)]);
      names.add(temp[0]);
      if (i === 0) await out.abort();
      else await out.commit();
    }
    expect(names.size).toBe(2);
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('refuses -o or --rejects that is an input, and leaves the input as it was', () => {
    const dir = tempDir();
    const input = file(dir, 'in.csv', readFileSync(sample));
    const before = readFileSync(input, 'utf8');
    for (const args of [
      ['-o', input],
      ['--rejects', input],
      ['-o', `${dir}/../${dir.split('/').pop()}/in.csv`],
    ]) {
      // --format given: a .csv name is otherwise refused for report first (it writes no CSV).
      const r = srp(['report', '--format', 'text', ...args, input]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/is an input of this run/);
    }
    expect(readFileSync(input, 'utf8')).toBe(before);
  });

  it('refuses -o that is the mapping, the model or the studies table of the run (exit 2), leaving it as it was', () => {
    const dir = tempDir();
    const input = file(dir, 'in.csv', readFileSync(sample));
    const mapping = file(dir, 'map.json', '{"columns": {}}');
    const model = file(dir, 'model.json', readFileSync(`${root}data/models/default.json`));
    for (const args of [
      ['report', '--map', mapping, '-o', mapping],
      ['report', '--model', model, '-o', model],
      ['meta', '--by', 'year', '--studies', mapping, '-o', mapping],
    ]) {
      const r = srp([...args, input]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/is an input of this run/);
    }
    expect(readFileSync(mapping, 'utf8')).toBe('{"columns": {}}');
  });

  it('writes --rejects even when --strict stops the run', () => {
    const dir = tempDir();
    const r = srp(['report', '--strict', '--rejects', `${dir}/rejects.csv`, sample]);
    expect(r.code).toBe(3);
    expect(readFileSync(`${dir}/rejects.csv`, 'utf8').split('\n')[1]).toMatch(/sample-incidents.csv,419,priority,Sev-X,unknown_word,/);
  });

  it('leaves no temporary file after SIGTERM or SIGINT, and none from standard input', async () => {
    const dir = tempDir();
    const big = file(
      dir,
      'big.csv',
      'case_id,severity,post_satisfaction\n' + Array.from({ length: 400_000 }, (_, i) => `C${i},0.${i % 10},${i % 5}`).join('\n') + '\n',
    );
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const child = spawn(process.execPath, [`${root}bin/srp.js`, 'score', '--format', 'csv', '-o', `${dir}/out.csv`, big]);
      await new Promise((r) => setTimeout(r, 700));
      child.kill(signal);
      const code = await new Promise((resolve) => child.on('exit', (c, s) => resolve(c ?? s)));
      expect(code).toBe(signal === 'SIGTERM' ? 143 : 130);
      expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    }
    const before = readdirSync('/tmp').filter((n) => n.startsWith('srp-stdin-')).length;
    const child = spawn(process.execPath, [`${root}bin/srp.js`, 'report', '-']);
    child.stdin.write('case_id,severity,post_satisfaction\nA,0.2,3\n');
    await new Promise((r) => setTimeout(r, 500));
    child.kill('SIGTERM');
    await new Promise((resolve) => child.on('exit', resolve));
    expect(readdirSync('/tmp').filter((n) => n.startsWith('srp-stdin-')).length).toBe(before);
  });

  it('writes a large output with -o without listener warnings', () => {
    const dir = tempDir();
    const r = srp(['score', '--quiet', '--format', 'ndjson', '-o', `${dir}/out.ndjson`, sample]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('names from the data in the HTML report', () => {
  it('a hostile --by column name reaches no chart as a control character (Vega reads a title\'s backslash escapes back into them)', () => {
    const dir = tempDir();
    const by = 'team\u001b]0;HDR\u0007<script>x</script>\u202e';
    const rows = Array.from({ length: 40 }, (_, i) => `c${i},${1 + (i % 5)},${1 + ((i * 3) % 5)},${i % 2 ? 'A' : 'B'}`);
    const r = srp(['report', '--format', 'html', '--by', by, file(dir, 'h.csv', [`case_id,pre_satisfaction,post_satisfaction,${by}`, ...rows].join('\n') + '\n')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(RAW);
    expect(r.stdout).not.toMatch(/<script/);
    expect(r.stdout).toMatch(/aria-label="[^"]*team⧵e\]0;HDR⧵u0007&lt;script&gt;/);
  });
});

describe('data on standard error', () => {
  it('shows escapes, controls and bidi characters from the data escaped, in bounded lines', () => {
    const dir = tempDir();
    const evil = 'x\u001b]0;pwned\u0007\u001b[2J\r\u202eevil\u200b';
    const rejected = srp(['report', '--strict', file(dir, 'a.csv', `case_id,severity\nA,"${evil}"\n`)]);
    expect(rejected.code).toBe(3);
    expect(rejected.stderr).not.toMatch(RAW);
    expect(rejected.stderr).toContain('\\e]0;pwned\\u0007\\e[2J\\r\\u202eevil\\u200b');
    const header = srp(['report', file(dir, 'b.csv', `"h${evil}",other\n1,2\n`)]);
    expect(header.code).toBe(3);
    expect(header.stderr).not.toMatch(RAW);
    const by = srp(['report', '--by', `no${evil}`, sample]);
    expect(by.stderr).not.toMatch(RAW);
    writeFileSync(`${dir}/map.json`, JSON.stringify({ columns: { severity: `col${evil}` } }));
    expect(srp(['report', '--map', `${dir}/map.json`, sample]).stderr).not.toMatch(RAW);
    const long = srp(['report', file(dir, 'c.csv', `${'h'.repeat(1 << 20)},x\n1,2\n`)]);
    expect(long.code).toBe(3);
    expect(Math.max(...long.stderr.split('\n').map((l) => l.length))).toBeLessThan(2200);
  });

  it('refuses a UTF-32 file in one clean line', () => {
    const dir = tempDir();
    const utf32 = Buffer.alloc(4 * 40);
    Buffer.from('case_id,severity\nA,0.1\nB,0.2\nC,0.3\n').forEach((b, i) => utf32.writeUInt32LE(b, 4 * i));
    const r = srp(['report', file(dir, 'u32.csv', utf32)]);
    expect(r.code).toBe(3);
    expect(r.stderr).not.toMatch(RAW);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('hostile expressions, mappings and models', () => {
  it('--fail-if reads own fields only, is bounded, and takes negative numbers', () => {
    for (const expr of ['constructor', '__proto__ > 0', 'toString', 'input.constructor > 0', 'input.rows.toFixed > 0']) {
      const r = srp(['report', '--fail-if', expr, sample]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/is not a field of the result/);
    }
    const deep = srp(['report', '--fail-if', `${'('.repeat(3000)}input.rows > 1${')'.repeat(3000)}`, sample]);
    expect(deep.code).toBe(2);
    expect(deep.stderr).toMatch(/at most 1000 are read|nested more than/);
    expect(srp(['report', '--fail-if', `${'not '.repeat(100)}input.rows > 1`, sample]).code).toBe(2);
    expect(srp(['report', '--fail-if', 'predicted.mean_probability > -0.2', sample]).code).toBe(1);
    expect(srp(['report', '--fail-if', 'predicted.mean_probability < -0.2', sample]).code).toBe(0);
  });

  it('refuses prototype keys, unknown keys, bad constants and sizes in a mapping with exit 2 naming the path; reads one saved with a BOM', () => {
    const dir = tempDir();
    const cases: [unknown, RegExp][] = [
      [{ columns: { constructor: 'x' } }, /columns: unknown key 'constructor'/],
      [{ columns: { severity: { value: 'banana' } } }, /columns.severity.value: 'banana' is not a number or a known severity word/],
      [{ columns: { severity: { value: 7 } } }, /columns.severity.value: 7 is outside \[0, 1\]/],
      [{ columns: { severity: { column: 'priority', default: 'soon' } } }, /columns.severity.default: 'soon'/],
      [{ columns: {}, toString: 1 }, /unknown key 'toString'/],
    ];
    for (const [json, message] of cases) {
      writeFileSync(`${dir}/m.json`, JSON.stringify(json));
      const r = srp(['report', '--map', `${dir}/m.json`, sample]);
      expect(r.code, JSON.stringify(json)).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain(`${dir}/m.json`);
    }
    writeFileSync(`${dir}/proto.json`, '{"columns":{"__proto__":{"column":"x"}}}');
    expect(srp(['report', '--map', `${dir}/proto.json`, sample]).stderr).toMatch(/unknown key '__proto__'/);
    writeFileSync(`${dir}/bom.json`, '\uFEFF{"columns":{"severity":"priority"}}');
    expect(srp(['report', '--map', `${dir}/bom.json`, sample]).code).toBe(0);
    writeFileSync(`${dir}/huge.json`, `{"columns":{}, "description": "${'x'.repeat(5 << 20)}"}`);
    expect(srp(['report', '--map', `${dir}/huge.json`, sample]).stderr).toMatch(/a mapping or model file is at most/);
  });

  it('refuses a number beyond a double (1e999, read by JSON.parse as infinity) in a model (exit 4) or a mapping (exit 2), naming where', () => {
    const dir = tempDir();
    writeFileSync(`${dir}/model.json`, readFileSync(`${root}data/models/default.json`, 'utf8').replace('"value": -2.5,', '"value": -2.5e999,'));
    for (const command of ['report', 'score', 'sql']) {
      const r = srp([command, '--model', `${dir}/model.json`, sample]);
      expect(r.code, command).toBe(4);
      expect(r.stderr).toBe(`srp: ${dir}/model.json: coefficients.severity.value: a number beyond ±1.8e308, which no double holds\n`);
    }
    writeFileSync(`${dir}/map.json`, '{"columns":{"severity":{"from":"severity","scale":[0,1e999]}}}');
    const r = srp(['report', '--map', `${dir}/map.json`, sample]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`srp: ${dir}/map.json: columns.severity.scale.1: a number beyond ±1.8e308, which no double holds\n`);
  });

  it('refuses a fitted model whose terms lack an interval, or carry text for one, with exit 4', () => {
    const dir = tempDir();
    const fitted = JSON.parse(srp(['fit', '--format', 'json', `${root}test/fixtures/r/within-500.csv`]).stdout);
    for (const [what, change] of [
      ['no ci', (t: any) => delete t.ci],
      ['text ci', (t: any) => (t.ci = 'oops')],
    ] as const) {
      const doc = JSON.parse(JSON.stringify(fitted));
      change(doc.terms[1]);
      writeFileSync(`${dir}/model.json`, JSON.stringify(doc));
      const r = srp(['report', '--format', 'html', '--model', `${dir}/model.json`, sample]);
      expect(r.code, what).toBe(4);
      expect(r.stderr).toMatch(/terms.1/);
    }
  });
});

describe('exit 70 is for bugs only', () => {
  it('an HTML report by segment where no case ended "not restored"', () => {
    const dir = tempDir();
    const r = srp([
      'report',
      '--format',
      'html',
      '--by',
      'team',
      file(dir, 'nr.csv', 'case_id,team,severity,pre_satisfaction,post_satisfaction\nA,x,0.2,3,4\nB,y,0.3,3,3\nC,x,0.1,2,5\n'),
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/No case in any team ended below/);
  });

  it('a closed standard error does not stop a run', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${root}bin/srp.js" report --format json "${sample}" 2>&-`], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(existsSync(sample)).toBe(true);
  });
});
