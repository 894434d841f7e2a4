// The plan file (docs/plans.md): JSON as analysts write it, checked with zod and turned into a Plan. Targets are
// flat objects (kind plus its values), as a spreadsheet row would be; every problem names the target's row.
// References to the world (nodes, departments, indicators, published tables) are checked by the import service.
import { z } from 'zod';
import {
  compares,
  domainKinds,
  indexCodes,
  type Aim,
  type Baseline,
  type Compare,
  type Plan,
  type PlanTarget,
  type SimpleAim,
  type Subject,
} from './model.js';

export interface PlanProblem {
  /** The target's 1-based row, or null for the plan's own fields. */
  readonly row: number | null;
  readonly section: 'plan' | 'targets' | 'published' | 'indicators';
  readonly field: string;
  readonly message: string;
  /** The seed or document line the row cites, to find it in the source. */
  readonly line?: number | null;
}

const year = z.number().int().min(2000).max(2100);
const text = (max: number) => z.string().trim().min(1).max(max);

const baselineSchema = z.object({ year, value: z.number().finite().optional() }).strict();
const filterSchema = z.object({ compare: z.enum(compares), value: z.number().finite() }).strict();

export const aimKinds = [
  'at_least',
  'above',
  'at_most',
  'below',
  'change',
  'relative',
  'keep',
  'rank',
  'group',
  'rule',
] as const;

const aimFields = {
  kind: z.enum(aimKinds),
  value: z.number().finite().optional(),
  points: z.number().finite().optional(),
  percent: z.number().finite().optional(),
  compare: z.enum(compares).optional(),
  baseline: baselineSchema.optional(),
  atMost: z.number().int().positive().optional(),
  group: text(100).optional(),
  children: text(40).nullable().optional(),
  where: filterSchema.optional(),
};

const thenSchema = z.object(aimFields).strict();

export const targetSchema = z
  .object({
    ...aimFields,
    then: thenSchema.optional(),
    label: text(500),
    index: z.enum(indexCodes).optional(),
    node: text(40).optional(),
    domain: z
      .object({ kind: z.enum(domainKinds), value: text(200) })
      .strict()
      .optional(),
    indicator: text(60).optional(),
    year: z.union([year, z.literal('each')]),
    lead: text(200),
    support: z.array(text(200)).max(30).default([]),
    line: z.number().int().positive().optional(),
    source: text(300).optional(),
    note: text(2000).optional(),
  })
  .strict();

export const indicatorSchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9._-]{0,59}$/, 'code: lower-case letters, digits, . _ -'),
    name: text(300),
    unit: text(40),
    owner: text(200),
    direction: z.enum(['higher', 'lower']),
  })
  .strict();

export const quotedFigureSchema = z
  .object({
    year,
    index: z.enum(indexCodes),
    node: text(40).default('overall'),
    score: z.number().finite().nullable().default(null),
    rank: z.number().int().positive().nullable().default(null),
    provinces: z.number().int().positive().nullable().default(null),
    group: text(100).nullable().default(null),
    line: z.number().int().positive().optional(),
  })
  .strict();

export const planFileSchema = z
  .object({
    format: z.literal('langnghe-plan').optional(),
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'code: letters, digits, . _ - (at most 40)')
      // Pages of their own live at /plans/published and /plans/indicators.
      .refine(
        (c) => !['published', 'indicators'].includes(c.toLowerCase()),
        'code: "published" and "indicators" are reserved',
      ),
    name: text(500),
    province: text(100),
    issuer: text(300),
    documentNumber: text(100).nullable().default(null),
    issuedOn: z.iso.date().nullable().default(null),
    startYear: year,
    endYear: year,
    source: text(300).optional(),
    notes: z.array(text(2000)).max(50).default([]),
    indicators: z.array(indicatorSchema).max(200).default([]),
    published: z.array(quotedFigureSchema).max(500).default([]),
    targets: z.array(z.unknown()).max(1000),
  })
  .strict();

export type PlanFile = z.output<typeof planFileSchema>;
export type IndicatorDefinition = z.output<typeof indicatorSchema>;
export type QuotedFigure = z.output<typeof quotedFigureSchema>;
type TargetRow = z.output<typeof targetSchema>;
type AimRow = z.output<typeof thenSchema>;

export interface ParsedPlanFile {
  readonly plan: Plan;
  readonly file: PlanFile;
  readonly rows: readonly TargetRow[];
}

const pathOf = (path: readonly PropertyKey[]): string => path.map(String).join('.') || '(file)';

/**
 * Parses a plan file's JSON value into a Plan and every problem found (the import is refused whole when there is
 * any); the plan is null only when the file's own fields are wrong, and then holds only the targets that parsed.
 * @example parsePlanFile({ code: 'bg-2024', …, targets: [{ label: 'SIPAS trên 90%', index: 'SIPAS',
 *   node: 'overall', kind: 'above', value: 90, year: 2024, lead: 'Sở Nội vụ' }] }).plan.targets[0].aim
 *   // { kind: 'level', compare: 'above', value: 90 }
 */
