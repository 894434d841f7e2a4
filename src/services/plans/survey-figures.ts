// The province's own survey estimates for plan targets: for an index and a year, the round of that index whose
// period ends in that year (the latest if several), scored with its design (loadRoundData, as the results pages),
// overall and in domains (service field, commune or district). Figures are in the plans' unit (SIPAS %).
import type { AppContext } from '../../context.js';
import { listRounds } from '../../db/queries/rounds.js';
import { DomainError } from '../../domain/errors.js';
import { categorical } from '../../domain/estimation/index.js';
import type { Figure } from '../../domain/plans/facts.js';
import { surveyToPublished } from '../../domain/plans/indices.js';
import type { DomainKind, IndexCode } from '../../domain/plans/model.js';
import {
  answerDomain,
  scoreByDomain,
  scoreSurvey,
  type NodeScore,
  type ScoreResult,
} from '../../domain/scoring/index.js';
import { loadRoundData, type RoundData } from '../results/round-data.js';
import { roundIndex, type RoundRow } from '../results/rounds.js';

export interface RoundScores {
  round: RoundRow;
  data: RoundData;
  result: ScoreResult;
}

/** The round of an index whose period ends in the year, or null. */
export async function roundOf(ctx: AppContext, index: IndexCode, year: number): Promise<RoundRow | null> {
  const rounds = (await listRounds(ctx.db)).filter((r) => r.period_end.startsWith(String(year)));
  rounds.sort((a, b) => b.period_end.localeCompare(a.period_end));
  for (const r of rounds) if ((await roundIndex(ctx, r)) === index) return r;
  return null;
}

/** A round's scores, or null when it cannot be estimated (fewer than 2 respondents, a refused lonely PSU). */
export async function scoreRound(ctx: AppContext, round: RoundRow): Promise<RoundScores | null> {
  try {
    const data = await loadRoundData(ctx, round);
    if (!data.design) return null;
    return { round, data, result: scoreSurvey({ questionnaire: data.q, answers: data.answers, design: data.design }) };
  } catch (err) {
    if (err instanceof DomainError) return null;
    throw err;
  }
}

export function figureOf(node: NodeScore, index: IndexCode, year: number, source: string): Figure {
  const k = surveyToPublished(index);
  return {
    value: node.estimate * k,
    se: node.se * k,
    df: node.df,
    ciLow: node.ciLow * k,
    ciHigh: node.ciHigh * k,
    basis: 'survey',
    year,
    source,
  };
}

/** Every node of a scored result by plan code ("overall" for the index itself). */
export function figuresOf(result: ScoreResult, index: IndexCode, year: number, source: string): Map<string, Figure> {
  const out = new Map<string, Figure>([['overall', figureOf(result.overall, index, year, source)]]);
  for (const n of result.nodes) if (Number.isFinite(n.estimate)) out.set(n.code, figureOf(n, index, year, source));
  return out;
}

const serviceFieldQuestions = ['service_field', 'q9_field'];

/**
 * Scores per domain level of a kind: service fields (the kiosk's counter field or the questionnaire's service-field
 * question), communes and districts of the round's draw (keys are unit codes). Agencies and counters are not
 * estimated from household surveys: none.
 */
export function domainResults(scored: RoundScores, kind: DomainKind): Map<string, ScoreResult> {
  const { data } = scored;
  const out = new Map<string, ScoreResult>();
  if (!data.design || kind === 'agency' || kind === 'counter') return out;
  const columns: { column: ReturnType<typeof categorical>; labels: Record<string, string> }[] = [];
  if (kind === 'area') {
    for (const pick of [
      (r: RoundData['rows'][number]) => r.commune_code,
      (r: RoundData['rows'][number]) => r.district_code,
    ]) {
      const codes = data.rows.map((r) => pick(r) ?? null);
      if (codes.some((c) => c !== null)) columns.push({ column: categorical(codes), labels: {} });
    }
  } else if (data.rows.some((r) => r.service_field !== null)) {
    columns.push({ column: categorical(data.rows.map((r) => r.service_field ?? null)), labels: {} });
  } else {
    const field = serviceFieldQuestions.find((id) => data.q.fieldById.has(id));
    if (field) {
      const d = answerDomain(data.q, data.answers, field);
      columns.push({
        column: d.column,
        labels: Object.fromEntries(Object.entries(d.labels).map(([k, l]) => [k, l.vi])),
      });
    }
  }
  for (const { column, labels } of columns) {
    const table = scoreByDomain(
      { questionnaire: data.q, answers: data.answers, design: data.design },
      { name: kind, column },
    );
    for (const level of table.levels) {
      out.set(domainKey(level.level), level.result);
      const label = labels[level.level];
      if (label) out.set(domainKey(label), level.result);
    }
  }
  return out;
}

/** Domain values compare as people write them ("Đất đai" = "đất  đai"). */
export function domainKey(value: string): string {
  return value.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');
}
