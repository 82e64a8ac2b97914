/** A real PostgreSQL server for the SQL tests: Debian's postgresql, a private socket, port and data directory, stopped afterwards. */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, readdirSync } from 'node:fs';
import { tempDir } from '../helpers.js';

/** A private PostgreSQL server, or why there is none. */
export function startPostgres(portOffset: number): { psql: (args: string[]) => string; stop: () => void } | string {
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
  return {
    psql: (args) =>
      execFileSync('psql', ['-q', '-X', '-v', 'ON_ERROR_STOP=1', '-h', home, '-p', port, '-U', 'srp', '-d', 'postgres', ...args], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      }),
    stop: () => void run(`${bin}/pg_ctl`, ['-D', `${home}/data`, '-m', 'fast', '-w', 'stop']),
  };
}