export function parsePlanFile(value: unknown): { plan: ParsedPlanFile | null; problems: PlanProblem[] } {
  const head = planFileSchema.safeParse(value);
  if (!head.success) {
    return {
      plan: null,
      problems: head.error.issues.map((i) => problemAt(i.path, i.message)),
    };
  }
  const file = head.data;
  const problems: PlanProblem[] = [];
  if (file.endYear < file.startYear)
    problems.push({ row: null, section: 'plan', field: 'endYear', message: 'the plan ends before it starts' });
  const rows: TargetRow[] = [];
  const targets: PlanTarget[] = [];
  file.targets.forEach((raw, k) => {
    const row = k + 1;
    const parsed = targetSchema.safeParse(raw);
    if (!parsed.success) {
      for (const i of parsed.error.issues) problems.push(rowProblem(row, pathOf(i.path), i.message, lineOf(raw)));
      return;
    }
    const t = parsed.data;
    const found: PlanProblem[] = [];
    const report = (field: string, message: string) => found.push(rowProblem(row, field, message, t.line ?? null));
    const subject = subjectOf(t, report);
    const aim = aimOf(t, t.then, report);
    if (t.year !== 'each' && (t.year < file.startYear || t.year > file.endYear))
      report('year', `${t.year} is outside the plan's years ${file.startYear}–${file.endYear}`);
    problems.push(...found);
    if (found.length > 0 || !subject || !aim) return;
    rows.push(t);
    targets.push({
      row,
      label: t.label,
      subject,
      aim,
      year: t.year === 'each' ? null : t.year,
      lead: t.lead,
      support: t.support,
      source: t.source || file.source || t.line ? { file: t.source ?? file.source ?? '', line: t.line ?? null } : null,
      note: t.note ?? null,
    });
  });
  // The targets that parsed stay in the plan even when others did not, so their references can be checked too
  // and a refused file lists every problem at once; a plan with problems is never stored.
  const plan: Plan = {
    code: file.code,
    name: file.name,
    province: file.province,
    issuer: file.issuer,
    documentNumber: file.documentNumber,
    issuedOn: file.issuedOn,
    startYear: file.startYear,
    endYear: file.endYear,
    targets,
  };
  return { plan: { plan, file, rows }, problems };
}

function lineOf(raw: unknown): number | null {
  const line = (raw as { line?: unknown } | null)?.line;
  return typeof line === 'number' ? line : null;
}

function rowProblem(row: number, field: string, message: string, line: number | null): PlanProblem {
  return { row, section: 'targets', field: field === '(file)' ? 'target' : field, message, line };
}

function problemAt(path: readonly PropertyKey[], message: string): PlanProblem {
  const [section, index, ...rest] = path;
  if ((section === 'targets' || section === 'published' || section === 'indicators') && typeof index === 'number') {
    return { row: index + 1, section, field: pathOf(rest), message };
  }
  return { row: null, section: 'plan', field: pathOf(path), message };
}

type Report = (field: string, message: string) => void;

function subjectOf(t: TargetRow, report: Report): Subject | null {
  if (t.indicator !== undefined) {
    if (t.index !== undefined || t.node !== undefined || t.domain !== undefined)
      report('indicator', 'a target is on an index node or on an administrative indicator, not both');
    return { type: 'indicator', indicator: t.indicator };
  }
  if (t.index === undefined) {
    report('index', 'name the index (SIPAS, PAPI, TT01, PAR) and node, or an administrative indicator');
    return null;
  }
  return { type: 'node', index: t.index, node: t.node ?? 'overall', domain: t.domain ?? null };
}

function need<T>(value: T | undefined, field: string, kind: string, report: Report): T | null {
  if (value === undefined) {
    report(field, `a ${kind} target needs ${field}`);
    return null;
  }
  return value;
}

function baselineOf(b: AimRow['baseline']): Baseline | null {
  return b ? { year: b.year, value: b.value ?? null } : null;
}

function simpleAimOf(a: AimRow, report: Report, prefix = ''): SimpleAim | null {
  const r: Report = (field, message) => report(prefix + field, message);
  switch (a.kind) {
    case 'at_least':
    case 'above':
    case 'at_most':
    case 'below': {
      const value = need(a.value, 'value', a.kind, r);
      return value === null ? null : { kind: 'level', compare: a.kind as Compare, value };
    }
    case 'change': {
      const points = need(a.points, 'points', 'change', r);
      return points === null
        ? null
        : { kind: 'change', compare: a.compare ?? 'at_least', points, baseline: baselineOf(a.baseline) };
    }
    case 'relative': {
      const percent = need(a.percent, 'percent', 'relative', r);
      // "10% above 2023" means nothing without the 2023 it is above: the plan must name it.
      const baseline = need(a.baseline, 'baseline', 'relative', r);
      return percent === null || baseline === null
        ? null
        : { kind: 'relative', compare: a.compare ?? 'at_least', percent, baseline: baselineOf(baseline) as Baseline };
    }
    case 'keep':
      return { kind: 'keep', baseline: baselineOf(a.baseline) };
    default:
      r('kind', `a rule's aim is at_least, above, at_most, below, change, relative or keep, not ${a.kind}`);
      return null;
  }
}

function aimOf(t: AimRow, then: AimRow | undefined, report: Report): Aim | null {
  if (t.kind !== 'rule' && then !== undefined) report('then', 'only a rule target has "then"');
  switch (t.kind) {
    case 'rank': {
      const atMost = need(t.atMost, 'atMost', 'rank', report);
      return atMost === null ? null : { kind: 'rank', atMost };
    }
    case 'group': {
      const group = need(t.group, 'group', 'group', report);
      return group === null ? null : { kind: 'group', group };
    }
    case 'rule': {
      const inner = need(then, 'then', 'rule', report);
      const aim = inner ? simpleAimOf(inner, report, 'then.') : null;
      return aim ? { kind: 'rule', level: t.children ?? null, where: t.where ?? null, then: aim } : null;
    }
    default:
      return simpleAimOf(t, report);
  }
}
