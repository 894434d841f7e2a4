// Rule targets ("every sub-dimension that scored below X: +0.1 points"): the rule expands over the node's
// children (or its descendants at a level), keeps those whose baseline passes the filter, and judges each with
// the rule's aim. The rule stands as its worst child; when the filter leaves no child, nothing was due: met.
import {
  baselineFigure,
  empty,
  evaluateSimple,
  type ChildEvaluation,
  type Evaluation,
  type Status,
} from './evaluate.js';
import type { Facts, NodeSubject } from './facts.js';
import type { Aim, RuleFilter, SimpleAim, Subject } from './model.js';

type RuleAim = Extract<Aim, { kind: 'rule' }>;

const severity: Record<Status, number> = { missed: 0, indistinct: 1, pending: 2, met: 3 };

/** The worst of several statuses (missed before indistinct before pending before met). */
export function worstStatus(statuses: readonly Status[]): Status {
  return statuses.reduce<Status>((w, s) => (severity[s] < severity[w] ? s : w), 'met');
}

/** Exact test of a baseline against the rule's filter: choosing which children a rule covers is not a verdict. */
export function passesFilter(value: number, where: RuleFilter): boolean {
  switch (where.compare) {
    case 'at_least':
      return value >= where.value;
    case 'above':
      return value > where.value;
    case 'at_most':
      return value <= where.value;
    case 'below':
      return value < where.value;
  }
}

const baselineOf = (aim: SimpleAim) => (aim.kind === 'level' ? null : aim.baseline);

export function evaluateRule(facts: Facts, subject: Subject, aim: RuleAim, year: number): Evaluation {
  if (subject.type !== 'node') return empty(year, 'no_figure');
  const codes = facts.children(subject.index, subject.node, aim.level);
  if (codes.length === 0) return empty(year, 'no_figure');
  const children: ChildEvaluation[] = [];
  for (const node of codes) {
    const child: NodeSubject = { ...subject, node };
    if (aim.where) {
      const base = baselineFigure(facts, child, baselineOf(aim.then), year, null);
      if (!base) {
        children.push({ ...empty(year, 'no_baseline'), node });
        continue;
      }
      if (!passesFilter(base.value, aim.where)) continue;
    }
    children.push({ ...evaluateSimple(facts, child, aim.then, year), node });
  }
  const status = worstStatus(children.map((c) => c.status));
  const shortfalls = children.map((c) => c.shortfall).filter((s): s is number => s !== null);
  const pending = status === 'pending' ? (children.find((c) => c.pending)?.pending ?? 'no_figure') : null;
  return {
    ...empty(year, pending, status),
    shortfall: shortfalls.length > 0 ? Math.max(...shortfalls) : null,
    children,
  };
}
