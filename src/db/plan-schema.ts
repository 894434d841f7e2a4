// Table types of the improvement plans (migration 20261206T1400-plans): departments, plans and targets, the
// published national tables, and administrative indicators with their values. Joined into Database (schema.ts).
import type { Generated } from 'kysely';

export interface DepartmentTable {
  id: Generated<number>;
  code: string;
  name: string;
  created_at: string;
  retired_at: string | null;
}

export interface PlanTable {
  id: Generated<number>;
  code: string;
  name: string;
  province: string;
  issuer: string;
  document_number: string | null;
  issued_on: string | null;
  start_year: number;
  end_year: number;
  source: string | null;
  notes_json: string;
  created_at: string;
  created_by: number | null;
}

export interface PlanTargetTable {
  id: Generated<number>;
  plan_id: number;
  row_number: number;
  label: string;
  subject_type: 'node' | 'indicator';
  index_code: string | null;
  node_code: string | null;
  domain_kind: string | null;
  domain_value: string | null;
  indicator_id: number | null;
  kind: string;
  /** The target's aim (domain/plans/model.ts Aim), checked by zod when read back. */
  aim_json: string;
  /** null: every year of the plan. */
  year: number | null;
  lead_department_id: number;
  source_file: string | null;
  source_line: number | null;
  note: string | null;
}

export interface PlanTargetSupportTable {
  target_id: number;
  department_id: number;
}

export interface PublishedResultTable {
  id: Generated<number>;
  year: number;
  index_code: string;
  province: string;
  /** provinceKey(province): names compare as people write them. */
  province_key: string;
  node_code: string;
  score: number | null;
  rank: number | null;
  provinces: number | null;
  group_label: string | null;
  /** "csv" for a national table, "plan:<code>" for a figure a plan quotes. */
  source: string;
  imported_at: string;
}

export interface IndicatorTable {
  id: Generated<number>;
  code: string;
  name: string;
  unit: string;
  owner_department_id: number;
  direction: 'higher' | 'lower';
  created_at: string;
}

export interface IndicatorValueTable {
  id: Generated<number>;
  indicator_id: number;
  period: string;
  value: number;
  source: string;
  recorded_at: string;
  recorded_by: number | null;
}

export interface PlanTables {
  departments: DepartmentTable;
  plans: PlanTable;
  plan_targets: PlanTargetTable;
  plan_target_support: PlanTargetSupportTable;
  published_results: PublishedResultTable;
  indicators: IndicatorTable;
  indicator_values: IndicatorValueTable;
}
