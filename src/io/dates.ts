/**
 * Dates as tools write them (SPEC §3.2): ISO with or without time and offset; day-first and
 * month-first with `/`, `-` or `.` and two- or four-digit years; month names and abbreviations in
 * English, Dutch, French and Swedish (`01/Mar/24 05:00 PM` from Jira, `3 mars 2024`, `12 okt. 2024`,
 * `Mar 3, 2024`); 24- and 12-hour clocks. A time without an offset is read as UTC (exports write
 * local times; the order of events and the week they fall in are what srp uses them for).
 */
import { fold } from './words.js';

export type DateOrder = 'ymd' | 'dmy' | 'mdy';

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d/.-])/;
const LOCAL = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?![\d/.-])/;
/** `3 mars 2024`, `12 okt. 2024`, `01/Mar/24`, `3-Mar-2024`. */
const DAY_NAME = /^(\d{1,2})(?:\s*[-/.]\s*|\s+)(\p{L}+)\.?(?:\s*[-/.]\s*|\s+)(\d{4}|\d{2})(?![\d/.-])/u;
/** `Mar 3, 2024`, `March 3rd 2024`. */
const NAME_DAY = /^(\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)/u;
/** A leading weekday: `Tue, 3 Mar 2024`, `mardi 3 mars 2024`, `Monday, March 4, 2024`. */
const WEEKDAY = /^(\p{L}+)\.?,?\s+/u;
const WEEKDAYS = new Set(
  'monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun maandag dinsdag woensdag donderdag vrijdag zaterdag zondag lundi mardi mercredi jeudi vendredi samedi dimanche mandag tisdag onsdag torsdag fredag lordag sondag'.split(
    ' ',
  ),
);
/** What may follow the date: a time, a 12-hour mark, an offset or UTC. */
const TIME =
  /^(?:[T ,]+|\s+(?:at|om|à|kl\.?)\s+)?(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,]\d+)?)?\s*(?:([ap])\.?\s?m\.?)?\s*(?:(Z|UTC|GMT)|([+-])(\d{2})(?::?(\d{2}))?)?$/i;
const ZONE_ONLY = /^\s*(?:Z|UTC|GMT)?$/i;

const MONTHS = new Map<string, number>();
for (const [month, names] of [
  [1, 'january jan januari janvier janv'],
  [2, 'february feb februari fevrier fevr fev'],
  [3, 'march mar maart mrt mars'],
  [4, 'april apr avril avr'],
  [5, 'may mei mai maj'],
  [6, 'june jun juni juin'],
  [7, 'july jul juli juillet juil'],
  [8, 'august aug augustus aout augusti'],
  [9, 'september sep sept septembre'],
  [10, 'october oct oktober okt octobre'],
  [11, 'november nov novembre'],
  [12, 'december dec december decembre'],
] as const)
  for (const name of names.split(' ')) MONTHS.set(name, month);

const monthOf = (name: string) => MONTHS.get(fold(name)) ?? null;
const fullYear = (text: string) => (text.length === 2 ? Number(text) + (Number(text) < 70 ? 2000 : 1900) : Number(text));

/** Milliseconds since the epoch (UTC), or null when the text is no valid date in that order. */
export function parseDate(text: string, order: DateOrder): number | null {
  let s = text.trim();
  let y: number, mo: number | null, d: number;
  let m = ISO.exec(s);
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = LOCAL.exec(s))) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    y = fullYear(m[3]);
    [d, mo] = order === 'mdy' ? [b, a] : [a, b];
  } else {
    const w = WEEKDAY.exec(s);
    if (w && WEEKDAYS.has(fold(w[1]))) s = s.slice(w[0].length);
    if ((m = DAY_NAME.exec(s))) [d, mo, y] = [Number(m[1]), monthOf(m[2]), fullYear(m[3])];
    else if ((m = NAME_DAY.exec(s))) [mo, d, y] = [monthOf(m[1]), Number(m[2]), Number(m[3])];
    else return null;
  }
  if (mo === null || y < 1 || mo < 1 || mo > 12 || d < 1 || d > new Date(utc(y, mo, 0)).getUTCDate()) return null;
  const rest = s.slice(m[0].length);
  if (ZONE_ONLY.test(rest)) return utc(y, mo - 1, d);
  const t = TIME.exec(rest);
  if (!t) return null;
  let h = Number(t[1]);
  const [mi, sec] = [Number(t[2]), Number(t[3] ?? 0)];
  if (t[4]) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (t[4].toLowerCase() === 'p' ? 12 : 0);
  }
  if (h > 23 || mi > 59 || sec > 59) return null;
  // ISO 8601 offsets: +02:00, +0200 or +02 (as PostgreSQL and DuckDB write a time zone).
  const offset = t[6] ? (t[6] === '-' ? -1 : 1) * (Number(t[7]) * 60 + Number(t[8] ?? 0)) * 60_000 : 0;
  return utc(y, mo - 1, d, h, mi, sec) - offset;
}

/** Date.UTC for every year from 1 (Date.UTC reads the years 0–99 as 1900–1999). */
function utc(y: number, mo: number, d: number, h = 0, mi = 0, sec = 0): number {
  const t = new Date(Date.UTC(2000, 0, 1, h, mi, sec));
  t.setUTCFullYear(y, mo, d);
  return t.getTime();
}

/**
 * Which order local dates are in, from a sample: a first part above 12 means day-first,
 * a second part above 12 month-first. `ambiguous` when the sample cannot tell.
 */
export function inferDateOrder(sample: string[]): { order: DateOrder; ambiguous: boolean } {
  let dayFirst = false;
  let monthFirst = false;
  let local = false;
  for (const text of sample) {
    const m = LOCAL.exec(text.trim());
    if (!m) continue;
    local = true;
    if (Number(m[1]) > 12) dayFirst = true;
    if (Number(m[2]) > 12) monthFirst = true;
  }
  if (monthFirst && !dayFirst) return { order: 'mdy', ambiguous: false };
  return { order: 'dmy', ambiguous: local && !dayFirst };
}

/** A date order as people name it (iso, dmy, day-first, mm/dd/yyyy, …), or null. */
export function parseDateOrder(value: string): DateOrder | null {
  const v = value.toLowerCase().replace(/[^a-z]/g, '');
  const named: Record<string, DateOrder> = {
    ymd: 'ymd',
    iso: 'ymd',
    dmy: 'dmy',
    ddmmyyyy: 'dmy',
    dayfirst: 'dmy',
    mdy: 'mdy',
    mmddyyyy: 'mdy',
    monthfirst: 'mdy',
  };
  return Object.hasOwn(named, v) ? named[v] : null;
}
