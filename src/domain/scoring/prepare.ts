// Everything about the answers that does not depend on the domain, computed once: the value column of each
// item a score uses, the pooled numerator/denominator columns, and which respondents enter each node's score.
import { EstimationError } from '../estimation/index.js';
import type { Field } from '../questionnaire/index.js';
import { pointsValue, rescaledValue, satisfiedValue, valueColumn, type CodeValue } from './item-values.js';
import { itemsBelow, scoringTree } from './tree.js';
import type { ScoringNode, ScoringTree } from './tree.js';
import type { ScoringInput } from './types.js';

/** Key of the overall index in the per-node maps (framework codes cannot start with '#'). */
export const OVERALL = '#overall';

export interface Prepared {
  readonly tree: ScoringTree;
  readonly rows: number;
  /** Value column of a leaf item (satisfied 1/0, rescaled indicator, points), by field id. */
  readonly leafColumns: ReadonlyMap<string, Float64Array>;
  /** Value column of a direct item (and of the one-stop satisfaction tap), by field id. */
  readonly directColumns: ReadonlyMap<string, Float64Array>;
  /** Pooled share satisfied as a ratio of totals: y = satisfied answers, x = valid answers per respondent. */
  readonly pooled: ReadonlyMap<string, { readonly y: Float64Array; readonly x: Float64Array }>;
  /** 1 for respondents with a valid answer to at least one item that enters the node's score. */
  readonly entered: ReadonlyMap<string, Uint8Array>;
}

export function prepareScoring(input: Pick<ScoringInput, 'questionnaire' | 'answers' | 'design'>): Prepared {
  const { questionnaire, answers, design } = input;
  if (answers.length !== design.n) {
    throw new EstimationError(
      'invalid_variable',
      `${answers.length} answer records but ${design.n} rows in the design`,
      { answers: answers.length, rows: design.n },
    );
  }
  const tree = scoringTree(questionnaire);
  return prepareFromColumns(tree, answers.length, (kind, field) =>
    valueColumn(field.id, answers, itemValue(tree, kind, field)),
  );
}

/** A leaf item of a node, or a direct item (a node scored by one question, the one-stop satisfaction tap). */
export type ItemKind = 'leaf' | 'direct';

/** The value column of an item of a kind, over the rows being scored. */
export type ColumnSource = (kind: ItemKind, field: Field) => Float64Array;

/**
 * What one numeric answer of an item is worth in a score: SIPAS satisfied 1/0, PAPI rescaled, one-stop points
 * (a direct item: SIPAS and one-stop satisfied 1/0, PAPI rescaled).
 */
export function itemValue(tree: ScoringTree, kind: ItemKind, field: Field): CodeValue {
  const s = tree.scoring;
  if (s.method === 'sipas') return satisfiedValue(field, s.satisfiedValues, s.exclude);
  if (s.method === 'papi') return rescaledValue(field, s);
  if (kind === 'direct') return satisfiedValue(field, s.satisfaction.satisfiedValues, s.exclude);
  return pointsValue(field, s);
}

/** Every item a score reads, with its kind, each once: leaves in framework order, then direct items. */
export function scoredItems(tree: ScoringTree): { kind: ItemKind; field: Field }[] {
  const out: { kind: ItemKind; field: Field }[] = [];
  const direct = new Set<string>();
  for (const node of tree.preorder) {
    for (const field of node.items) out.push({ kind: 'leaf', field });
    if (node.rule.rule === 'direct_item') direct.add(node.rule.item);
  }
  if (tree.overallRule.rule === 'direct_item') direct.add(tree.overallRule.item);
  if (tree.scoring.method === 'one_stop') direct.add(tree.scoring.satisfaction.item);
  for (const id of direct) {
    const field = tree.fieldById.get(id);
    if (!field) throw new EstimationError('invalid_request', `no question "${id}" for a direct item`, { item: id });
    out.push({ kind: 'direct', field });
  }
  return out;
}

/** Prepares the scoring of `rows` respondents from the value columns of their items (`source`). */
export function prepareFromColumns(tree: ScoringTree, rows: number, source: ColumnSource): Prepared {
  const leafColumns = new Map<string, Float64Array>();
  const directColumns = new Map<string, Float64Array>();
  const pooled = new Map<string, { y: Float64Array; x: Float64Array }>();
  const entered = new Map<string, Uint8Array>();
  for (const node of tree.preorder) for (const field of node.items) leafColumns.set(field.id, source('leaf', field));
  const direct = (id: string): Float64Array => {
    const field = tree.fieldById.get(id);
    if (!field) throw new EstimationError('invalid_request', `no question "${id}" for a direct item`, { item: id });
    const column = directColumns.get(id) ?? source('direct', field);
    directColumns.set(id, column);
    return column;
  };
  const visit = (
    key: string,
    rule: ScoringNode['rule'],
    children: readonly ScoringNode[],
    items: readonly Field[],
  ): Uint8Array => {
    const kids = children.map((c) => visit(c.code, c.rule, c.children, c.children.length === 0 ? c.items : []));
    let mask: Uint8Array;
    if (rule.rule === 'direct_item') mask = validMask([direct(rule.item)], rows);
    else if (children.length === 0 || rule.rule === 'pooled') {
      const below = children.length === 0 ? items : children.flatMap(itemsBelow);
      const columns = below.map((f) => leafColumns.get(f.id) as Float64Array);
      mask = validMask(columns, rows);
      if (rule.rule === 'pooled' || columns.length > 1) pooled.set(key, pooledColumns(columns, rows));
    } else mask = union(kids, rows);
    entered.set(key, mask);
    return mask;
  };
  visit(OVERALL, tree.overallRule, tree.top, []);
  if (tree.scoring.method === 'one_stop') direct(tree.scoring.satisfaction.item);
  return { tree, rows, leafColumns, directColumns, pooled, entered };
}

function validMask(columns: readonly Float64Array[], n: number): Uint8Array {
  const mask = new Uint8Array(n);
  for (const c of columns) for (let k = 0; k < n; k += 1) if (!Number.isNaN(c[k] as number)) mask[k] = 1;
  return mask;
}

function union(masks: readonly Uint8Array[], n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (const m of masks) for (let k = 0; k < n; k += 1) out[k] = (out[k] as number) | (m[k] as number);
  return out;
}

/** Per respondent: y = Σ satisfied over the items, x = number of valid answers; both NaN when x = 0. */
function pooledColumns(columns: readonly Float64Array[], n: number): { y: Float64Array; x: Float64Array } {
  const y = new Float64Array(n);
  const x = new Float64Array(n);
  for (const c of columns) {
    for (let k = 0; k < n; k += 1) {
      const v = c[k] as number;
      if (Number.isNaN(v)) continue;
      y[k] = (y[k] as number) + v;
      x[k] = (x[k] as number) + 1;
    }
  }
  for (let k = 0; k < n; k += 1) if (x[k] === 0) y[k] = x[k] = NaN;
  return { y, x };
}
