// The scoring framework of a questionnaire as the reproduction bundle states it: each scored item with the recode
// that turns its answer code into a score, and each node with the rule and coefficients that roll it up. The
// product scores with src/domain/scoring; this model is read from the same tree and the same rules
// (rollupCoefficients), so framework.csv and the generated R, Stata and SPSS code say what the product does.
import type { Field, Label, MissingKind, Questionnaire, Scoring } from '../questionnaire/index.js';
import { rollupCoefficients } from '../scoring/node-estimates.js';
import { itemsBelow, scoringTree, type ScoringNode } from '../scoring/tree.js';
import { scorePrefix } from './score-columns.js';

/** How one item's answer code becomes its score (see scoring/item-values.ts). */
export interface ItemModel {
  id: string;
  label: Label;
  /** The leaf node it measures, or the node it answers as a whole (direct_item). */
  node: string;
  /** The microdata column with the item's score; null when the questionnaire does not tag it as scored. */
  scoreVariable: string | null;
  /** The microdata column with the answer code; null for a multi-select (one 0/1 column per option). */
  answerVariable: string | null;
  kind: 'satisfied' | 'rescaled' | 'points';
  /** Explicit recodes, code → value; they win over everything else. */
  recode: [number, number][];
  /** Codes left out of the denominator (blank score). */
  excluded: number[];
  /** SIPAS: the codes that count as satisfied (any other valid code scores 0). */
  satisfied: number[];
  /** PAPI: the item's theoretical range and polarity, and the range it is rescaled to. */
  scale: [number, number] | null;
  polarity: 1 | -1 | null;
  target: [number, number] | null;
}

export type NodeForm =
  { kind: 'ratio'; items: string[] } | { kind: 'combination'; children: string[]; coefficients: number[] };

export interface NodeModel {
  code: string;
  /** Framework level key, or "overall" for the index. */
  level: string;
  label: Label;
  parent: string | null;
  /** The rule as the results name it (share_satisfied_pooled for a criterion pooled over several items). */
  rule: string;
  /** mean_of_children_over_k: the k it divides by. */
  k: number | null;
  /** Leaves, direct items and pooled nodes: a ratio of totals Σw·score / Σw·[valid]; roll-ups: Σ c_i · child_i. */
  form: NodeForm;
  /** Items whose valid answers count in the node's n. */
  entered: string[];
}

export interface FrameworkModel {
  method: Scoring['method'];
  index: string;
  decimals: number;
  levels: { key: string; label: Label }[];
  items: ItemModel[];
  /** Parents before children, in framework order; the overall index last. */
  nodes: NodeModel[];
  /** One-stop packs: the share satisfied on the satisfaction question, reported beside the index. */
  satisfaction: NodeModel | null;
}

/** Every node the results can report: the framework's, the index, and the one-stop satisfaction share. */
export function reportedNodes(model: FrameworkModel): NodeModel[] {
  return model.satisfaction ? [...model.nodes, model.satisfaction] : model.nodes;
}

function missingCodes(field: Field): { code: number; kind: MissingKind }[] {
  return (field.options ?? []).flatMap((o) => (o.missing ? [{ code: o.value, kind: o.missing }] : []));
}

/**
 * `satisfied`: the codes that count as satisfied when the item is scored as a share (SIPAS items, and a one-stop
 * item asked about a node as a whole, which scoring/prepare.ts scores on the satisfaction tap's values).
 */
function itemModel(
  field: Field,
  node: string,
  scoring: Scoring,
  scored: boolean,
  satisfied: number[] | null,
): ItemModel {
  const m = field.measure;
  const recode = Object.entries(m?.recode ?? {}).map(([k, v]): [number, number] => [Number(k), v]);
  const recoded = new Set(recode.map(([k]) => k));
  // A share counts a missing code it does not exclude as "not satisfied"; PAPI and points leave every missing code
  // out (it has no value on the scale) unless a recode maps it.
  const excluded = missingCodes(field)
    .filter((c) => !recoded.has(c.code) && (satisfied === null || scoring.exclude.includes(c.kind)))
    .map((c) => c.code);
  return {
    id: field.id,
    label: field.label,
    node,
    scoreVariable: scored ? `${scorePrefix}${field.id}` : null,
    answerVariable: field.type === 'multi' ? null : field.id,
    kind: satisfied ? 'satisfied' : scoring.method === 'papi' ? 'rescaled' : 'points',
    recode,
    excluded,
    satisfied: satisfied ?? [],
    scale:
      scoring.method === 'papi' && m?.scale
        ? [m.scale[0], m.scale[1]]
        : scoring.method === 'one_stop'
          ? [scoring.points.min, scoring.points.max]
          : null,
    polarity: scoring.method === 'papi' ? (m?.polarity ?? null) : null,
    target: scoring.method === 'papi' ? [scoring.rescale.min, scoring.rescale.max] : null,
  };
}

