// Improvement plans, their targets (subject, aim, year, lead) and the departments that coordinate each target.
import type { Insertable } from 'kysely';
import type { Db } from '../database.js';
import type { PlanTable, PlanTargetTable } from '../plan-schema.js';

export async function insertPlan(db: Db, row: Insertable<PlanTable>): Promise<number> {
  const { id } = await db.insertInto('plans').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function findPlanByCode(db: Db, code: string) {
  return db.selectFrom('plans').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function listPlans(db: Db) {
  return db.selectFrom('plans').selectAll().orderBy('end_year', 'desc').orderBy('code').execute();
}

export async function deletePlan(db: Db, id: number): Promise<void> {
  await db.deleteFrom('plans').where('id', '=', id).execute();
}

export async function insertPlanTarget(db: Db, row: Insertable<PlanTargetTable>): Promise<number> {
  const { id } = await db.insertInto('plan_targets').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function insertTargetSupport(db: Db, targetId: number, departmentIds: readonly number[]): Promise<void> {
  if (departmentIds.length === 0) return;
  await db
    .insertInto('plan_target_support')
    .values(departmentIds.map((department_id) => ({ target_id: targetId, department_id })))
    .execute();
}

/** A plan's targets in the plan's order, with the lead department's code and the indicator's code. */
export async function listTargetsByPlan(db: Db, planId: number) {
  return db
    .selectFrom('plan_targets')
    .innerJoin('departments', 'departments.id', 'plan_targets.lead_department_id')
    .leftJoin('indicators', 'indicators.id', 'plan_targets.indicator_id')
    .select([
      'plan_targets.id',
      'plan_targets.row_number',
      'plan_targets.label',
      'plan_targets.subject_type',
      'plan_targets.index_code',
      'plan_targets.node_code',
      'plan_targets.domain_kind',
      'plan_targets.domain_value',
      'plan_targets.kind',
      'plan_targets.aim_json',
      'plan_targets.year',
      'plan_targets.source_file',
      'plan_targets.source_line',
      'plan_targets.note',
      'departments.code as lead_code',
      'indicators.code as indicator_code',
    ])
    .where('plan_targets.plan_id', '=', planId)
    .orderBy('plan_targets.row_number')
    .execute();
}

/** Coordinating departments of a plan's targets: one row per target and department. */
export async function listSupportByPlan(db: Db, planId: number) {
  return db
    .selectFrom('plan_target_support')
    .innerJoin('plan_targets', 'plan_targets.id', 'plan_target_support.target_id')
    .innerJoin('departments', 'departments.id', 'plan_target_support.department_id')
    .select(['plan_target_support.target_id', 'departments.code'])
    .where('plan_targets.plan_id', '=', planId)
    .orderBy('departments.name')
    .execute();
}

export async function countTargetsByPlan(db: Db) {
  return db
    .selectFrom('plan_targets')
    .select(['plan_id', db.fn.countAll<number>().as('targets')])
    .groupBy('plan_id')
    .execute();
}
