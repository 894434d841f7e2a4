// Improvement plans as the provinces write them: a named, multi-year plan with its targets. A target has a
// subject (a node of SIPAS/PAPI/one-stop/PAR Index, optionally in a domain, or an administrative indicator), an
// aim (a level, a change, a relative change, keep, a published rank or group, or a rule over children), a year or
// every year of the plan, and a lead department with coordinating ones.

/** The indices a plan can name: the surveys' frameworks (SIPAS, PAPI, TT01 one-stop) and the published PAR Index. */
export const indexCodes = ['SIPAS', 'PAPI', 'TT01', 'PAR'] as const;
export type IndexCode = (typeof indexCodes)[number];

/** Part of the population a survey target is about (a service field, an agency, a counter, an area code). */
export const domainKinds = ['service_field', 'agency', 'counter', 'area'] as const;
export type DomainKind = (typeof domainKinds)[number];

export type Subject =
  | {
      readonly type: 'node';
      readonly index: IndexCode;
      /** A framework code, or "overall" for the index itself. */
      readonly node: string;
      readonly domain: { readonly kind: DomainKind; readonly value: string } | null;
    }
  | { readonly type: 'indicator'; readonly indicator: string };

/**
 * How the figure must stand against the goal: at_least (≥, "đạt từ … trở lên", "tối thiểu"), above (>, "trên"),
 * at_most (≤, "tối đa"), below (<, "dưới"). Strictness matters at the boundary: 90.00 is at least 90 but not above it.
 */
export const compares = ['at_least', 'above', 'at_most', 'below'] as const;
export type Compare = (typeof compares)[number];

/** The figure a change is measured from: a year (its figure looked up) and, when the plan states it, the value. */
export interface Baseline {
  readonly year: number;
  readonly value: number | null;
}

/** What the children of a rule must satisfy on their baseline to be included ("every sub-dimension below X"). */
export interface RuleFilter {
  readonly compare: Compare;
  readonly value: number;
}

/** Aims a single subject can have; all values are in the unit the index publishes (SIPAS %, PAPI points, …). */
export type SimpleAim =
  | { readonly kind: 'level'; readonly compare: Compare; readonly value: number }
  | { readonly kind: 'change'; readonly compare: Compare; readonly points: number; readonly baseline: Baseline | null }
  | { readonly kind: 'relative'; readonly compare: Compare; readonly percent: number; readonly baseline: Baseline }
  | { readonly kind: 'keep'; readonly baseline: Baseline | null };

export type Aim =
  | SimpleAim
  | { readonly kind: 'rank'; readonly atMost: number }
  | { readonly kind: 'group'; readonly group: string }
  | {
      readonly kind: 'rule';
      /** The framework level the rule runs over ("subdimension", "criterion"); null: the node's direct children. */
      readonly level: string | null;
      readonly where: RuleFilter | null;
      readonly then: SimpleAim;
    };

export type AimKind = Aim['kind'];

/** Where a target was transcribed from: a file (a seed, a decision) and the line. */
export interface SourceRef {
  readonly file: string;
  readonly line: number | null;
}

export interface PlanTarget {
  /** 1-based position in the plan (the row an import names in its errors). */
  readonly row: number;
  /** The plan's own words for the target, e.g. "Lĩnh vực cải cách thể chế: nhóm 10 tỉnh dẫn đầu". */
  readonly label: string;
  readonly subject: Subject;
  readonly aim: Aim;
  /** A year of the plan, or null: every year of the plan. */
  readonly year: number | null;
  /** Department codes. */
  readonly lead: string;
  readonly support: readonly string[];
  readonly source: SourceRef | null;
  readonly note: string | null;
}

export interface Plan {
  readonly code: string;
  readonly name: string;
  /** The province whose published figures and ranks the plan is measured by, as the national tables name it. */
  readonly province: string;
  readonly issuer: string;
  readonly documentNumber: string | null;
  /** ISO date, or null when the document leaves the day blank ("ngày   tháng 5 năm 2024"). */
  readonly issuedOn: string | null;
  readonly startYear: number;
  readonly endYear: number;
  readonly targets: readonly PlanTarget[];
}

/** The years a target is evaluated in: its own year, or every year of the plan. */
export function targetYears(plan: Pick<Plan, 'startYear' | 'endYear'>, target: Pick<PlanTarget, 'year'>): number[] {
  if (target.year !== null) return [target.year];
  const years: number[] = [];
  for (let y = plan.startYear; y <= plan.endYear; y += 1) years.push(y);
  return years;
}

/** Whether a figure higher than another is better for this aim's comparison. */
export const higherIsBetter = (compare: Compare): boolean => compare === 'at_least' || compare === 'above';
export const isStrict = (compare: Compare): boolean => compare === 'above' || compare === 'below';
