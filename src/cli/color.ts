/**
 * Decides the colour level once (NOTES.md: chalk ignores NO_COLOR): `--no-color` or a non-empty
 * NO_COLOR → none; a non-empty FORCE_COLOR → on (unless "0" or "false"); otherwise colour only on
 * a terminal.
 */
export function colorLevel(flag: boolean, env: NodeJS.ProcessEnv, isTTY: boolean): 0 | 1 | 2 | 3 {
  if (!flag) return 0;
  if (env.NO_COLOR) return 0;
  if (env.FORCE_COLOR) return env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false' ? 0 : 1;
  return isTTY && env.TERM !== 'dumb' ? 1 : 0;
}
