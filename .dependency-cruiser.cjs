/**
 * The import directions of src/ (README "Layout"; src/README.md): the data's path is the folder
 * order io → model → stats → sql → engine → commands → report → cli, and a folder imports only those before it.
 * case.ts, errors.ts and wording.ts are the vocabulary everyone shares; they import nothing.
 * Checked in `npm test` (test/layout.test.ts).
 */
const later = {
  io: '^src/(model|stats|sql|commands|engine|report|cli)/',
  model: '^src/(stats|sql|commands|engine|report|cli)/',
  stats: '^src/(io|sql|commands|engine|report|cli)/',
  sql: '^src/(commands|engine|report|cli)/',
  commands: '^src/(report|cli)/',
  engine: '^src/(commands|report|cli)/',
  report: '^src/cli/',
};

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'vocabulary-imports-nothing',
      comment: 'case.ts, errors.ts and wording.ts are imported by all and import nothing of srp',
      severity: 'error',
      from: { path: '^src/(case|errors|wording)\\.ts$' },
      to: { path: '^src/' },
    },
    ...Object.entries(later).map(([folder, forbidden]) => ({
      name: `${folder}-imports-only-earlier-folders`,
      comment: `src/${folder}/ comes before ${forbidden} on the data's path`,
      severity: 'error',
      from: { path: `^src/${folder}/` },
      to: { path: forbidden },
    })),
    {
      name: 'library-without-cli',
      comment: 'src/index.ts is the library: no process, no colour, no exit codes',
      severity: 'error',
      from: { path: '^src/index\\.ts$' },
      to: { path: '^src/cli/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
