// The nodes a plan may name, per index: SIPAS, PAPI and TT01 from the questionnaires' frameworks (surveys/*.json),
// the PAR Index from its eight fields plus the criteria its published tables and plans use. One place answers
// "is this a node?", "what level is it?", "what is it called?" and "what are its children?".
import type { AppContext } from '../../context.js';
import type { FrameworkNode, Label } from '../../domain/questionnaire/index.js';
import { isParNode, parFields, parLevel, parParent } from '../../domain/plans/indices.js';
import type { IndexCode } from '../../domain/plans/model.js';

interface NodeInfo {
  level: string;
  parent: string | null;
  label: Label;
}

export interface IndexFramework {
  readonly index: IndexCode;
  /** Level keys from the top ("part", "element", "criterion"), without "overall". */
  readonly levels: readonly string[];
  has(code: string): boolean;
  label(code: string): Label;
  /** A level's name ("Tiêu chí", "Nội dung thành phần"). */
  levelLabel(key: string): Label | null;
  level(code: string): string | null;
  /** Children of a node at a level (descendants), or its direct children when level is null. */
  children(code: string, level: string | null): string[];
}

class TreeFramework implements IndexFramework {
  constructor(
    readonly index: IndexCode,
    readonly levels: readonly string[],
    private readonly nodes: ReadonlyMap<string, NodeInfo>,
    private readonly title: Label,
    private readonly levelLabels: ReadonlyMap<string, Label>,
    /** Nodes accepted beyond those listed (PAR criteria by shape). */
    private readonly accepts: (code: string) => boolean = () => false,
  ) {}

  has(code: string): boolean {
    return code === 'overall' || this.nodes.has(code) || this.accepts(code);
  }

  levelLabel(key: string): Label | null {
    return this.levelLabels.get(key) ?? null;
  }

  label(code: string): Label {
    return code === 'overall' ? this.title : (this.nodes.get(code)?.label ?? { vi: code });
  }

  level(code: string): string | null {
    return code === 'overall' ? 'overall' : (this.nodes.get(code)?.level ?? null);
  }

  children(code: string, level: string | null): string[] {
    const out: string[] = [];
    for (const [c, n] of this.nodes) {
      if (level === null ? (n.parent ?? 'overall') === code : n.level === level && this.isBelow(c, code)) out.push(c);
    }
    return out;
  }

  private isBelow(code: string, ancestor: string): boolean {
    if (ancestor === 'overall') return true;
    let p = this.nodes.get(code)?.parent ?? null;
    while (p !== null) {
      if (p === ancestor) return true;
      p = this.nodes.get(p)?.parent ?? null;
    }
    return false;
  }
}

function surveyFramework(ctx: AppContext, index: IndexCode): IndexFramework | null {
  const survey = ctx.surveys.list().find((s) => s.questionnaire.definition.framework?.index === index);
  const fw = survey?.questionnaire.definition.framework;
  if (!fw) return null;
  const levels = fw.levels.map((l) => l.key);
  const nodes = new Map<string, NodeInfo>();
  const walk = (list: readonly FrameworkNode[], depth: number, parent: string | null): void => {
    for (const n of list) {
      nodes.set(n.code, { level: levels[depth] ?? String(depth), parent, label: n.label });
      walk(n.children ?? [], depth + 1, n.code);
    }
  };
  walk(fw.nodes, 0, null);
  return new TreeFramework(index, levels, nodes, fw.label, new Map(fw.levels.map((l) => [l.key, l.label])));
}

/** The PAR Index: its fields, and the criteria that `known` (published rows, plans) mention. */
export function parFramework(known: Iterable<string> = []): IndexFramework {
  const nodes = new Map<string, NodeInfo>();
  for (const f of parFields) nodes.set(f.code, { level: 'field', parent: null, label: f.label });
  const codes = [...new Set(known)].filter((c) => c !== 'overall' && isParNode(c));
  codes.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  for (const code of codes) {
    // A sub-criterion's criterion may be known only through it: add the chain.
    for (let c: string | null = code; c !== null && c !== 'overall' && !nodes.has(c); c = parParent(c)) {
      const parent = parParent(c);
      nodes.set(c, {
        level: parLevel(c),
        parent: parent === 'overall' ? null : parent,
        label: { vi: `Tiêu chí ${c}`, en: `Criterion ${c}` },
      });
    }
  }
  const title = { vi: 'Chỉ số cải cách hành chính (PAR Index)', en: 'PAR Index' };
  // Any well-formed criterion is a node of the PAR Index, listed or not: the ministry renumbers them yearly.
  const levels = new Map<string, Label>([
    ['field', { vi: 'Lĩnh vực', en: 'Field' }],
    ['criterion', { vi: 'Tiêu chí', en: 'Criterion' }],
    ['subcriterion', { vi: 'Tiêu chí thành phần', en: 'Sub-criterion' }],
  ]);
  return new TreeFramework('PAR', [...levels.keys()], sortByCode(nodes), title, levels, isParNode);
}

function sortByCode(nodes: Map<string, NodeInfo>): Map<string, NodeInfo> {
  return new Map([...nodes].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })));
}

/** The framework of each index a plan may name; PAR with the criteria in `parCodes`. */
export function planFrameworks(ctx: AppContext, parCodes: Iterable<string> = []): Map<IndexCode, IndexFramework> {
  const out = new Map<IndexCode, IndexFramework>([['PAR', parFramework(parCodes)]]);
  for (const index of ['SIPAS', 'PAPI', 'TT01'] as const) {
    const fw = surveyFramework(ctx, index);
    if (fw) out.set(index, fw);
  }
  return out;
}
