/** A real PostgreSQL server for the SQL tests: Debian's postgresql, a private socket, port and data directory, stopped afterwards. */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { afterAll } from 'vitest';
import { tempDir } from '../helpers.js';

export interface Postgres {
  /** Loads a CSV file, every column as text, into the table `export`. */
  load(file: string): void;
  /** A query's result as CSV with a header line. */
  csv(sql: string): string;
}

/**
 * A private PostgreSQL server for one test file (stopped after it), or why there is none (said once,
 * so that a skipped test says why). `portOffset` keeps two files' servers apart.
 */
export function testPostgres(name: string, portOffset: number): Postgres | string {
  const server = startPostgres(portOffset);
  if (typeof server === 'string') {
    console.warn(`${name}: the PostgreSQL tests are skipped: ${server}`);
    return server;
  }
  afterAll(server.stop);
  return server;
}

function startPostgres(portOffset: number): (Postgres & { stop: () => void }) | string {
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql') : [];
  if (!versions.length) return 'PostgreSQL is not installed (Debian package postgresql)';
  const bin = `/usr/lib/postgresql/${versions.sort().at(-1)}/bin`;
  const home = tempDir();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(home, Number(execFileSync('id', ['-u', 'postgres']).toString()), 0);
  const run = (cmd: string, args: string[]) =>
    asRoot ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8' }) : spawnSync(cmd, args, { encoding: 'utf8' });
  const port = String(56000 + ((process.pid * 2 + portOffset) % 2000));
  if (run(`${bin}/initdb`, ['-D', `${home}/data`, '-A', 'trust', '-U', 'srp']).status !== 0) return 'initdb failed';
  const started = run(`${bin}/pg_ctl`, ['-D', `${home}/data`, '-o', `-p ${port} -k ${home} -c listen_addresses=''`, '-l', `${home}/log`, '-w', 'start']);
  if (started.status !== 0) return `the server did not start: ${started.stderr}`;
  const psql = (args: string[]) =>
    execFileSync('psql', ['-q', '-X', '-v', 'ON_ERROR_STOP=1', '-h', home, '-p', port, '-U', 'srp', '-d', 'postgres', ...args], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
  return {
    load: (file) => {
      const header = execFileSync('head', ['-1', file], { encoding: 'utf8' }).trim().split(',');
      psql([
        '-c',
        'DROP TABLE IF EXISTS export',
        '-c',
        `CREATE TABLE export (${header.map((h) => `"${h}" text`).join(', ')})`,
        '-c',
        `\\copy export FROM '${file}' CSV HEADER`,
      ]);
    },
    // srp's text as a reader runs it: its settings first, then the query (from a file: it can be longer than an argument may be).
    csv: (sql) => {
      const body = sql.replace(/^--.*\n/gm, '');
      const settings = body.match(/^SET [^;]*;.*\n/gm) ?? [];
      const query = body.replace(/^SET [^;]*;.*\n/gm, '').replace(/;\s*$/, '');
      writeFileSync(`${home}/query.sql`, `${settings.join('')}COPY (${query}) TO STDOUT WITH CSV HEADER;\n`);
      return psql(['-f', `${home}/query.sql`]);
    },
    stop: () => void run(`${bin}/pg_ctl`, ['-D', `${home}/data`, '-m', 'fast', '-w', 'stop']),
  };
}
