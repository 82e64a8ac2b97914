/**
 * The words analysts' exports use, in English, Dutch, French and Swedish (SPEC §3.1).
 * Keys are folded: lower case, accents removed, runs of space/_/- made one space.
 * Factor words map onto [0,1], where 0 favours the paradox (Magnini et al. 2007).
 */
export function fold(word: string): string {
  return word.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[\s_\-]+/g, ' ').trim();
}

/**
 * A word's value in a table, also as tools write it: `Sev 2` for `sev2`, and ServiceNow's
 * numbered choices `1 - Critical` or `4 - Low` by their word.
 */
export function lookupWord(table: Map<string, number>, word: string): number | undefined {
  const key = fold(word);
  const hit = table.get(key) ?? table.get(key.replace(/ /g, ''));
  if (hit !== undefined) return hit;
  const numbered = /^\d+\s*[.:)]?\s*(.+)$/.exec(key) ?? /^(?:p|sev)\s?\d\s+(.+)$/.exec(key);
  return numbered ? table.get(numbered[1]) : undefined;
}

const table = (entries: Record<number | string, string[]>): Map<string, number> => {
  const m = new Map<string, number>();
  for (const [value, words] of Object.entries(entries)) for (const w of words) m.set(fold(w), Number(value));
  return m;
};

export const BOOLEAN = table({
  1: ['yes', 'y', 'true', 't', '1', 'ja', 'j', 'oui', 'o', 'vrai', 'waar', 'sant'],
  0: ['no', 'n', 'false', 'f', '0', 'nee', 'non', 'faux', 'onwaar', 'nej', 'falskt'],
});

/** Severity words and priorities; values follow SPEC §3.3's example mapping (Low 0.2 … Critical 1). */
export const SEVERITY = table({
  0: ['lowest', 'planning', 'p5', 'sev5', 'cosmetic'],
  0.2: ['low', 'minor', 'trivial', 'p4', 'sev4', 'laag', 'gering', 'klein', 'faible', 'bas', 'basse', 'mineur', 'mineure', 'lag', 'lagre', 'liten'],
  0.5: ['medium', 'moderate', 'normal', 'p3', 'sev3', 'normaal', 'middel', 'gemiddeld', 'matig', 'moyen', 'moyenne', 'normale', 'modere', 'moderee', 'medel', 'mellan', 'måttlig'],
  0.8: ['high', 'major', 'serious', 'p2', 'sev2', 'hoog', 'ernstig', 'groot', 'eleve', 'elevee', 'haut', 'haute', 'majeur', 'majeure', 'grave', 'hog', 'allvarlig'],
  1: ['critical', 'urgent', 'blocker', 'severe', 'highest', 'p1', 'sev1', 'p0', 'sev0', 'kritiek', 'kritisch', 'spoed', 'critique', 'bloquant', 'kritisk', 'akut', 'bradskande'],
});

/** Who controlled the cause: 1 = the firm, 0 = outside it (Magnini et al. 2007; Folkes 1984). */
export const CONTROLLABILITY = table({
  1: ['internal', 'company', 'firm', 'own', 'in house', 'inhouse', 'staff', 'employee', 'controllable', 'our fault', 'intern', 'bedrijf', 'eigen', 'personeel', 'interne', 'entreprise', 'societe', 'personnel', 'foretaget', 'egen'],
  0.5: ['shared', 'partial', 'partly', 'mixed', 'gedeeld', 'gedeeltelijk', 'partage', 'partiel', 'delad', 'delvis'],
  0: ['external', 'third party', 'thirdparty', 'supplier', 'vendor', 'customer', 'weather', 'uncontrollable', 'force majeure', 'extern', 'derde', 'derde partij', 'leverancier', 'klant', 'weer', 'externe', 'tiers', 'fournisseur', 'client', 'meteo', 'tredje part', 'leverantor', 'kund', 'vader'],
});

/** How likely the cause is to recur: 0 = one-off, 1 = recurring (Magnini et al. 2007). */
export const STABILITY = table({
  0: ['one off', 'oneoff', 'once', 'temporary', 'isolated', 'incident', 'rare', 'unstable', 'eenmalig', 'tijdelijk', 'incidenteel', 'ponctuel', 'ponctuelle', 'temporaire', 'isole', 'unique', 'engangs', 'tillfallig', 'enstaka'],
  0.5: ['occasional', 'sometimes', 'intermittent', 'soms', 'af en toe', 'occasionnel', 'parfois', 'ibland', 'sporadisk'],
  1: ['recurring', 'recurrent', 'permanent', 'repeated', 'systemic', 'structural', 'frequent', 'stable', 'chronic', 'terugkerend', 'structureel', 'herhaald', 'recurrente', 'repete', 'systemique', 'aterkommande', 'bestaende', 'strukturell'],
});

/** Binary satisfaction: 1 satisfied, 0 not. */
export const SATISFIED = table({
  1: ['satisfied', 'good', 'happy', 'positive', 'yes', 'y', 'true', 'thumbs up', 'good with comment', 'tevreden', 'goed', 'ja', 'satisfait', 'satisfaite', 'bon', 'bien', 'oui', 'nojd', 'bra'],
  0: ['dissatisfied', 'unsatisfied', 'not satisfied', 'neutral or dissatisfied', 'bad', 'unhappy', 'negative', 'no', 'n', 'false', 'thumbs down', 'bad with comment', 'ontevreden', 'slecht', 'nee', 'insatisfait', 'insatisfaite', 'mecontent', 'mauvais', 'non', 'missnojd', 'daligt', 'nej'],
});

/** What survey columns hold where the customer gave no rating (Zendesk's `Not Offered` and `Offered`): missing, not a score. */
export const UNRATED = new Set(['not offered', 'offered', 'unoffered', 'not rated', 'no rating', 'no response'].map(fold));

export const GROUP = new Map<string, 'failure' | 'control'>([
  ...['failure', 'failed', 'fail', 'incident', 'treatment', 'recovery', 'recovered', 'failure and recovery', 'late', 'delayed', 'late delivery', 'delivered late', 'not on time', 'storing', 'fout', 'te laat', 'vertraagd', 'panne', 'echec', 'en retard', 'retard', 'fel', 'storning', 'forsenad', 'sen'].map((w) => [fold(w), 'failure'] as const),
  ...['control', 'no failure', 'none', 'baseline', 'on time', 'ontime', 'in time', 'on schedule', 'early', 'controle', 'geen storing', 'op tijd', 'temoin', 'a l heure', 'a temps', 'kontroll', 'inget fel', 'i tid', 'punktlig'].map((w) => [fold(w), 'control'] as const),
]);
