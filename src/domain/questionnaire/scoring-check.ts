// Checks a scoring block against the compiled fields and the framework: every level has an applicable rule,
// every code and item it names exists, every leaf node is measured, and recodes say what each answer is worth.
import type { FrameworkIndex } from './framework.js';
import { jsonPath, type DefinitionIssue, type Field } from './model.js';
import type { Definition } from './schema.js';
import type { LevelRule, NodeRule, Scoring } from './scoring-schema.js';

type Segments = readonly PropertyKey[];

interface Tree {
  levelKeys: readonly string[];
  level: ReadonlyMap<string, number>;
  children: ReadonlyMap<string, string[]>;
  top: readonly string[];
}

interface Ctx {
  scoring: Scoring;
  tree: Tree;
  fields: ReadonlyMap<string, Field>;
  add: (path: Segments, message: string) => void;
}

const leafRuleOf = { sipas: 'share_satisfied', papi: 'rescaled_estimate', one_stop: 'mean_points' } as const;
const methodOnly: Partial<Record<string, Scoring['method']>> = { pooled: 'sipas', mean_of_children_over_k: 'papi' };

/** Returns every problem of the scoring block, with JSON paths; an empty list when there is no block. */
export function checkScoring(
  def: Definition,
  fields: readonly Field[],
  framework: FrameworkIndex | null,
): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const scoring = def.scoring;
  if (!scoring) return issues;
  const add = (path: Segments, message: string): void => {
    issues.push({ path: jsonPath(path), message });
  };
  if (!framework) {
    add(['scoring'], 'a scoring block needs a framework block');
    return issues;
  }
  const ctx: Ctx = { scoring, tree: buildTree(framework), fields: new Map(fields.map((f) => [f.id, f])), add };
  checkLevelRules(ctx);
  checkNodeRules(ctx);
  const measured = measuredByNode(ctx.tree, fields);
  checkLeaves(ctx, measured);
  for (const [code, list] of measured) for (const field of list) checkItem(ctx, def, code, field);
  checkRanges(ctx);
  return issues;
}

function buildTree(framework: FrameworkIndex): Tree {
  const level = new Map<string, number>();
  const children = new Map<string, string[]>();
  const top: string[] = [];
  for (const [code, node] of framework.nodes) {
    level.set(code, node.level);
    children.set(code, children.get(code) ?? []);
    if (node.parent === null) top.push(code);
    else children.set(node.parent, [...(children.get(node.parent) ?? []), code]);
  }
  return { levelKeys: framework.levelKeys, level, children, top };
}

function checkLevelRules(ctx: Ctx): void {
  const { scoring, tree, add } = ctx;
  const last = tree.levelKeys.length - 1;
  for (const key of Object.keys(scoring.levels)) {
    if (!tree.levelKeys.includes(key))
      add(['scoring', 'levels', key], `"${key}" is not a framework level (${tree.levelKeys.join(', ')})`);
  }
  tree.levelKeys.forEach((key, depth) => {
    const rule = scoring.levels[key];
    const path = ['scoring', 'levels', key];
    if (!rule) add(['scoring', 'levels'], `no rule for the framework level "${key}"`);
    else if (depth === last && rule.rule !== leafRuleOf[scoring.method]) {
      add(
        [...path, 'rule'],
        `the deepest level "${key}" must use "${leafRuleOf[scoring.method]}" for method "${scoring.method}"`,
      );
    } else if (depth < last) {
      checkRollup(ctx, rule, path, codesAt(tree, depth));
    }
  });
  checkRollup(ctx, scoring.overall, ['scoring', 'overall'], [null]);
}

/** `parents` are the nodes the rule applies to (null stands for the whole index). */
function checkRollup(ctx: Ctx, rule: LevelRule | NodeRule, path: Segments, parents: readonly (string | null)[]): void {
  const { scoring, tree, add } = ctx;
  if (rule.rule === 'share_satisfied' || rule.rule === 'rescaled_estimate' || rule.rule === 'mean_points') {
    add([...path, 'rule'], `"${rule.rule}" only applies to the deepest level`);
    return;
  }
  const only = methodOnly[rule.rule];
  if (only && only !== scoring.method) add([...path, 'rule'], `"${rule.rule}" is only for method "${only}"`);
  if (rule.rule === 'direct_item') checkDirectItem(ctx, rule.item, [...path, 'item']);
  if (rule.rule !== 'weighted_mean_of_children') return;
  const expected = parents.flatMap((p) => (p === null ? [...tree.top] : (tree.children.get(p) ?? [])));
  for (const code of Object.keys(rule.weights)) {
    if (!expected.includes(code))
      add([...path, 'weights', code], `"${code}" is not a child of the nodes this rule applies to`);
  }
  for (const code of expected)
    if (rule.weights[code] === undefined) add([...path, 'weights'], `no weight for "${code}"`);
}

