// Scores per domain (district, commune, gender, age band, ethnicity, service field) with svyby semantics: each
// domain is scored inside the FULL design (rows outside score 0, every PSU and n_h kept), never subset and re-run.
// Missing-data codes (refused, don't know, not applicable) are no domain: they are counted apart.
import { categorical, EstimationError, rowsByLevel } from '../estimation/index.js';
import type { CategoricalColumn } from '../estimation/index.js';
import type { Label, MissingKind, Questionnaire } from '../questionnaire/index.js';
import { numericAnswer } from './item-values.js';
import { prepareScoring } from './prepare.js';
import { scoreScope, settingsOf } from './score.js';
import type { AnswerRecord, ScoreResult, ScoringInput } from './types.js';

/** Respondents left out of every domain: a missing-data answer (by code), or no answer at all (code null). */
export interface ExcludedCount {
  readonly code: string | null;
  readonly label: Label | null;
  readonly kind: MissingKind | 'unanswered';
  readonly count: number;
}

export interface DomainColumn {
  /** e.g. "district", "gender". */
  readonly name: string;
  /** One code per design row; -1 (missing) puts the row in no domain. */
  readonly column: CategoricalColumn;
  /** Why rows are in no domain, when the column knows (answerDomain). */
  readonly excluded?: readonly ExcludedCount[];
}

export interface DomainScores {
  readonly level: string;
  /** Rows of the domain. */
  readonly respondents: number;
  /** The domain's overall score is flagged (its reliability is not ok). */
  readonly unreliable: boolean;
  readonly result: ScoreResult;
}

export interface DomainTable {
  readonly by: string;
  /** Levels with rows, sorted as svyby sorts them (numerically, else Vietnamese collation). */
  readonly levels: readonly DomainScores[];
  /** Respondents in no level: missing-data codes and no answer, counted apart (empty when none). */
  readonly excluded: readonly ExcludedCount[];
}

/**
 * Every node score in each level of a by-variable, using the full design.
 * @example
 *   const gender = answerDomain(q, answers, 'a_gender');
 *   scoreByDomain({ questionnaire: q, answers, design }, gender).levels
 *   // [{ level: '1', respondents: 402, unreliable: false, result: { overall: { estimate: 0.81, ... } } }, ...]
 */
export function scoreByDomain(input: ScoringInput, by: DomainColumn): DomainTable {
  const [table] = scoreByDomains(input, [by]);
  return table as DomainTable;
}

/** Several by-variables at once (one table each); the answers are prepared once. */
export function scoreByDomains(input: ScoringInput, bys: readonly DomainColumn[]): DomainTable[] {
  const settings = settingsOf(input);
  const prepared = prepareScoring(input);
  return bys.map((by) => {
    if (by.column.codes.length !== input.design.n) {
      throw new EstimationError(
        'invalid_variable',
        `${by.name} has ${by.column.codes.length} rows, the design ${input.design.n}`,
        { variable: by.name },
      );
    }
    const levels = rowsByLevel(by.column).map(({ level, rows }) => {
      const result = scoreScope(prepared, input.design, rows, settings);
      return { level, respondents: rows.length, unreliable: result.overall.unreliable, result };
    });
    return { by: by.name, levels, excluded: by.excluded ?? [] };
  });
}

/**
 * A domain column from one answered field: the level is the answer code as text ("1", "2"), with the option
 * labels alongside. Rows without an answer, and answers whose option is a missing-data code (refused, don't know,
 * not applicable), belong to no domain; `excluded` counts them.
 * @example
 *   answerDomain(papi, answers, 'ethnicity')
 *   // { name: 'ethnicity', column, labels: { '1': { vi: 'Kinh', ... } },
 *   //   excluded: [{ code: '99', kind: 'refused', count: 4, ... }] }
 */
export function answerDomain(
  q: Questionnaire,
  answers: readonly AnswerRecord[],
  fieldId: string,
): DomainColumn & { labels: Readonly<Record<string, Label>>; excluded: readonly ExcludedCount[] } {
  const field = q.fieldById.get(fieldId);
  if (!field) throw new EstimationError('unknown_column', `no question "${fieldId}"`, { variable: fieldId });
  const labels: Record<string, Label> = {};
  const missing = new Map<string, { label: Label; kind: MissingKind }>();
  for (const o of field.options ?? []) {
    if (o.missing === undefined) labels[String(o.value)] = o.label;
    else missing.set(String(o.value), { label: o.label, kind: o.missing });
  }
  const counts = new Map<string | null, number>();
  const values = answers.map((a) => {
    const v = a[fieldId];
    const x = numericAnswer(v);
    const code = typeof v === 'string' ? (v === '' ? null : v) : Number.isNaN(x) ? null : String(x);
    if (code === null || missing.has(code)) {
      counts.set(code, (counts.get(code) ?? 0) + 1);
      return null;
    }
    return code;
  });
  const excluded: ExcludedCount[] = [...counts.entries()].map(([code, count]) => {
    const m = code === null ? undefined : missing.get(code);
    return { code, label: m?.label ?? null, kind: m?.kind ?? 'unanswered', count };
  });
  excluded.sort((a, b) => (a.code === null ? 1 : b.code === null ? -1 : Number(a.code) - Number(b.code)));
  return { name: fieldId, column: categorical(values), labels, excluded };
}
