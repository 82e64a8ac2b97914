/**
 * Output that is safe to print and to open (SPEC §4). Ticket text is written by strangers, and srp
 * runs as root in CI: nothing from the data may drive a terminal (escape sequences), hide or reorder
 * what is shown (bidi overrides, zero-width characters, line separators), run in a Markdown job
 * summary (HTML, links, images) or start a spreadsheet formula. One sanitiser serves every format
 * and standard error alike; each format adds its own escaping on top.
 */

/**
 * Characters that act instead of showing: controls (C0, DEL, C1), format characters (bidi controls,
 * zero-width characters, soft hyphen, BOM), line and paragraph separators, and lone surrogates.
 */
const ACTING = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };
const shown = (ch: string) => NAMED[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Longest data text shown in one place (a message, a cell), in characters. */
export const MAX_SHOWN = 200;

/**
 * Text from data fit for a terminal, a log or a table cell: every acting character shown as an
 * escape (`\e`, `\n`, `\u202e`), and at most `max` characters (the rest counted, not shown).
 * @example visible('\u001b]0;pwned\u0007') // '\\e]0;pwned\\u0007'
 */
export function visible(text: string, max = MAX_SHOWN): string {
  const cut = text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
  return cut.replace(ACTING, shown);
}

/**
 * A table cell of at most `width` characters as shown, escapes included: cut with an ellipsis (the
 * full text is in the other formats).
 */
export function clipped(text: string, width: number): string {
  const shown = visible(text.slice(0, width + 1), width + 1);
  return shown.length > width ? `${shown.slice(0, width - 1)}…` : shown;
}

/** A whole message for standard error: acting characters escaped, one line, capped (a 1 MiB header stays a line). */
export const message = (text: string) => visible(text, 2000);

/** A Markdown table cell or list item: visible, with HTML and Markdown's link, image and emphasis syntax escaped. */
export function markdownCell(value: string, max = MAX_SHOWN): string {
  return visible(value, max)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]()!#|~]/g, (c) => `\\${c}`);
}

/** Text for HTML content or an attribute. */
export function htmlText(value: string, max = MAX_SHOWN): string {
  return visible(value, max).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Acting characters other than the line breaks and tabs a quoted CSV field may hold. */
const CSV_ACTING =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

/**
 * A CSV cell: acting characters shown as escapes (line breaks and tabs stay, quoted), quoted when
 * needed; a leading = + - @ tab or CR is neutralised with a quote mark (OWASP: CSV injection).
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let s = value.replace(CSV_ACTING, shown);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Characters JSON.stringify leaves raw that act when the JSON is shown: DEL, C1, format characters, separators. */
const JSON_ACTING = /[\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}]/gu;
const JSON_ACTING_ANY = /[\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}]/u;

/**
 * JSON text with every acting character written as a \u escape: the same data, read back
 * unchanged, but nothing invisible or terminal-driving when the file is shown. (JSON.stringify
 * already escapes C0 controls and lone surrogates; these occur only inside strings.)
 */
export function jsonSafe(json: string): string {
  return JSON_ACTING_ANY.test(json) ? json.replace(JSON_ACTING, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}
