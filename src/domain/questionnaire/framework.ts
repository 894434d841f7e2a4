// Checks a framework block (index structure such as PAPI dimension > sub-dimension > indicator) and the
// measure tags that point into it, so a mistyped criterion code fails at load time, not in a results table.
import type { Measure, Option, Framework, FrameworkNode } from './schema.js';

type Path = readonly PropertyKey[];
type Report = (path: Path, message: string) => void;

export interface FrameworkIndex {
  index: string;
  levelKeys: readonly string[];
  nodes: ReadonlyMap<string, { level: number; parent: string | null }>;
}

const reservedMeasureKeys = new Set(['index', 'polarity', 'scale', 'recode', 'weight']);

export function checkFramework(framework: Framework | undefined, report: Report): FrameworkIndex | null {
  if (!framework) return null;
  const nodes = new Map<string, { level: number; parent: string | null }>();
  const levelKeys = framework.levels.map((l) => l.key);
  const clash = levelKeys.find((k) => reservedMeasureKeys.has(k));
  if (clash) report(['levels'], `level key "${clash}" is reserved in measure tags`);
  if (new Set(levelKeys).size !== levelKeys.length) report(['levels'], 'level keys must be distinct');
  const visit = (list: readonly FrameworkNode[], level: number, parent: string | null, path: PropertyKey[]): void => {
    list.forEach((node, i) => {
      const here = [...path, i];
      if (nodes.has(node.code)) report([...here, 'code'], `duplicate framework code "${node.code}"`);
      nodes.set(node.code, { level, parent });
      if (node.children && level + 1 >= levelKeys.length) {
        report([...here, 'children'], `the framework declares ${levelKeys.length} levels; this node is deeper`);
      } else if (node.children) {
        visit(node.children, level + 1, node.code, [...here, 'children']);
      }
    });
  };
  visit(framework.nodes, 0, null, ['nodes']);
  return { index: framework.index, levelKeys, nodes };
}

/** Level keys present in the tag must name nodes at that level, and each must be the ancestor of the next. */
export function checkMeasure(
  measure: Measure,
  framework: FrameworkIndex | null,
  options: readonly Option[] | null,
  path: Path,
  add: (path: Path, message: string) => void,
): void {
  const at = [...path, 'measure'];
  if (!framework) {
    add(at, 'a measure tag needs a framework block in the definition');
    return;
  }
  if (measure.index !== framework.index)
    add([...at, 'index'], `index "${measure.index}" is not the framework's "${framework.index}"`);
  const levels = Object.keys(measure).filter((k) => !reservedMeasureKeys.has(k));
  if (levels.length === 0) add(at, `name at least one of the framework levels: ${framework.levelKeys.join(', ')}`);
  let deepest: { code: string; level: number } | null = null;
  for (const key of levels) {
    const code = String(measure[key]);
    const level = framework.levelKeys.indexOf(key);
    const node = framework.nodes.get(code);
    if (level < 0) add([...at, key], `"${key}" is not a framework level (${framework.levelKeys.join(', ')})`);
    else if (!node || node.level !== level) add([...at, key], `"${code}" is not a ${key} of the framework`);
    else if (!deepest || level > deepest.level) deepest = { code, level };
  }
  if (deepest) checkAncestors(measure, framework, deepest.code, at, add);
  if (measure.scale && measure.scale[0] >= measure.scale[1])
    add([...at, 'scale'], 'scale must be [min, max] with min < max');
  if (measure.recode) {
    const values = new Set((options ?? []).map((o) => String(o.value)));
    for (const key of Object.keys(measure.recode)) {
      if (!values.has(key)) add([...at, 'recode', key], `answer code ${key} is not an option of this question`);
    }
  }
}

function checkAncestors(measure: Measure, framework: FrameworkIndex, code: string, at: Path, add: Report): void {
  let parent = framework.nodes.get(code)?.parent ?? null;
  while (parent !== null) {
    const node = framework.nodes.get(parent);
    if (!node) return;
    const key = framework.levelKeys[node.level];
    if (key !== undefined && measure[key] !== undefined && measure[key] !== parent) {
      add([...at, key], `"${String(measure[key])}" does not contain "${code}" (its ${key} is "${parent}")`);
    }
    parent = node.parent;
  }
}
