// Scores per domain (district, commune, gender, age band, ethnicity, service field) with svyby semantics: each
// domain is scored inside the FULL design (rows outside score 0, every PSU and n_h kept), never subset and re-run.
import { categorical, EstimationError, rowsByLevel } from '../estimation/index.js';
import type { CategoricalColumn } from '../estimation/index.js';
import type { Label, Questionnaire } from '../questionnaire/index.js';
import { numericAnswer } from './item-values.js';
import { prepareScoring } from './prepare.js';
import { scoreScope, settingsOf } from './score.js';
import type { AnswerRecord, ScoreResult, ScoringInput } from './types.js';

export interface DomainColumn {
  /** e.g. "district", "gender". */
  readonly name: string;
  /** One code per design row; -1 (missing) puts the row in no domain. */
  readonly column: CategoricalColumn;
}

export interface DomainScores {
  readonly level: string;
  /** Rows of the domain. */
  readonly respondents: number;
  /** Fewer respondents than ScoringOptions.minRespondents (30). */
  readonly unreliable: boolean;
  readonly result: ScoreResult;
}

export interface DomainTable {
  readonly by: string;
  /** Levels with rows, sorted as svyby sorts them (numerically, else Vietnamese collation). */
  readonly levels: readonly DomainScores[];
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
    const levels = rowsByLevel(by.column).map(({ level, rows }) => ({
      level,
      respondents: rows.length,
      unreliable: rows.length < settings.minRespondents,
      result: scoreScope(prepared, input.design, rows, settings),
    }));
    return { by: by.name, levels };
  });
}

/**
 * A domain column from one answered field: the level is the answer code as text ("1", "2"), with the option
 * labels alongside; rows without an answer belong to no domain.
 * @example
 *   answerDomain(sipas, answers, 'a_gender') // { name: 'a_gender', column, labels: { '1': { vi: 'Nam', ... } } }
 */
export function answerDomain(
  q: Questionnaire,
  answers: readonly AnswerRecord[],
  fieldId: string,
): DomainColumn & { labels: Readonly<Record<string, Label>> } {
  const field = q.fieldById.get(fieldId);
  if (!field) throw new EstimationError('unknown_column', `no question "${fieldId}"`, { variable: fieldId });
  const values = answers.map((a) => {
    const v = a[fieldId];
    if (typeof v === 'string') return v === '' ? null : v;
    const x = numericAnswer(v);
    return Number.isNaN(x) ? null : String(x);
  });
  const labels: Record<string, Label> = {};
  for (const o of field.options ?? []) labels[String(o.value)] = o.label;
  return { name: fieldId, column: categorical(values), labels };
}
