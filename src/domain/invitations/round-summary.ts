// What a census by invitation found, per rated item and per field (a section's rated items): counts, the mean on
// the scale's values and the share of answers the scale calls positive. These are descriptions of who answered,
// never design-based estimates: there is no interval. Optionally reweighted to the list's groups (each group
// counts as many times as it was invited: post-stratification by the engine's postStratify).
import { categorical, createDesign, postStratify } from '../estimation/index.js';
import type { Definition, Label, Scale } from '../questionnaire/schema.js';

/** Fewer answers than this and no summary is shown: an admin sees who answered and could read their answers. */
export const minimumAnswersForSummary = 5;

export interface ItemSummary {
  id: string;
  label: Label;
  /** Answers on the scale's values (don't-know and other missing codes left out). */
  answered: number;
  /** Answers with a missing-data code (don't know, refused). */
  missing: number;
  /** Count of each non-missing value, in the scale's order. */
  counts: { value: number; label: Label; count: number }[];
  mean: Weighted;
  /** Share of answered rated positive (null when the scale marks no option positive). */
  positive: Weighted | null;
}

export interface FieldSummary {
  id: string;
  title: Label;
  items: ItemSummary[];
  /** Mean over respondents of each one's average on the field's items. */
  mean: Weighted;
  positive: Weighted | null;
}

/** A figure as answered (unweighted) and reweighted to the list's groups (null when it cannot be). */
export interface Weighted {
  raw: number | null;
  reweighted: number | null;
}

export interface RoundSummary {
  responses: number;
  /** Why there is no reweighting (a group with no answer, or one group only), or null when there is one. */
  reweightProblem: 'group_without_answers' | 'single_group' | null;
  fields: FieldSummary[];
}

export interface SummaryInput {
  definition: Definition;
  answers: readonly { group: string; answers: Readonly<Record<string, unknown>> }[];
  /** Invited per group: the list's margins. */
  invited: ReadonlyMap<string, number>;
}

interface Rated {
  id: string;
  label: Label;
  scale: Scale;
}

function weightedMean(values: readonly (number | null)[], weights: Float64Array | null): number | null {
  let sum = 0;
  let total = 0;
  values.forEach((v, k) => {
    if (v === null) return;
    const w = weights ? (weights[k] as number) : 1;
    sum += w * v;
    total += w;
  });
  return total > 0 ? sum / total : null;
}

const both = (values: readonly (number | null)[], weights: Float64Array | null): Weighted => ({
  raw: weightedMean(values, null),
  reweighted: weights ? weightedMean(values, weights) : null,
});

/** Post-stratified weights (invited_g / answered_g) or why there are none. */
function groupWeights(input: SummaryInput): { weights: Float64Array | null; problem: RoundSummary['reweightProblem'] } {
  const answered = new Set(input.answers.map((a) => a.group));
  if ([...input.invited.keys()].some((g) => !answered.has(g)))
    return { weights: null, problem: 'group_without_answers' };
  if (input.invited.size < 2) return { weights: null, problem: 'single_group' };
  const column = categorical(input.answers.map((a) => a.group));
  const design = createDesign({ weights: new Float64Array(input.answers.length).fill(1) });
  const calibrated = postStratify(design, { variable: 'group', column, totals: input.invited });
  return { weights: calibrated.weights, problem: null };
}

function itemValue(raw: unknown, scale: Scale): { value: number | null; missing: boolean } {
  const option = typeof raw === 'number' ? scale.options.find((o) => o.value === raw) : undefined;
  if (!option) return { value: null, missing: false };
  return option.missing ? { value: null, missing: true } : { value: option.value, missing: false };
}

function summariseItem(item: Rated, input: SummaryInput, weights: Float64Array | null): ItemSummary {
  const positives = new Set(item.scale.options.filter((o) => o.valence === 'positive').map((o) => o.value));
  const values = input.answers.map((a) => itemValue(a.answers[item.id], item.scale));
  const given = values.map((v) => v.value);
  return {
    id: item.id,
    label: item.label,
    answered: given.filter((v) => v !== null).length,
    missing: values.filter((v) => v.missing).length,
    counts: item.scale.options
      .filter((o) => !o.missing)
      .map((o) => ({ value: o.value, label: o.label, count: given.filter((v) => v === o.value).length })),
    mean: both(given, weights),
    positive:
      positives.size > 0
        ? both(
            given.map((v) => (v === null ? null : positives.has(v) ? 1 : 0)),
            weights,
          )
        : null,
  };
}

/** Each respondent's average over the field's items they rated (null when they rated none). */
function perRespondent(items: readonly Rated[], input: SummaryInput, of: (v: number, s: Scale) => number) {
  return input.answers.map((a) => {
    const values = items
      .map((i) => ({ v: itemValue(a.answers[i.id], i.scale).value, s: i.scale }))
      .filter((x): x is { v: number; s: Scale } => x.v !== null)
      .map((x) => of(x.v, x.s));
    return values.length > 0 ? values.reduce((s, v) => s + v, 0) / values.length : null;
  });
}

/**
 * The summary of a round's answers, section by section, over grid and scale questions.
 * @example summariseRound({ definition, answers: [{ group: 'sở', answers: { i1_1: 4 } }],
 *   invited: new Map([['sở', 3]]) })
 */
export function summariseRound(input: SummaryInput): RoundSummary {
  const scales = input.definition.scales ?? {};
  const { weights, problem } = groupWeights(input);
  const fields: FieldSummary[] = [];
  for (const section of input.definition.sections) {
    const items: Rated[] = [];
    for (const q of section.questions) {
      if (q.type === 'grid' && scales[q.scale]) items.push(...q.items.map((i) => ({ ...i, scale: scales[q.scale]! })));
      if (q.type === 'scale' && scales[q.scale]) items.push({ id: q.id, label: q.label, scale: scales[q.scale]! });
    }
    if (items.length === 0) continue;
    const anyPositive = items.some((i) => i.scale.options.some((o) => o.valence === 'positive'));
    const isPositive = (v: number, s: Scale) => (s.options.find((o) => o.value === v)?.valence === 'positive' ? 1 : 0);
    fields.push({
      id: section.id,
      title: section.title,
      items: items.map((i) => summariseItem(i, input, weights)),
      mean: both(
        perRespondent(items, input, (v) => v),
        weights,
      ),
      positive: anyPositive ? both(perRespondent(items, input, isPositive), weights) : null,
    });
  }
  return { responses: input.answers.length, reweightProblem: problem, fields };
}
