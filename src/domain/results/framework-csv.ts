// framework.csv of the reproduction bundle: one row per node (its rule, k, coefficient in its parent and formula)
// and one row per scored item (the node it measures, its recode, exclusions, polarity and scale), so every figure
// of results.csv can be traced from the answer codes to the index by hand.
import { reportedNodes, type FrameworkModel, type ItemModel, type NodeModel } from './framework-model.js';

export const frameworkColumns = [
  'kind',
  'code',
  'level',
  'parent',
  'label_vi',
  'label_en',
  'rule',
  'k',
  'coefficient_in_parent',
  'formula',
  'items',
  'score_variable',
  'answer_variable',
  'recode',
  'excluded_codes',
  'satisfied_codes',
  'scale_min',
  'scale_max',
  'polarity',
  'rescaled_min',
  'rescaled_max',
] as const;

export type FrameworkRow = Record<(typeof frameworkColumns)[number], string | number>;

/**
 * A node's formula written with `ref(child)` for its children and `ratio(items)` for a ratio of weighted totals
 * (the Hájek mean over valid answers for one item, the pooled share for several).
 * @example nodeFormula(element, (c) => c, (i) => `mean(${i})`) // "(II.C.29 + II.C.30 + II.C.31) / 3"
 */
export function nodeFormula(
  node: NodeModel,
  ref: (code: string) => string,
  ratio: (items: string[]) => string,
): string {
  const form = node.form;
  if (form.kind === 'ratio') return ratio(form.items);
  const terms = form.children.map(ref);
  const m = terms.length;
  const sum = terms.join(' + ');
  switch (node.rule) {
    case 'mean_of_children':
      return m === 1 ? sum : `(${sum}) / ${m}`;
    case 'mean_of_children_over_k':
      return `(${sum}) / ${m} / ${node.k ?? 1}`;
    case 'sum_of_children':
      return sum;
    default:
      return form.coefficients.map((c, i) => `${c} * ${terms[i]}`).join(' + ');
  }
}

function coefficientsByChild(model: FrameworkModel): Map<string, number> {
  const out = new Map<string, number>();
  for (const n of model.nodes) {
    if (n.form.kind !== 'combination') continue;
    const { coefficients } = n.form;
    n.form.children.forEach((c, i) => out.set(c, coefficients[i] as number));
  }
  return out;
}

const list = (values: readonly (number | string)[]): string => values.join(' ');

function itemRow(model: FrameworkModel, item: ItemModel): FrameworkRow {
  return {
    kind: 'item',
    code: item.id,
    level: model.levels.at(-1)?.key ?? '',
    parent: item.node,
    label_vi: item.label.vi,
    label_en: item.label.en ?? '',
    rule: item.kind,
    k: '',
    coefficient_in_parent: '',
    formula: '',
    items: '',
    score_variable: item.scoreVariable ?? '',
    answer_variable: item.answerVariable ?? '',
    recode: item.recode.map(([code, value]) => `${code}=${value}`).join('; '),
    excluded_codes: list(item.excluded),
    satisfied_codes: list(item.satisfied),
    scale_min: item.scale?.[0] ?? '',
    scale_max: item.scale?.[1] ?? '',
    polarity: item.polarity ?? '',
    rescaled_min: item.target?.[0] ?? '',
    rescaled_max: item.target?.[1] ?? '',
  };
}

/** Node rows (parents first, the index last), then item rows. */
export function frameworkRows(model: FrameworkModel): FrameworkRow[] {
  const coefficient = coefficientsByChild(model);
  const byId = new Map(model.items.map((i) => [i.id, i]));
  // An item without a score_ column in the microdata (a one-stop satisfaction question) is named by its answer.
  const score = (id: string): string => {
    const item = byId.get(id);
    if (item?.scoreVariable) return item.scoreVariable;
    return item?.kind === 'satisfied' ? `[${id} in ${item.satisfied.join(' ')}]` : id;
  };
  const ratio = (items: string[]): string =>
    items.length === 1 ? `mean(${score(items[0] ?? '')})` : `pooled(${items.map(score).join(', ')})`;
  const nodes = reportedNodes(model).map((n): FrameworkRow => ({
    kind: 'node',
    code: n.code,
    level: n.level,
    parent: n.parent ?? '',
    label_vi: n.label.vi,
    label_en: n.label.en ?? '',
    rule: n.rule,
    k: n.k ?? '',
    coefficient_in_parent: coefficient.get(n.code) ?? '',
    formula: nodeFormula(n, (c) => `[${c}]`, ratio),
    items: list(n.entered),
    score_variable: '',
    answer_variable: '',
    recode: '',
    excluded_codes: '',
    satisfied_codes: '',
    scale_min: '',
    scale_max: '',
    polarity: '',
    rescaled_min: '',
    rescaled_max: '',
  }));
  return [...nodes, ...model.items.map((i) => itemRow(model, i))];
}
