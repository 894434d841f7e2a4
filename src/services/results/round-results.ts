// A round's results: every framework node with SE, CI and n from the design, change against the previous
// round of the same framework (with a significance mark), targets with owners and gaps, and breakdowns.
// Pages, the JSON API and the downloads all read this one result, so they cannot disagree.
import type { AppContext } from '../../context.js';
import { listUnitNamesByDraw } from '../../db/queries/rounds.js';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import { categorical, type CategoricalColumn } from '../../domain/estimation/index.js';
import type { AnswerValue, Label, Questionnaire } from '../../domain/questionnaire/index.js';
import type { DesignStatement } from '../../domain/results/round-design.js';
import { belowTarget, evaluateTarget, type TargetStatus } from '../../domain/results/targets.js';
import {
  answerDomain,
  compareScores,
  scoreByDomain,
  type DomainTable,
  type ExcludedCount,
  type NodeScore,
  type ScoreChange,
  type ScoreResult,
} from '../../domain/scoring/index.js';
import { listRounds } from '../../db/queries/rounds.js';
import { nextTurn } from './next-turn.js';
import { scoreRoundAway } from './score-threads.js';
import { roundScoringOptions, type RoundScores } from './round-scores.js';

export { roundScoringOptions };
import { loadRoundData, type ResponseRow } from './round-data.js';
import { cachedResult, roundScopes } from './results-cache.js';
import { dataOnlyRefusal, isScored, previousRound, roundIndex, roundTargets, type RoundRow } from './rounds.js';

/** Breakdowns offered on results pages, and the questions that carry them in each pack. */
export const breakdowns = {
  district: null,
  commune: null,
  gender: ['gender', 'a_gender'],
  age_band: ['age_band', 'a_age_band'],
  ethnicity: ['ethnicity', 'a_ethnicity'],
  service_field: ['service_field', 'q9_field'],
} as const;
export type Breakdown = keyof typeof breakdowns;
export const breakdownNames = Object.keys(breakdowns) as Breakdown[];

/**
 * The breakdowns a round can offer: the area levels its draw has (no districts on today's two-tier map), the
 * rest when its questionnaire asks for them.
 */
export function availableBreakdowns(round: RoundRow, q: Questionnaire, drawHasDistricts = true): Breakdown[] {
  return breakdownNames.filter((b) => {
    if (b === 'district') return round.draw_id !== null && drawHasDistricts;
    if (b === 'commune') return round.draw_id !== null;
    if (b === 'service_field' && q.definition.kind === 'kiosk') return true;
    return breakdowns[b]?.some((id) => q.fieldById.has(id)) ?? false;
  });
}

export interface NodeResult extends NodeScore {
  change: ScoreChange | null;
  target: TargetStatus | null;
}

/** How figures are shown: the pack's decimals, and the unit of its scores (shares in %, PAPI and one-stop points). */
export interface ResultUnits {
  decimals: number;
  /** The unit of the index and its nodes ('percent' for SIPAS; a one-stop satisfaction tap is a share too). */
  unit: 'percent' | 'points';
}

export interface RoundResults {
  round: RoundRow;
  units: ResultUnits;
  /** Kiosk ratings: self-selected, so counts and shares only. */
  selfSelected: boolean;
  previous: RoundRow | null;
  questionnaire: Questionnaire;
  result: ScoreResult;
  nodes: NodeResult[];
  belowTarget: TargetStatus[];
  /** The design in force: kind, strata, PSUs, degrees of freedom, the lonely-PSU rule and where it applies. */
  design: DesignStatement;
  breakdowns: Breakdown[];
  /** The overall score of every round of the same framework up to this one, oldest first. */
  trend: { round: string; label: string; estimate: number }[];
  breakdown: { by: Breakdown; labels: Record<string, Label | string>; table: DomainTable } | null;
}

/** The index, the one-stop satisfaction tap (a share) when there is one, then every framework node. */
function allScores(r: ScoreResult): NodeScore[] {
  return [r.overall, ...(r.satisfaction ? [r.satisfaction] : []), ...r.nodes];
}

export function resultUnits(q: Questionnaire): ResultUnits {
  const scoring = q.definition.scoring;
  return { decimals: scoring?.decimals ?? 2, unit: scoring?.method === 'sipas' ? 'percent' : 'points' };
}

/**
 * A round's scores, kept until a response, review, weight, calibration or round changes (results-cache.ts); targets
 * are read fresh below, so a new goal keeps them.
 */
async function roundScores(ctx: AppContext, round: RoundRow): Promise<RoundScores> {
  return cachedResult(ctx, `scores:${round.id}`, roundScopes(round), () => scoreRoundAway(ctx, round));
}

/**
 * Another round's scores for comparison and trend, or null when that round has no estimates: its own lonely-PSU
 * rule may refuse them, which is that round's page to say, not a reason to refuse this one.
 */
async function comparableScores(ctx: AppContext, round: RoundRow): Promise<ScoreResult | null> {
  try {
    return (await roundScores(ctx, round)).result;
  } catch (err) {
    if (err instanceof DomainError && err.code === 'lonely_psu') return null;
    throw err;
  }
}

