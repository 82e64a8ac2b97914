/** One parsed record → a Case, or the Rejection that says why it cannot be one. */
import type { Case, Rejection } from '../case.js';
import type { Component } from './columns.js';
import { isProblem } from './convert.js';
import type { FilePlan } from './plan.js';

export function toCase(fields: string[], line: number, file: string, plan: FilePlan, rowNumber: number): Case | Rejection {
  if (fields.length !== plan.width && !(fields.length > plan.width && fields.slice(plan.width).every((f) => f.trim() === ''))) {
    return { file, line, column: '', value: '', reason: `${fields.length} fields, expected ${plan.width} as in the header` };
  }
  const c: Case = {
    id: String(rowNumber),
    file,
    line,
    severity: null,
    prior: null,
    controllability: null,
    stability: null,
    recovery: null,
    components: null,
    pre: null,
    post: null,
    top: null,
    group: null,
    customer: null,
    date: null,
    segment: plan.segment >= 0 ? fields[plan.segment].trim() : null,
  };
  for (const f of plan.fields) {
    const raw = f.index >= 0 ? fields[f.index] : '';
    const v = f.convert(raw);
    if (v === null) continue;
    if (isProblem(v)) return { file, line, column: f.column, value: raw.trim(), reason: `${f.name}: ${v.problem}` };
    switch (f.name) {
      case 'case_id': c.id = v as string; break;
      case 'severity': c.severity = v as number; break;
      case 'prior_failures': c.prior = v as number; break;
      case 'controllability': c.controllability = v as number; break;
      case 'stability': c.stability = v as number; break;
      case 'recovery_quality': c.recovery = v as number; break;
      case 'pre_satisfaction': c.pre = v as number; break;
      case 'post_satisfaction': c.post = v as number; break;
      case 'group': c.group = v as Case['group']; break;
      case 'customer_id': c.customer = v as string; break;
      case 'date': c.date = v as number; break;
      default: (c.components ??= {})[f.name as Component] = v as number;
    }
  }
  if (c.pre !== null || c.post !== null) c.top = plan.satisfactionTop;
  return c;
}

export const isRejection = (x: Case | Rejection): x is Rejection => 'reason' in x;