function checkNodeRules(ctx: Ctx): void {
  for (const [code, rule] of Object.entries(ctx.scoring.nodes ?? {})) {
    const path = ['scoring', 'nodes', code];
    const kids = ctx.tree.children.get(code);
    if (kids === undefined) ctx.add(path, `"${code}" is not a framework code`);
    else if (kids.length === 0) ctx.add(path, `"${code}" is a leaf; its items are scored by the level rule`);
    else checkRollup(ctx, rule, path, [code]);
  }
}

function checkDirectItem(ctx: Ctx, id: string, path: Segments): void {
  const field = ctx.fields.get(id);
  if (!field) ctx.add(path, `no question "${id}"`);
  else if (field.options === null) ctx.add(path, `"${id}" has no answer options to count as satisfied`);
  else if (ctx.scoring.method !== 'papi') checkSatisfied(ctx, field, path);
}

function checkSatisfied(ctx: Ctx, field: Field, path: Segments): void {
  const values =
    ctx.scoring.method === 'one_stop'
      ? ctx.scoring.satisfaction.satisfiedValues
      : ctx.scoring.method === 'sipas'
        ? ctx.scoring.satisfiedValues
        : [];
  const codes = new Set((field.options ?? []).map((o) => o.value));
  const absent = values.filter((v) => !codes.has(v));
  if (absent.length > 0) ctx.add(path, `"${field.id}" has no option ${absent.join(', ')} (satisfied values)`);
}

function codesAt(tree: Tree, depth: number): string[] {
  return [...tree.level].filter(([, l]) => l === depth).map(([code]) => code);
}

/** The node each measured field feeds: the deepest framework code named in its measure tag. */
function measuredByNode(tree: Tree, fields: readonly Field[]): Map<string, Field[]> {
  const out = new Map<string, Field[]>();
  for (const field of fields) {
    if (!field.measure) continue;
    for (let depth = tree.levelKeys.length - 1; depth >= 0; depth -= 1) {
      const code = field.measure[tree.levelKeys[depth] ?? ''];
      if (typeof code !== 'string' || tree.level.get(code) !== depth) continue;
      out.set(code, [...(out.get(code) ?? []), field]);
      break;
    }
  }
  return out;
}

function checkLeaves(ctx: Ctx, measured: ReadonlyMap<string, Field[]>): void {
  const { tree, scoring, add } = ctx;
  const last = tree.levelKeys.length - 1;
  const single = scoring.method !== 'sipas';
  for (const [code, kids] of tree.children) {
    const items = measured.get(code) ?? [];
    const depth = tree.level.get(code) ?? 0;
    if (kids.length === 0 && depth < last)
      add(['framework'], `"${code}" has no children but is not a ${tree.levelKeys[last] ?? 'leaf'}`);
    if (kids.length === 0 && items.length === 0) add(['framework'], `"${code}" has no measured item`);
    if (kids.length === 0 && single && items.length > 1) {
      add(
        ['framework'],
        `"${code}" is measured by ${items.map((f) => f.id).join(', ')}; method "${scoring.method}" needs exactly one item`,
      );
    }
    if (kids.length > 0) {
      for (const field of items) {
        const rule = scoring.nodes?.[code];
        if (rule?.rule !== 'direct_item' || rule.item !== field.id) {
          add(
            ['scoring', 'nodes'],
            `"${field.id}" measures "${code}" as a whole; add { "rule": "direct_item", "item": "${field.id}" } for it`,
          );
        }
      }
    }
  }
}