/** The nodes' rule names as the product's results give them (scoring/score.ts). */
function ruleName(node: ScoringNode): string {
  if (node.children.length > 0 || node.rule.rule !== 'share_satisfied') return node.rule.rule;
  return node.items.length > 1 ? 'share_satisfied_pooled' : node.rule.rule;
}

/**
 * The model of a scored questionnaire (throws EstimationError without a framework and scoring block).
 * @example frameworkModel(sipas).nodes.at(-1) // { code: 'SIPAS', level: 'overall', rule: 'mean_of_children', ... }
 */
export function frameworkModel(q: Questionnaire, scoredIds: ReadonlySet<string>): FrameworkModel {
  const tree = scoringTree(q);
  const scoring = tree.scoring;
  const items = new Map<string, ItemModel>();
  const nodes: NodeModel[] = [];
  const shares = scoring.method === 'sipas' ? [...scoring.satisfiedValues] : null;
  const directShares = scoring.method === 'one_stop' ? [...scoring.satisfaction.satisfiedValues] : shares;
  const addItem = (field: Field, node: string, satisfied = shares): void => {
    if (!items.has(field.id)) items.set(field.id, itemModel(field, node, scoring, scoredIds.has(field.id), satisfied));
  };
  // Mirrors estimateScope's order of rules: direct item, leaf, pooled, linear roll-up.
  const visit = (node: ScoringNode | null): { model: NodeModel; entered: string[] } => {
    const rule = node ? node.rule : tree.overallRule;
    const children = node ? node.children : tree.top;
    const kids = children.map((c) => visit(c));
    const code = node?.code ?? tree.index;
    const head = {
      code,
      level: node?.level ?? 'overall',
      label: node?.label ?? tree.label,
      parent: node ? (node.parent ?? tree.index) : null,
      rule: node ? ruleName(node) : rule.rule,
      k: rule.rule === 'mean_of_children_over_k' ? (node?.siblings ?? tree.top.length) : null,
    };
    let form: NodeForm;
    let entered: string[];
    if (rule.rule === 'direct_item') {
      const field = tree.fieldById.get(rule.item);
      if (field) addItem(field, code, directShares);
      form = { kind: 'ratio', items: [rule.item] };
      entered = [rule.item];
    } else if (children.length === 0 || rule.rule === 'pooled') {
      const below = node ? itemsBelow(node) : [];
      for (const f of below) addItem(f, leafOf(tree.preorder, f) || code);
      form = { kind: 'ratio', items: below.map((f) => f.id) };
      entered = below.map((f) => f.id);
    } else {
      const coefficients = rollupCoefficients(rule, children, node?.siblings ?? tree.top.length);
      form = { kind: 'combination', children: children.map((c) => c.code), coefficients };
      entered = [...new Set(kids.flatMap((k) => k.entered))];
    }
    const model = { ...head, form, entered };
    nodes.push(model);
    return { model, entered };
  };
  visit(null);
  // visit pushes children first; the model lists parents first, as the results do, with the index last.
  const overall = nodes.pop() as NodeModel;
  const order = new Map(tree.preorder.map((n, i) => [n.code, i]));
  nodes.sort((a, b) => (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0));
  let satisfaction: NodeModel | null = null;
  if (scoring.method === 'one_stop') {
    const item = scoring.satisfaction.item;
    const field = tree.fieldById.get(item);
    if (field) addItem(field, item, directShares);
    satisfaction = {
      code: item,
      level: 'satisfaction',
      label: field?.label ?? { vi: item },
      parent: null,
      rule: 'share_satisfied',
      k: null,
      form: { kind: 'ratio', items: [item] },
      entered: [item],
    };
  }
  return {
    method: scoring.method,
    index: tree.index,
    decimals: scoring.decimals,
    levels: q.definition.framework?.levels.map((l) => ({ key: l.key, label: l.label })) ?? [],
    items: [...items.values()],
    nodes: [...nodes, overall],
    satisfaction,
  };
}

function leafOf(preorder: readonly ScoringNode[], field: Field): string {
  return preorder.find((n) => n.children.length === 0 && n.items.includes(field))?.code ?? '';
}
