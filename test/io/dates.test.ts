/**
 * Dates as the tools write them (SPEC §3.2): ISO with and without offsets, day-first and
 * month-first, 12-hour clocks, month names in English, Dutch, French and Swedish, and what is not a
 * date. Expected values are written out as UTC instants.
 */
import { describe, expect, it } from 'vitest';
import { inferDateOrder, parseDate } from '../../src/io/dates.js';

const utc = (iso: string) => Date.parse(`${iso}Z`);

describe('parseDate', () => {
  it.each([
    ['2024-03-01', 'dmy', '2024-03-01T00:00:00'],
    ['2024-03-01T17:00', 'dmy', '2024-03-01T17:00:00'],
    ['2024-03-01 17:00:00.123', 'dmy', '2024-03-01T17:00:00'],
    ['2024-03-01T17:00:00Z', 'dmy', '2024-03-01T17:00:00'],
    ['2024-03-01T17:00:00+01:00', 'dmy', '2024-03-01T16:00:00'],
    ['2024-03-01 17:00:00 -0500', 'dmy', '2024-03-01T22:00:00'],
    ['2010-03-31T15:59:42+02:00', 'dmy', '2010-03-31T13:59:42'],
    // An offset in hours only, as PostgreSQL and DuckDB write a TIMESTAMPTZ as text.
    ['2024-04-01 05:00:00+00', 'dmy', '2024-04-01T05:00:00'],
    ['2024-04-01 05:00:00-05', 'dmy', '2024-04-01T10:00:00'],
    ['29/2/2016 01:16', 'dmy', '2016-02-29T01:16:00'],
    ['5/3/2016 12:00', 'dmy', '2016-03-05T12:00:00'],
    ['5/3/2016 12:00', 'mdy', '2016-05-03T12:00:00'],
    ['31.12.2024 23:59:59', 'dmy', '2024-12-31T23:59:59'],
    ['01/Mar/24 05:00 PM', 'dmy', '2024-03-01T17:00:00'],
    ['25/Feb/26 3:51 PM', 'dmy', '2026-02-25T15:51:00'],
    ['01/Mar/24 12:00 AM', 'dmy', '2024-03-01T00:00:00'],
    ['01/Mar/24 12:30 PM', 'dmy', '2024-03-01T12:30:00'],
    ['02/23/20 6:12 PM', 'mdy', '2020-02-23T18:12:00'],
    ['3 mars 2024', 'dmy', '2024-03-03T00:00:00'],
    ['1 août 2024 à 14:05', 'dmy', '2024-08-01T14:05:00'],
    ['12 déc. 2023', 'dmy', '2023-12-12T00:00:00'],
    ['12 okt. 2024', 'dmy', '2024-10-12T00:00:00'],
    ['5 mei 2024 om 9:30', 'dmy', '2024-05-05T09:30:00'],
    ['3 maj 2024 kl. 14.30', 'dmy', '2024-05-03T14:30:00'],
    ['Mar 3, 2024', 'dmy', '2024-03-03T00:00:00'],
    ['March 3rd 2024 5:30 pm', 'dmy', '2024-03-03T17:30:00'],
    ['Tue, 5 Mar 2024 10:00 GMT', 'dmy', '2024-03-05T10:00:00'],
    ['mardi 5 mars 2024', 'dmy', '2024-03-05T00:00:00'],
  ] as const)('%s (%s) is %s', (text, order, iso) => expect(parseDate(text, order)).toBe(utc(iso)));

  it.each([['2024-02-30'], ['31/04/2024'], ['13/Foo/24'], ['2024-03-01 garbage'], ['2024-03-01 13:00 PM'], ['2024-03-01 24:00'], ['someday'], ['12'], ['']])(
    '%j is not a date',
    (text) => expect(parseDate(text, 'dmy')).toBeNull(),
  );
});

describe('inferDateOrder', () => {
  it('reads the order from numbers above 12, and says when it cannot tell', () => {
    expect(inferDateOrder(['02/23/20 6:12 PM', '03/02/20 8:05 AM'])).toEqual({ order: 'mdy', ambiguous: false });
    expect(inferDateOrder(['29/2/2016 01:16'])).toEqual({ order: 'dmy', ambiguous: false });
    expect(inferDateOrder(['03/04/2024'])).toEqual({ order: 'dmy', ambiguous: true });
    expect(inferDateOrder(['01/Mar/24 05:00 PM', '2024-03-01'])).toEqual({ order: 'dmy', ambiguous: false });
  });
});