function checkItem(ctx: Ctx, def: Definition, code: string, field: Field): void {
  const { scoring, add } = ctx;
  if ((ctx.tree.children.get(code) ?? []).length > 0) return;
  const path = ['scoring', 'levels', ctx.tree.levelKeys.at(-1) ?? ''];
  const m = field.measure;
  if (!m) return;
  if (scoring.method === 'sipas') {
    const scale = scaleNameOf(def, field.questionId);
    if (scale !== scoring.scale)
      add(path, `"${field.id}" uses scale ${scale ?? '(none)'}; criteria use ${scoring.scale}`);
    checkSatisfied(ctx, field, path);
    return;
  }
  if (scoring.method === 'papi' && (m.polarity === undefined || m.scale === undefined)) {
    add(path, `"${field.id}" needs measure.polarity and measure.scale to be rescaled`);
  }
  const range = scoring.method === 'one_stop' ? [scoring.points.min, scoring.points.max] : m.scale;
  if (scoring.method === 'one_stop' && !m.recode)
    add(path, `"${field.id}" needs measure.recode giving the points of each answer`);
  for (const [answer, value] of Object.entries(m.recode ?? {})) {
    if (range && (value < (range[0] ?? 0) || value > (range[1] ?? 0))) {
      add(path, `"${field.id}" recodes ${answer} to ${value}, outside [${range.join(', ')}]`);
    }
  }
  for (const option of field.options ?? []) {
    if (option.missing) continue;
    const key = String(option.value);
    if (m.recode && m.recode[key] === undefined)
      add(path, `"${field.id}": answer ${key} is neither recoded nor a missing code`);
    if (!m.recode && range && (option.value < (range[0] ?? 0) || option.value > (range[1] ?? 0))) {
      add(path, `"${field.id}": answer ${key} lies outside the scale [${range.join(', ')}]; give a recode`);
    }
  }
}

function scaleNameOf(def: Definition, questionId: string): string | undefined {
  for (const section of def.sections) {
    for (const q of section.questions) if (q.id === questionId && 'scale' in q) return q.scale;
  }
  return undefined;
}

function checkRanges(ctx: Ctx): void {
  const { scoring, add } = ctx;
  if (scoring.method === 'papi') {
    for (const [code, k] of Object.entries(scoring.k ?? {})) {
      const kids = ctx.tree.children.get(code);
      if (kids === undefined) add(['scoring', 'k', code], `"${code}" is not a framework code`);
      else if (kids.length !== k) add(['scoring', 'k', code], `"${code}" has ${kids.length} children, not ${k}`);
    }
  }
  const range = rangeOf(ctx, null);
  if (!range) return;
  const close = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9;
  if (
    scoring.method === 'papi' &&
    scoring.overallRange &&
    !(close(range[0], scoring.overallRange[0]) && close(range[1], scoring.overallRange[1]))
  ) {
    add(['scoring', 'overallRange'], `the rules give [${range.join(', ')}], not [${scoring.overallRange.join(', ')}]`);
  }
  if (scoring.method === 'one_stop' && !close(range[1], scoring.maxTotal)) {
    add(['scoring', 'maxTotal'], `the rules give a highest total of ${range[1]}, not ${scoring.maxTotal}`);
  }
}

/** The theoretical [min, max] of a node's score (null: the whole index), or null when a rule makes it unknown. */
function rangeOf(ctx: Ctx, code: string | null, parent: string | null = null): [number, number] | null {
  const { scoring, tree } = ctx;
  const kids = code === null ? tree.top : (tree.children.get(code) ?? []);
  if (code !== null && kids.length === 0) {
    if (scoring.method === 'papi') return [scoring.rescale.min, scoring.rescale.max];
    if (scoring.method === 'one_stop') return [scoring.points.min, scoring.points.max];
    return [0, 100];
  }
  const rule =
    code === null
      ? scoring.overall
      : (scoring.nodes?.[code] ?? scoring.levels[tree.levelKeys[tree.level.get(code) ?? 0] ?? '']);
  const parts = kids.map((kid) => rangeOf(ctx, kid, code));
  if (!rule || parts.some((p) => p === null)) return null;
  const ranges = parts as [number, number][];
  const sum = (i: 0 | 1): number => ranges.reduce((acc, r) => acc + r[i], 0);
  const n = ranges.length || 1;
  switch (rule.rule) {
    case 'sum_of_children':
      return [sum(0), sum(1)];
    case 'mean_of_children':
      return [sum(0) / n, sum(1) / n];
    case 'weighted_mean_of_children':
      return [Math.min(...ranges.map((r) => r[0])), Math.max(...ranges.map((r) => r[1]))];
    case 'mean_of_children_over_k': {
      const k = parent === null ? tree.top.length : (tree.children.get(parent) ?? []).length;
      return [sum(0) / n / k, sum(1) / n / k];
    }
    default:
      return scoring.method === 'sipas' ? [0, 100] : null;
  }
}
