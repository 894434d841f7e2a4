// The framework of a compiled questionnaire as a scoring tree: each node with its level, the rule that scores
// it (node override, else the level rule), its children and, for leaves, the items that measure it.
import { EstimationError } from '../estimation/index.js';
import type {
  Field,
  FrameworkNode,
  Label,
  LevelRule,
  NodeRule,
  Questionnaire,
  Scoring,
} from '../questionnaire/index.js';

export interface ScoringNode {
  readonly code: string;
  readonly level: string;
  readonly label: Label;
  readonly parent: string | null;
  readonly rule: LevelRule | NodeRule;
  readonly children: readonly ScoringNode[];
  /** Leaves: the fields whose deepest measured code is this node. */
  readonly items: readonly Field[];
  /** Number of nodes under this node's parent (top-level: top-level nodes): the k of mean_of_children_over_k. */
  readonly siblings: number;
}

export interface ScoringTree {
  readonly scoring: Scoring;
  readonly index: string;
  readonly label: Label;
  readonly top: readonly ScoringNode[];
  readonly overallRule: NodeRule;
  /** Every node, parents first, in framework order. */
  readonly preorder: readonly ScoringNode[];
  readonly fieldById: ReadonlyMap<string, Field>;
}

/** Reads the framework and scoring block (already cross-checked by compileDefinition at load time). */
export function scoringTree(q: Questionnaire): ScoringTree {
  const { framework, scoring } = q.definition;
  if (!framework || !scoring) {
    throw new EstimationError(
      'invalid_request',
      `the questionnaire ${q.definition.code} has no framework and scoring block to score`,
      { survey: q.definition.code },
    );
  }
  const levelKeys = framework.levels.map((l) => l.key);
  const itemsByCode = measuredItems(q.fields, levelKeys);
  const preorder: ScoringNode[] = [];
  const build = (list: readonly FrameworkNode[], depth: number, parent: string | null): ScoringNode[] =>
    list.map((fn) => {
      const level = levelKeys[depth] ?? '';
      const rule = scoring.nodes?.[fn.code] ?? scoring.levels[level];
      if (!rule)
        throw new EstimationError('invalid_request', `no scoring rule for "${fn.code}" (level ${level})`, {
          node: fn.code,
        });
      const node: { -readonly [K in keyof ScoringNode]: ScoringNode[K] } = {
        code: fn.code,
        level,
        label: fn.label,
        parent,
        rule,
        children: [],
        items: itemsByCode.get(fn.code) ?? [],
        siblings: list.length,
      };
      preorder.push(node);
      node.children = build(fn.children ?? [], depth + 1, fn.code);
      return node;
    });
  const top = build(framework.nodes, 0, null);
  return {
    scoring,
    index: framework.index,
    label: framework.label,
    top,
    overallRule: scoring.overall,
    preorder,
    fieldById: q.fieldById,
  };
}

/** Fields by the deepest framework code named in their measure tag (scoring-check's rule). */
function measuredItems(fields: readonly Field[], levelKeys: readonly string[]): Map<string, Field[]> {
  const out = new Map<string, Field[]>();
  for (const field of fields) {
    const m = field.measure;
    if (!m) continue;
    for (let depth = levelKeys.length - 1; depth >= 0; depth -= 1) {
      const code = m[levelKeys[depth] ?? ''];
      if (typeof code !== 'string') continue;
      out.set(code, [...(out.get(code) ?? []), field]);
      break;
    }
  }
  return out;
}

/** Leaf items of every leaf at or below `node`, in framework order. */
export function itemsBelow(node: ScoringNode): Field[] {
  if (node.children.length === 0) return [...node.items];
  return node.children.flatMap(itemsBelow);
}
