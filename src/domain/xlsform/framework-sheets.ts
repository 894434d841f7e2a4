// The index framework and the scoring block as extra sheets: XLSForm has no place for them, XLSForm tools ignore
// sheets they do not know, and the import reads them back. The framework is one row per node (parent by code);
// scoring is one row per key with its JSON value, since its shape differs by method.
import type { Framework, FrameworkNode, Label } from '../questionnaire/index.js';
import { labelColumns, putLabel, sheetNames, type Row, type Sheet } from './sheets.js';

export function frameworkSheets(framework: Framework | undefined): Sheet[] {
  if (framework === undefined) return [];
  const levels = framework.levels.map((l) => {
    const row: Row = { key: l.key };
    putLabel(row, 'label', l.label);
    return row;
  });
  const nodes: Row[] = [];
  const visit = (node: FrameworkNode, parent: string): void => {
    const row: Row = { code: node.code, parent };
    putLabel(row, 'label', node.label);
    if (node.owner !== undefined) row['owner'] = node.owner;
    nodes.push(row);
    for (const child of node.children ?? []) visit(child, node.code);
  };
  for (const node of framework.nodes) visit(node, '');
  return [
    { name: sheetNames.frameworkLevels, columns: ['key', ...labelColumns('label')], rows: levels },
    { name: sheetNames.framework, columns: ['code', 'parent', ...labelColumns('label'), 'owner'], rows: nodes },
  ];
}

export function scoringSheet(scoring: object): Sheet {
  const rows = Object.entries(scoring).map(([key, value]) => ({ key, value: JSON.stringify(value) }));
  return { name: sheetNames.scoring, columns: ['key', 'value'], rows };
}

/** Rebuilds the node tree from rows in export order (a parent before its children). */
export function frameworkNodes(
  rows: readonly { code: string; parent: string; label: Label; owner?: string }[],
): FrameworkNode[] {
  const byCode = new Map<string, FrameworkNode>();
  const roots: FrameworkNode[] = [];
  for (const r of rows) {
    const node: FrameworkNode = { code: r.code, label: r.label, ...(r.owner !== undefined ? { owner: r.owner } : {}) };
    byCode.set(r.code, node);
    const parent = r.parent === '' ? undefined : byCode.get(r.parent);
    if (parent === undefined) roots.push(node);
    else (parent.children ??= []).push(node);
  }
  return roots;
}