function breakdownColumn(
  by: Breakdown,
  q: Questionnaire,
  rows: readonly ResponseRow[],
  answers: readonly Record<string, AnswerValue>[],
) {
  if (by === 'district' || by === 'commune') {
    const codes = rows.map((r) => (by === 'district' ? r.district_code : r.commune_code) ?? null);
    return { name: by, ...areaColumn(codes), labels: {} as Record<string, Label | string> };
  }
  if (by === 'service_field' && rows.some((r) => r.service_field !== null)) {
    return {
      name: by,
      ...areaColumn(rows.map((r) => r.service_field ?? null)),
      labels: {} as Record<string, Label | string>,
    };
  }
  const field = breakdowns[by]?.find((id) => q.fieldById.has(id));
  if (!field)
    throw new DomainError('invalid_request', [
      detail('by', 'no_breakdown_question', { survey: q.definition.code, by }),
    ]);
  const d = answerDomain(q, answers, field);
  return { name: by, column: d.column, excluded: d.excluded, labels: d.labels as Record<string, Label | string> };
}

/** A column of area codes (or service fields); rows without one are counted apart. */
function areaColumn(codes: readonly (string | null)[]): { column: CategoricalColumn; excluded: ExcludedCount[] } {
  const none = codes.filter((c) => c === null).length;
  return {
    column: categorical(codes),
    excluded: none === 0 ? [] : [{ code: null, label: null, kind: 'unanswered', count: none }],
  };
}

function noBreakdown(round: RoundRow, by: Breakdown): DomainError {
  return new DomainError('invalid_request', [detail('by', 'no_breakdown', { round: round.code, by })]);
}

/** One breakdown of a round, kept like its scores; the round's microdata is read again only to compute it. */
async function roundBreakdown(
  ctx: AppContext,
  round: RoundRow,
  by: Breakdown,
): Promise<NonNullable<RoundResults['breakdown']>> {
  return cachedResult(ctx, `breakdown:${round.id}:${by}`, roundScopes(round), async () => {
    const data = await loadRoundData(ctx, round);
    if (!data.design) throw new DomainError('too_few_respondents');
    const column = breakdownColumn(by, data.q, data.rows, data.answers);
    if ((by === 'district' || by === 'commune') && round.draw_id !== null) {
      for (const u of await listUnitNamesByDraw(ctx.db, round.draw_id)) column.labels[u.code] = u.name;
    }
    await nextTurn();
    const table = scoreByDomain(
      { questionnaire: data.q, answers: data.answers, design: data.design, ...roundScoringOptions(round, data.q) },
      column,
    );
    return { by, labels: column.labels, table };
  });
}

export async function roundResults(
  ctx: AppContext,
  round: RoundRow,
  by: Breakdown | null = null,
): Promise<RoundResults> {
  const q = (await ctx.surveys.version(round.survey_code, round.survey_version)).questionnaire;
  if (!isScored(q)) throw dataOnlyRefusal(round, q);
  // Refused before anything is scored: a breakdown the round cannot offer whatever its responses.
  if (by && !availableBreakdowns(round, q).includes(by)) throw noBreakdown(round, by);
  const current = await roundScores(ctx, round);
  if (!current.result || !current.statement) {
    throw new DomainError(
      'too_few_respondents',
      [detail('round', 'too_few_responses', { round: round.code, count: current.respondents })],
      { respondents: current.respondents },
    );
  }
  const offered = availableBreakdowns(round, q, current.hasDistricts);
  if (by && !offered.includes(by)) throw noBreakdown(round, by);
  const previous = await previousRound(ctx, round);
  const before = previous ? await comparableScores(ctx, previous) : null;
  const beforeByCode = new Map((before ? allScores(before) : []).map((n) => [n.code, n]));
  const targets = new Map(
    (await roundTargets(ctx, round)).map((t) => [
      t.nodeCode === 'overall' ? (current.result?.overall.code ?? 'overall') : t.nodeCode,
      t,
    ]),
  );
  const nodes = allScores(current.result).map((n): NodeResult => {
    const prev = beforeByCode.get(n.code) ?? null;
    const target = targets.get(n.code);
    const change = prev ? compareScores(n, prev) : null;
    return {
      ...n,
      change,
      target: target
        ? evaluateTarget(
            { ...target, nodeCode: n.code },
            { estimate: n.estimate, ciLow: n.ciLow, ciHigh: n.ciHigh, previous: prev?.estimate ?? null, change },
          )
        : null,
    };
  });
  const breakdown = by ? await roundBreakdown(ctx, round, by) : null;
  const index = await roundIndex(ctx, round);
  const trend: RoundResults['trend'] = [];
  for (const r of (await listRounds(ctx.db)).filter((x) => x.period_start <= round.period_start).reverse()) {
    if ((await roundIndex(ctx, r)) !== index) continue;
    const scored = r.id === round.id ? current.result : await comparableScores(ctx, r);
    if (scored) trend.push({ round: r.code, label: r.label, estimate: scored.overall.estimate });
  }
  return {
    round,
    units: resultUnits(q),
    selfSelected: q.definition.kind === 'kiosk',
    previous,
    questionnaire: q,
    result: current.result,
    nodes,
    trend,
    belowTarget: belowTarget(nodes.map((n) => n.target).filter((t): t is TargetStatus => t !== null)),
    design: current.statement,
    breakdowns: offered,
    breakdown,
  };
}
