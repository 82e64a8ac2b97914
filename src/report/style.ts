/** Colour for text output only, at the level the CLI decided; identity functions at level 0. */
import { Chalk } from 'chalk';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  good(s: string): string;
  bad(s: string): string;
  warn(s: string): string;
}

export function makeStyle(level: 0 | 1 | 2 | 3): Style {
  const c = new Chalk({ level });
  return { bold: c.bold, dim: c.dim, good: c.green, bad: c.red, warn: c.yellow };
}

export const plainStyle = makeStyle(0);
