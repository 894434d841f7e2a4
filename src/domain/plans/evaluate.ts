// The status of one target in one year. Survey figures carry their uncertainty (met, missed, or not
// distinguishable from the goal at 95%); published figures and administrative indicators are exact. Once a
// national table holds the year, the published figure decides and the province's own estimate is shown beside it.
import { compareGoal, type Verdict } from './compare-goal.js';
import { exactFigure, type Facts, type Figure, type NodeSubject, type PublishedFigure } from './facts.js';
import type { Aim, Baseline, Compare, SimpleAim, Subject } from './model.js';

export type Status = Verdict | 'pending';

/** Why a status is pending: no figure for the year yet, none for the baseline year, no published rank/group. */
export type PendingReason = 'no_figure' | 'no_baseline' | 'no_published';

export interface Evaluation {
  readonly year: number;
  readonly status: Status;
  readonly pending: PendingReason | null;
  /** The figure judged (null for rank and group aims, which read `published`). */
  readonly current: Figure | null;
  readonly baseline: Figure | null;
  /** The level the figure had to reach, and how. */
  readonly goal: number | null;
  readonly compare: Compare | null;
  /** How far short of the goal (positive) or past it (negative), in the index's unit; ranks: places short. */
  readonly shortfall: number | null;
  /** The 95% interval of the margin (figure − goal, positive = good side). */
  readonly interval: { readonly low: number; readonly high: number } | null;
  readonly published: PublishedFigure | null;
  /** The province's survey estimate beside a published figure, and whether the figure lies outside its CI. */
  readonly alongside: { readonly survey: Figure; readonly differs: boolean } | null;
  /** Rule targets: one evaluation per child included by the rule. */
  readonly children: readonly ChildEvaluation[];
}

export interface ChildEvaluation extends Evaluation {
  readonly node: string;
}

export const empty = (year: number, pending: PendingReason | null, status: Status = 'pending') => ({
  year,
  status,
  pending,
  current: null,
  baseline: null,
  goal: null,
  compare: null,
  shortfall: null,
  interval: null,
  published: null,
  alongside: null,
  children: [],
});

/**
 * The figure judged in a year: an indicator's value; for an index node, the published score once the national
 * table has it, else the province's survey estimate (domains exist only in the survey).
 */
export function currentFigure(facts: Facts, subject: Subject, year: number): Figure | null {
  if (subject.type === 'indicator') return facts.indicator(subject.indicator, year);
  const published = subject.domain === null ? facts.published(subject.index, subject.node, year) : null;
  if (published && published.score !== null) return exactFigure(published.score, 'published', year, 'published');
  return facts.survey(subject, year);
}

/** The baseline figure: the plan's stated value, else the baseline year's figure on the current figure's basis. */
export function baselineFigure(
  facts: Facts,
  subject: Subject,
  baseline: Baseline | null,
  year: number,
  prefer: Figure['basis'] | null,
): Figure | null {
  const at = baseline?.year ?? year - 1;
  if (baseline && baseline.value !== null) return exactFigure(baseline.value, 'published', at, 'plan');
  if (subject.type === 'indicator') return facts.indicator(subject.indicator, at);
  const published = subject.domain === null ? facts.published(subject.index, subject.node, at) : null;
  const fromTable =
    published && published.score !== null ? exactFigure(published.score, 'published', at, 'published') : null;
  const fromSurvey = facts.survey(subject, at);
  return prefer === 'survey' ? (fromSurvey ?? fromTable) : (fromTable ?? fromSurvey);
}

/** The goal a simple aim sets, given the baseline (null when the aim needs one and there is none). */
export function goalOf(
  aim: SimpleAim,
  base: Figure | null,
  direction: 'higher' | 'lower',
): { goal: Figure | null; compare: Compare } {
  switch (aim.kind) {
    case 'level':
      return { goal: exactFigure(aim.value, 'published', 0, 'plan'), compare: aim.compare };
    case 'keep':
      return { goal: base, compare: direction === 'higher' ? 'at_least' : 'at_most' };
    case 'change':
      return { goal: base && { ...base, value: base.value + aim.points }, compare: aim.compare };
    case 'relative': {
      const f = 1 + aim.percent / 100;
      return { goal: base && { ...base, value: base.value * f, se: base.se * Math.abs(f) }, compare: aim.compare };
    }
  }
}

/** A simple aim on one subject in one year. */
export function evaluateSimple(facts: Facts, subject: Subject, aim: SimpleAim, year: number): Evaluation {
  const current = currentFigure(facts, subject, year);
  const needsBase = aim.kind !== 'level';
  const base = needsBase
    ? baselineFigure(
        facts,
        subject,
        aim.kind === 'relative' || aim.kind === 'change' || aim.kind === 'keep' ? aim.baseline : null,
        year,
        current?.basis ?? null,
      )
    : null;
  const { goal, compare } = goalOf(aim, base, facts.direction(subject));
  const alongside = alongsideOf(facts, subject, current, year);
  const published =
    subject.type === 'node' && subject.domain === null ? facts.published(subject.index, subject.node, year) : null;
  if (!current) return { ...empty(year, 'no_figure'), baseline: base, compare, published, goal: goal?.value ?? null };
  if (!goal) return { ...empty(year, 'no_baseline'), current, compare, published, alongside };
  const c = compareGoal(current, goal, compare);
  return {
    year,
    status: c.verdict,
    pending: null,
    current,
    baseline: base,
    goal: goal.value,
    compare,
    shortfall: -c.margin,
    interval: { low: c.low, high: c.high },
    published,
    alongside,
    children: [],
  };
}

function alongsideOf(facts: Facts, subject: Subject, current: Figure | null, year: number): Evaluation['alongside'] {
  if (!current || current.basis !== 'published' || subject.type !== 'node') return null;
  const survey = facts.survey(subject as NodeSubject, year);
  if (!survey) return null;
  return { survey, differs: current.value < survey.ciLow || current.value > survey.ciHigh };
}

/** A published rank ("top 10 among the provinces") or group ("Cao nhất"): exact, from the national tables. */
export function evaluatePublished(
  facts: Facts,
  subject: Subject,
  aim: Extract<Aim, { kind: 'rank' | 'group' }>,
  year: number,
): Evaluation {
  if (subject.type !== 'node') return empty(year, 'no_published');
  const published = facts.published(subject.index, subject.node, year);
  const current =
    published && published.score !== null ? exactFigure(published.score, 'published', year, 'published') : null;
  const alongside = alongsideOf(facts, subject, current, year);
  if (aim.kind === 'rank') {
    if (!published || published.rank === null) return { ...empty(year, 'no_published'), published, current, alongside };
    const shortfall = published.rank - aim.atMost;
    return {
      ...empty(year, null, shortfall <= 0 ? 'met' : 'missed'),
      published,
      current,
      alongside,
      shortfall,
      goal: aim.atMost,
    };
  }
  if (!published || published.group === null) return { ...empty(year, 'no_published'), published, current, alongside };
  const met = sameGroup(published.group, aim.group);
  return { ...empty(year, null, met ? 'met' : 'missed'), published, current, alongside };
}

/** Group labels compare without regard to case, accents' encoding (NFC) or spacing: "Cao nhất" = "cao  NHẤT". */
export function sameGroup(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');
  return norm(a) === norm(b);
}
