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

// prettier-ignore
export const CANONICAL = {
  case_id: { kind: 'id', aliases: ['ticket id', 'ticket number', 'case number', 'case no', 'incident id', 'incident number', 'issue key', 'problem number', 'sr number', 'request id', 'conversation id', 'id', 'number', 'key', 'case', 'ticket', 'incident', 'case id', 'issue id', 'record id', 'zaak', 'zaaknummer', 'ticketnummer', 'dossier', 'ärende', 'ärendenummer'] },
  severity: { kind: 'factor', aliases: ['priority', 'ticket priority', 'case priority', 'issue priority', 'severity level', 'impact', 'sr latest impact', 'problem impact', 'urgency', 'sev', 'prioriteit', 'ernst', 'urgentie', 'priorite', 'gravite', 'prioritet', 'allvarlighetsgrad'] },
  prior_failures: { kind: 'count', aliases: ['prior failures', 'previous failures', 'prior incidents', 'previous incidents', 'failures before', 'eerdere storingen', 'eerdere klachten', 'pannes precedentes', 'tidigare fel'] },
  controllability: { kind: 'factor', aliases: ['cause', 'cause type', 'failure cause', 'root cause', 'responsible party', 'control', 'controllable', 'cause owner', 'attribution', 'oorzaak', 'cause de la panne', 'orsak', 'beheersbaarheid', 'maitrise', 'kontrollerbarhet'] },
  stability: { kind: 'factor', aliases: ['recurrence', 'recurring', 'recurrent', 'repeat cause', 'terugkerend', 'recidive', 'récurrent', 'récurrente', 'återkommande', 'stable cause', 'stabiliteit', 'stabilite', 'stabilitet'] },
  recovery_quality: { kind: 'factor', aliases: ['recovery', 'recovery score', 'herstel', 'herstelkwaliteit', 'qualite de recuperation', 'atgardskvalitet'] },
  compensation: { kind: 'component', aliases: ['refund', 'credit', 'voucher', 'compensatie', 'vergoeding', 'dedommagement', 'kompensation', 'ersattning'] },
  apology: { kind: 'component', aliases: ['apologised', 'apologized', 'excuses', 'excuus', 'ursakt'] },
  explanation: { kind: 'component', aliases: ['explained', 'uitleg', 'verklaring', 'forklaring'] },
  prevention: { kind: 'component', aliases: ['prevented', 'preventie', 'forebyggande'] },
  responsibility: { kind: 'component', aliases: ['took responsibility', 'ownership', 'verantwoordelijkheid', 'responsabilite', 'ansvar'] },
  response_hours: { kind: 'hours', aliases: ['response time hours', 'hours to respond', 'first response hours', 'first response time (in hrs)', 'first response time (hours)', 'reactietijd uren', 'svarstid timmar'] },
  pre_satisfaction: { kind: 'satisfaction', aliases: ['pre', 'satisfaction before', 'csat before', 'pre csat', 'before', 'tevredenheid voor', 'satisfaction avant', 'nojdhet fore'] },
  post_satisfaction: { kind: 'satisfaction', aliases: ['post', 'satisfaction after', 'csat after', 'post csat', 'after', 'csat', 'csat score', 'csat rating', 'satisfaction score', 'satisfaction rating', 'customer satisfaction', 'customer satisfaction rating', 'customer satisfaction score', 'custom field (satisfaction)', 'survey results', 'satisfaction', 'review score', 'review rating', 'rating', 'tevredenheid na', 'tevredenheid', 'satisfaction apres', 'nojdhet efter', 'nojdhet'] },
  group: { kind: 'group', aliases: ['condition', 'arm', 'failure', 'had failure', 'failed', 'late', 'is late', 'late delivery', 'delayed', 'delivery late', 'delivery status', 'delivery', 'groep', 'groupe', 'grupp', 'te laat', 'en retard', 'forsenad'] },
  customer_id: { kind: 'text', aliases: ['customer email', 'requester email', 'contact email', 'reporter (email)', 'web email', 'email', 'customer unique id', 'client id', 'caller id', 'requester id', 'caller', 'requester', 'reporter', 'contact', 'customer', 'client', 'klant', 'klantnummer', 'kund', 'kundnummer'] },
  date: { kind: 'date', aliases: ['created', 'created at', 'created time', 'created date', 'create date', 'date created', 'date/time opened', 'opened', 'opened at', 'date opened', 'sys created at', 'incident date', 'submitted at', 'datum', 'aangemaakt', 'cree le', 'skapad'] },
} satisfies Record<string, ColumnDef>;

export type Canonical = keyof typeof CANONICAL;
export const CANONICAL_NAMES = Object.keys(CANONICAL) as Canonical[];

/** How a header reads for matching: folded, with `_`, `-` and spaces alike. */
export const headerKey = (header: string) => fold(header);

/** A header that may hold a canonical column: `exact` when spelled as srp's own name (`post_satisfaction`). */
export interface Candidate {
  index: number;
  exact: boolean;
}

/**
 * Canonical column → the header's columns that may hold it, the likeliest first: srp's own name
 * spelled exactly, then the name in another case or spacing, then aliases, earlier aliases (the more
 * specific) first, then by position. A header column is a candidate for one canonical column only.
 */
export function headerCandidates(header: string[]): Map<Canonical, Candidate[]> {
  const keys = header.map(headerKey);
  const out = new Map<Canonical, Candidate[]>();
  const taken = new Set<number>();
  const add = (name: Canonical, index: number, exact: boolean) => {
    taken.add(index);
    const list = out.get(name) ?? [];
    list.push({ index, exact });
    out.set(name, list);
  };
  for (const name of CANONICAL_NAMES) {
    const same = keys.flatMap((k, i) => (k === headerKey(name) ? [i] : []));
    same.sort((a, b) => Number(header[b].trim() === name) - Number(header[a].trim() === name) || a - b);
    for (const i of same) add(name, i, header[i].trim() === name);
  }
  for (const name of CANONICAL_NAMES) {
    const aliases = CANONICAL[name].aliases.map(headerKey);
    const found = keys.flatMap((k, i) => (!taken.has(i) && aliases.includes(k) ? [i] : []));
    found.sort((a, b) => aliases.indexOf(keys[a]) - aliases.indexOf(keys[b]) || a - b);
    for (const i of found) add(name, i, false);
  }
  return out;
}
