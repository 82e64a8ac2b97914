#!/usr/bin/env node
/**
 * Makes data/sample-incidents.csv: a realistic support export of 2,000 incidents over twelve
 * weeks, seeded so it is the same on every machine (`npm run sample`, after `npm install` has built dist/).
 *
 * How the data is made: each incident gets a priority (Low/Medium/High/Critical), a count of
 * the customer's earlier failures, a cause (internal or external), whether the cause is
 * recurring, and recovery actions (compensation, apology, explanation, response time). Pre-
 * failure satisfaction is on 0–10. Whether post-recovery satisfaction ends above it is drawn
 * from a logistic model in the spirit of Magnini et al. (2007): likelier for minor, first,
 * external, one-off failures with a good recovery, and impossible at the top of the scale.
 * A few rows are broken on purpose (a bad priority, a score off the scale, a missing field),
 * as real exports have them, so the accounting can be seen.
 */
import { writeFileSync } from 'node:fs';
import { seededRandom } from '../dist/stats/random.js';

const random = seededRandom(20260301);
const pick = (xs, ws) => {
  let r = random() * ws.reduce((a, b) => a + b, 0);
  for (let i = 0; i < xs.length; i++) if ((r -= ws[i]) < 0) return xs[i];
  return xs[xs.length - 1];
};
const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));

const channels = ['email', 'phone', 'chat', 'web form'];
const teams = ['Billing', 'Network', 'Devices', 'Accounts'];
const priorities = { Low: 0.2, Medium: 0.5, High: 0.8, Critical: 1 };
const start = Date.UTC(2026, 5, 1);
const customers = Array.from({ length: 1400 }, (_, i) => `CUST-${String(10000 + i)}`);
const history = new Map();

const rows = [['case_id', 'created', 'customer_id', 'channel', 'team', 'priority', 'prior_failures', 'cause', 'recurring', 'compensation', 'apology', 'explanation', 'response_hours', 'pre_satisfaction', 'post_satisfaction']];
const events = Array.from({ length: 2000 }, () => start + Math.floor(random() * 84 * 86400000)).sort((a, b) => a - b);
events.forEach((time, i) => {
  const customer = customers[Math.floor(random() ** 1.6 * customers.length)];
  const prior = history.get(customer) ?? 0;
  history.set(customer, prior + 1);
  const team = pick(teams, [3, 3, 2, 2]);
  const priority = pick(Object.keys(priorities), [4, 4, 2, 1]);
  const internal = random() < (team === 'Network' ? 0.4 : 0.65);
  const recurring = random() < 0.35 + 0.1 * prior;
  const compensation = random() < (priority === 'Low' ? 0.2 : 0.5);
  const apology = random() < 0.75;
  const explanation = random() < 0.6;
  const hours = Math.round(clamp(-Math.log(random()) * (team === 'Devices' ? 30 : 14), 0.2, 240) * 10) / 10;
  const recovery = (0.35 * compensation + 0.15 * apology + 0.1 * explanation + 0.2 * 0.5 ** (hours / 24)) / 0.8;
  const pre = Math.round(clamp(7 + 1.6 * (random() + random() + random() - 1.5) * 1.4, 1, 10));
  const eta = -1.6 - 2.2 * priorities[priority] - 1.8 * (Math.min(prior, 2) / 2) - 0.9 * internal - 0.9 * recurring + 3.6 * recovery;
  const paradox = pre < 10 && random() < 1 / (1 + Math.exp(-eta));
  let post;
  if (paradox) post = Math.min(10, pre + 1 + Math.floor(random() * 2));
  else post = random() < 0.3 ? pre : Math.max(0, pre - 1 - Math.floor(random() * 4 * priorities[priority] + random() * 2));
  const date = new Date(time);
  const created = `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 16)}`;
  rows.push([
    `INC-${String(240001 + i)}`, created, customer, pick(channels, [4, 3, 3, 1]), team, priority, String(prior),
    internal ? 'internal' : 'external', recurring ? 'yes' : 'no', compensation ? 'yes' : 'no', apology ? 'yes' : 'no',
    explanation ? 'yes' : 'no', String(hours), String(pre), String(post),
  ]);
});
// As real exports have: a priority nobody mapped, a score off the 0–10 scale, a blank cause.
rows[418][5] = 'Sev-X';
rows[1203][14] = '12';
rows[1577][7] = '';
const quote = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
writeFileSync(new URL('../data/sample-incidents.csv', import.meta.url), rows.map((r) => r.map(quote).join(',')).join('\n') + '\n');
console.log(`wrote data/sample-incidents.csv: ${rows.length - 1} incidents`);
