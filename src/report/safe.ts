/**
 * Output that is safe to print and to open (SPEC §4): no terminal escapes from data reach a
 * terminal, and no CSV cell starts a spreadsheet formula.
 */

// ANSI/VT escape sequences (CSI, OSC, and single ESC codes), then any other control character.
const ESCAPES = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])|\u009b[0-?]*[ -/]*[@-~]/g;
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Text from data, fit for a terminal or a Markdown table: escapes removed, controls shown as `?`. */
export function printable(text: string): string {
  return text.replace(ESCAPES, '').replace(CONTROLS, '?').replace(/[\r\n\t]/g, ' ');
}

/** A CSV cell: quoted when needed; a leading = + - @ tab or CR is neutralised with a quote mark (OWASP). */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let s = value.replace(ESCAPES, '').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A Markdown table cell. */
export function markdownCell(value: string): string {
  return printable(value).replace(/\|/g, '\\|');
}
