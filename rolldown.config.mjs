/**
 * The command line's bundle (npm run build, after tsc): dist/cli/main.js and the report's worker
 * thread as entries, srp's own modules joined into a few files in dist/bundle/, dependencies left to
 * node_modules (but one, below). Node 20 loads a few files much faster than many (a report loads 19 of srp's files
 * instead of 72, `--version` 6 instead of 48: about 30 ms of every run, measured on a 2,000-row
 * report); commands load their chunks (HTML, DuckDB, statistics) only when run.
 * dist/bundle/ sits two folders under the package, as every dist module does, so the paths modules
 * build from import.meta.url (data/, package.json, ./worker.js) hold in both.
 */
export default {
  input: { main: 'dist/cli/main.js', worker: 'dist/commands/report/worker.js' },
  platform: 'node',
  // Dependencies are left to node_modules, but for simple-statistics: a report needs two of its
  // functions, and loading its 167 kB module took 11 ms of every run (15 runs against node alone).
  external: (id) => !id.startsWith('.') && !id.startsWith('/') && id !== 'simple-statistics',
  output: { dir: 'dist/bundle', format: 'esm' },
  logLevel: 'warn',
};
