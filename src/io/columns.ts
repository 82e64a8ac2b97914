/**
 * The canonical columns of SPEC §3.1, what kind of value each holds, and the header names
 * exports use for them. Headers match case-insensitively with space, `_` and `-` alike.
 */
import { fold } from './words.js';

export type Kind = 'id' | 'text' | 'factor' | 'count' | 'component' | 'hours' | 'satisfaction' | 'group' | 'date';

interface ColumnDef {
  kind: Kind;
  aliases: string[];
}

export const CANONICAL = {
  case_id: { kind: 'id', aliases: ['id', 'case', 'case number', 'case no', 'ticket', 'ticket id', 'ticket number', 'incident', 'incident id', 'incident number', 'number', 'key', 'issue key', 'zaak', 'zaaknummer', 'ticketnummer', 'dossier', 'ärende', 'ärendenummer'] },
  severity: { kind: 'factor', aliases: ['priority', 'ticket priority', 'impact', 'urgency', 'sev', 'prioriteit', 'ernst', 'urgentie', 'priorite', 'gravite', 'prioritet', 'allvarlighetsgrad'] },
  prior_failures: { kind: 'count', aliases: ['prior failures', 'previous failures', 'prior incidents', 'previous incidents', 'failures before', 'eerdere storingen', 'eerdere klachten', 'pannes precedentes', 'tidigare fel'] },
  controllability: { kind: 'factor', aliases: ['cause', 'cause type', 'failure cause', 'root cause', 'responsible party', 'control', 'controllable', 'cause owner', 'attribution', 'oorzaak', 'cause de la panne', 'orsak', 'beheersbaarheid', 'maitrise', 'kontrollerbarhet'] },
  stability: { kind: 'factor', aliases: ['recurrence', 'recurring', 'recurrent', 'repeat cause', 'terugkerend', 'recidive', 'récurrent', 'récurrente', 'återkommande', 'stable cause', 'stabiliteit', 'stabilite', 'stabilitet'] },
  recovery_quality: { kind: 'factor', aliases: ['recovery', 'recovery score', 'herstel', 'herstelkwaliteit', 'qualite de recuperation', 'atgardskvalitet'] },
  compensation: { kind: 'component', aliases: ['refund', 'credit', 'voucher', 'compensatie', 'vergoeding', 'dedommagement', 'kompensation', 'ersattning'] },
  apology: { kind: 'component', aliases: ['apologised', 'apologized', 'excuses', 'excuus', 'ursakt'] },
  explanation: { kind: 'component', aliases: ['explained', 'uitleg', 'verklaring', 'forklaring'] },
  prevention: { kind: 'component', aliases: ['prevented', 'preventie', 'forebyggande'] },
  responsibility: { kind: 'component', aliases: ['took responsibility', 'ownership', 'verantwoordelijkheid', 'responsabilite', 'ansvar'] },
  response_hours: { kind: 'hours', aliases: ['response time hours', 'hours to respond', 'first response hours', 'reactietijd uren', 'svarstid timmar'] },
  pre_satisfaction: { kind: 'satisfaction', aliases: ['pre', 'satisfaction before', 'csat before', 'pre csat', 'before', 'tevredenheid voor', 'satisfaction avant', 'nojdhet fore'] },
  post_satisfaction: { kind: 'satisfaction', aliases: ['post', 'satisfaction after', 'csat after', 'post csat', 'after', 'csat', 'satisfaction', 'customer satisfaction', 'customer satisfaction rating', 'review score', 'review rating', 'rating', 'tevredenheid na', 'tevredenheid', 'satisfaction apres', 'nojdhet efter', 'nojdhet'] },
  group: { kind: 'group', aliases: ['condition', 'arm', 'failure', 'had failure', 'failed', 'late', 'is late', 'late delivery', 'delayed', 'delivery late', 'delivery status', 'delivery', 'groep', 'groupe', 'grupp', 'te laat', 'en retard', 'forsenad'] },
  customer_id: { kind: 'text', aliases: ['customer', 'customer email', 'client', 'client id', 'requester', 'klant', 'klantnummer', 'kund', 'kundnummer'] },
  date: { kind: 'date', aliases: ['created', 'created at', 'opened', 'opened at', 'date opened', 'incident date', 'datum', 'aangemaakt', 'cree le', 'skapad'] },
} satisfies Record<string, ColumnDef>;

export type Canonical = keyof typeof CANONICAL;
export const CANONICAL_NAMES = Object.keys(CANONICAL) as Canonical[];

/** How a header reads for matching: folded, with `_`, `-` and spaces alike. */
export const headerKey = (header: string) => fold(header);

/**
 * Canonical column → index in this header, by exact name first, then by alias (earlier aliases
 * are the more specific); `notes` says where a header offered more than one column for a name.
 */
export function matchHeader(header: string[]): { found: Map<Canonical, number>; notes: string[] } {
  const keys = header.map(headerKey);
  const found = new Map<Canonical, number>();
  const notes: string[] = [];
  const taken = new Set<number>();
  const quote = (i: number) => `'${header[i]}' (column ${i + 1})`;
  for (const name of CANONICAL_NAMES) {
    const same = keys.flatMap((k, i) => (k === headerKey(name) ? [i] : []));
    if (!same.length) continue;
    found.set(name, same[0]);
    taken.add(same[0]);
    if (same.length > 1) notes.push(`${name}: the header has it ${same.length} times; ${quote(same[0])} is used, ${same.slice(1).map(quote).join(', ')} left unused`);
  }
  for (const name of CANONICAL_NAMES) {
    const aliases = CANONICAL[name].aliases.map(headerKey);
    const candidates = keys.flatMap((k, i) => (!taken.has(i) && aliases.includes(k) ? [i] : []));
    if (!candidates.length) continue;
    if (found.has(name)) {
      notes.push(`${name}: ${quote(found.get(name)!)} is used; ${candidates.map(quote).join(', ')}, also a name for it, left unused`);
      continue;
    }
    candidates.sort((a, b) => aliases.indexOf(keys[a]) - aliases.indexOf(keys[b]) || a - b);
    found.set(name, candidates[0]);
    taken.add(candidates[0]);
    if (candidates.length > 1) notes.push(`${name}: ${quote(candidates[0])} is used; ${candidates.slice(1).map(quote).join(', ')}, also a name for it, left unused`);
  }
  return { found, notes };
}
