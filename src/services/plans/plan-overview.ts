// A plan in a year, as its pages and report show it: every target's status, the counts, and per department what
// it leads and what it supports (worst first). One computation serves the plan page, the owners' pages, the print
// page and the DOCX report, so they cannot disagree.
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import { targetYears, type Plan } from '../../domain/plans/model.js';
import { planStatuses, statusCounts, worstFirst, type TargetStatus } from '../../domain/plans/target-status.js';
import type { DepartmentRow } from './departments.js';
import { planFacts, type PlanFacts } from './plan-facts.js';
import { loadPlan, type StoredPlan } from './plan-store.js';

export interface OwnerSummary {
  department: DepartmentRow;
  leads: TargetStatus[];
  supports: TargetStatus[];
  counts: ReturnType<typeof statusCounts>;
}

export interface PlanOverview {
  stored: StoredPlan;
  year: number;
  /** The plan's years that have targets. */
  years: number[];
  statuses: TargetStatus[];
  counts: ReturnType<typeof statusCounts>;
  owners: OwnerSummary[];
  facts: PlanFacts;
}

/** The year a plan opens on: the latest of its years, up to this year, in which some target has a figure. */
export function defaultYear(plan: Plan, statusesIn: (year: number) => TargetStatus[], today: number): number {
  const last = Math.min(plan.endYear, Math.max(plan.startYear, today));
  for (let y = last; y >= plan.startYear; y -= 1) {
    if (statusesIn(y).some((s) => s.evaluation.status !== 'pending')) return y;
  }
  return last;
}

export async function planOverview(ctx: AppContext, code: string, year: number | null): Promise<PlanOverview> {
  const stored = await loadPlan(ctx, code);
  const { plan } = stored;
  const years = [...new Set(plan.targets.flatMap((t) => targetYears(plan, t)))].sort((a, b) => a - b);
  if (year !== null && (year < plan.startYear || year > plan.endYear)) {
    throw new DomainError('invalid_request', [
      { field: 'year', message: `plan ${plan.code} covers ${plan.startYear}–${plan.endYear}` },
    ]);
  }
  const facts = await planFacts(ctx, plan);
  const at = year ?? defaultYear(plan, (y) => planStatuses(plan, facts.facts, y), ctx.clock.now().getUTCFullYear());
  const statuses = planStatuses(plan, facts.facts, at);
  const owners = stored.departments.rows
    .map((department) => {
      const leads = worstFirst(statuses.filter((s) => s.target.lead === department.code));
      const supports = worstFirst(statuses.filter((s) => s.target.support.includes(department.code)));
      return { department, leads, supports, counts: statusCounts(leads) };
    })
    .filter((o) => o.leads.length + o.supports.length > 0);
  return { stored, year: at, years, statuses, counts: statusCounts(statuses), owners, facts };
}

/** One department's targets in a plan: what it leads and what it supports, worst first. */
export async function ownerOverview(
  ctx: AppContext,
  code: string,
  departmentCode: string,
  year: number | null,
): Promise<{ overview: PlanOverview; owner: OwnerSummary }> {
  const overview = await planOverview(ctx, code, year);
  const department = overview.stored.departments.byCode(departmentCode);
  if (!department)
    throw new DomainError('department_not_found', [{ field: 'dept', message: `no department "${departmentCode}"` }]);
  const owner = overview.owners.find((o) => o.department.code === departmentCode) ?? {
    department,
    leads: [],
    supports: [],
    counts: statusCounts([]),
  };
  return { overview, owner };
}
