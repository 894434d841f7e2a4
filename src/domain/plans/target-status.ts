// Entry point of plan evaluation: a target's status in each of its years, and the order "worst first" in which
// owners and reports list them (missed, then not distinguishable, then pending, then met; larger shortfall first).
import { evaluatePublished, evaluateSimple, type Evaluation } from './evaluate.js';
import type { Facts } from './facts.js';
import { targetYears, type Aim, type Plan, type PlanTarget, type Subject } from './model.js';
import { evaluateRule } from './rules.js';

/**
 * Evaluates one aim on its subject in one year.
 * @example evaluateAim(facts, { type: 'node', index: 'SIPAS', node: 'overall', domain: null },
 *   { kind: 'level', compare: 'above', value: 90 }, 2024) // { status: 'indistinct', current: { value: 90.4, … } }
 */
export function evaluateAim(facts: Facts, subject: Subject, aim: Aim, year: number): Evaluation {
  if (aim.kind === 'rank' || aim.kind === 'group') return evaluatePublished(facts, subject, aim, year);
  if (aim.kind === 'rule') return evaluateRule(facts, subject, aim, year);
  return evaluateSimple(facts, subject, aim, year);
}

export interface TargetStatus {
  readonly target: PlanTarget;
  readonly evaluation: Evaluation;
}

/** Every target of the plan in a year (targets of other years are left out; "every year" targets are in). */
export function planStatuses(plan: Plan, facts: Facts, year: number): TargetStatus[] {
  return plan.targets
    .filter((t) => targetYears(plan, t).includes(year))
    .map((target) => ({ target, evaluation: evaluateAim(facts, target.subject, target.aim, year) }));
}

const severity = { missed: 0, indistinct: 1, pending: 2, met: 3 } as const;

/** Shortfall relative to the size of the goal, so a 5-point miss on 90% and a 2-place miss on top 10 compare. */
function relativeShortfall(s: TargetStatus): number {
  const { shortfall, goal } = s.evaluation;
  if (shortfall === null) return 0;
  return shortfall / Math.max(Math.abs(goal ?? 0), 1);
}

/** Worst first: by status, then by relative shortfall (largest first), then in the plan's order. */
export function worstFirst(statuses: readonly TargetStatus[]): TargetStatus[] {
  return [...statuses].sort(
    (a, b) =>
      severity[a.evaluation.status] - severity[b.evaluation.status] ||
      relativeShortfall(b) - relativeShortfall(a) ||
      a.target.row - b.target.row,
  );
}

/** Counts per status, for a plan's or an owner's summary line. */
export function statusCounts(statuses: readonly TargetStatus[]): Record<Evaluation['status'], number> {
  const counts = { met: 0, missed: 0, indistinct: 0, pending: 0 };
  for (const s of statuses) counts[s.evaluation.status] += 1;
  return counts;
}
