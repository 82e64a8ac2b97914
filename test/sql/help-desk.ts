/** A generated help-desk export and its mapping: values tables, scales, an expression, missing markers, per-customer history. */

/** An export as a help desk writes it: priorities as numbers on 1–4, causes as words, refunds yes/no, CSAT 1–5 with gaps and markers. */
export function helpDeskExport(rows: number, seed: number): string {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19);
  const lines = ['Ticket,Requester,Created,Resolved,Impact,Cause,Refund,CSAT'];
  for (let i = 1; i <= rows; i++) {
    const created = Date.UTC(2025, 0, 1) + Math.floor(rand() * 3e10);
    const resolved = created + Math.floor(rand() * 4e8);
    lines.push(
      [
        `T${i}`,
        `C${Math.floor(rand() * rows * 0.2)}`,
        iso(created).replace('T', ' '),
        iso(resolved),
        pick(['1', '2', '3', '4', 'N/A']),
        pick(['internal', 'external', 'Vendor', 'shared', '?']),
        pick(['Yes', 'No', 'yes', '']),
        pick(['1', '2', '3', '4', '5', '', 'Not Offered']),
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
}

export const HELP_DESK_MAPPING = {
  columns: {
    case_id: 'Ticket',
    severity: { column: 'Impact', scale: [1, 4] },
    controllability: { column: 'Cause', values: { Vendor: 'external' } },
    compensation: { column: 'Refund' },
    response_hours: { expr: 'hours(Created, Resolved)' },
    post_satisfaction: { column: 'CSAT', scale: [1, 5] },
    pre_satisfaction: { derive: 'previous_value', of: 'post_satisfaction', customer: 'Requester', date: 'Created' },
    prior_failures: { derive: 'previous_cases', customer: 'Requester', date: 'Created' },
  },
};

/** A baseline design with groups: failure, control and cases of unknown group (blank, a marker), percentages on 0–1 and 0–100. */
export function baselineGroups(n: number): string {
  const groups = ['failure', 'failure', 'control', '', '?'];
  const rows = Array.from({ length: n }, (_, i) => {
    const severity = i % 7 === 0 ? `${(i * 13) % 100}%` : String(((i * 37) % 100) / 100);
    const post = i % 5 === 0 ? `${(i * 11) % 101}%` : String((i * 17) % 101);
    return `B${i},${groups[i % groups.length]},${severity},${((i * 7) % 10) / 10},${post}`;
  });
  return ['case_id,group,severity,recovery_quality,post_satisfaction', ...rows].join('\n') + '\n';
}

/**
 * The help-desk export at the edges: cells padded with tabs and no-break spaces, and the dates of
 * `Created` in every ISO form (a `T` or a space, seconds or none, fractions, `Z` or an offset with
 * or without seconds, leap days) beside ISO-shaped dates that are none (30 February, month 13,
 * 24:00, a 60th second, 29 February of a common year), which srp rejects.
 */
export function edgeExport(rows: number, seed: number): string {
  const [head, ...lines] = helpDeskExport(rows, seed).trim().split('\n');
  const forms = [
    (d: string) => d,
    (d: string) => d.replace(' ', 'T'),
    (d: string) => d.slice(0, 16),
    (d: string) => `${d.slice(0, 16).replace(' ', 'T')}Z`,
    (d: string) => `${d.slice(0, 16)}+02:00`,
    (d: string) => `${d.slice(0, 16)}-0530`,
    (d: string) => `${d}.${String(d.charCodeAt(18) * 7).padStart(3, '0')}`,
    (d: string) => `${d}.5Z`,
    (d: string) => d.slice(0, 10),
  ];
  const impossible = ['2025-02-30 10:00', '2025-13-01', '2025-01-05 24:00', '2025-01-05 10:00:60', '2025-02-29', '2025-04-31T08:00Z', '2025-01-05 10:61'];
  return (
    [
      head,
      ...lines.map((line, i) => {
        const cells = line.split(',');
        cells[2] = i % 53 === 7 ? impossible[(i / 53) % impossible.length | 0] : i % 61 === 3 ? '2024-02-29 12:00' : forms[i % forms.length](cells[2]);
        if (i % 5 === 1) cells[4] = `\t${cells[4]}`;
        if (i % 7 === 2) cells[7] = `${cells[7]}\u00a0`;
        return cells.join(',');
      }),
    ].join('\n') + '\n'
  );
}
