// Reads a stored plan back as the domain's Plan (lead and coordinating departments by code), with what the pages
// and the report need beside it: the plan's row, its notes and the departments' names.
import type { AppContext } from '../../context.js';
import {
  countTargetsByPlan,
  findPlanByCode,
  listPlans,
  listSupportByPlan,
  listTargetsByPlan,
} from '../../db/queries/plans.js';
import { DomainError } from '../../domain/errors.js';
import { aimSchema } from '../../domain/plans/aim-schema.js';
import type { DomainKind, IndexCode, Plan, PlanTarget, Subject } from '../../domain/plans/model.js';
import { departmentDirectory, type DepartmentDirectory } from './departments.js';

export type PlanRow = NonNullable<Awaited<ReturnType<typeof findPlanByCode>>>;

export interface StoredPlan {
  row: PlanRow;
  plan: Plan;
  notes: string[];
  departments: DepartmentDirectory;
}

export async function loadPlan(ctx: AppContext, code: string): Promise<StoredPlan> {
  const row = await findPlanByCode(ctx.db, code);
  if (!row) throw new DomainError('plan_not_found', [{ field: 'plan', message: `no plan "${code}"` }]);
  const targets = await listTargetsByPlan(ctx.db, row.id);
  const support = await listSupportByPlan(ctx.db, row.id);
  const plan: Plan = {
    code: row.code,
    name: row.name,
    province: row.province,
    issuer: row.issuer,
    documentNumber: row.document_number,
    issuedOn: row.issued_on,
    startYear: row.start_year,
    endYear: row.end_year,
    targets: targets.map((t): PlanTarget => ({
      row: t.row_number,
      label: t.label,
      subject: subjectOf(t),
      aim: aimSchema.parse(JSON.parse(t.aim_json)),
      year: t.year,
      lead: t.lead_code,
      support: support.filter((s) => s.target_id === t.id).map((s) => s.code),
      source: t.source_file ? { file: t.source_file, line: t.source_line } : null,
      note: t.note,
    })),
  };
  return { row, plan, notes: JSON.parse(row.notes_json) as string[], departments: await departmentDirectory(ctx.db) };
}

function subjectOf(t: Awaited<ReturnType<typeof listTargetsByPlan>>[number]): Subject {
  if (t.subject_type === 'indicator') return { type: 'indicator', indicator: t.indicator_code ?? '' };
  return {
    type: 'node',
    index: t.index_code as IndexCode,
    node: t.node_code ?? 'overall',
    domain: t.domain_kind ? { kind: t.domain_kind as DomainKind, value: t.domain_value ?? '' } : null,
  };
}

/** Every plan with its number of targets, the latest first. */
export async function allPlans(ctx: AppContext) {
  const counts = new Map((await countTargetsByPlan(ctx.db)).map((c) => [c.plan_id, Number(c.targets)]));
  return (await listPlans(ctx.db)).map((p) => ({ ...p, targets: counts.get(p.id) ?? 0 }));
}
