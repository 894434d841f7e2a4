// Imports a plan file (JSON, or the XLSX layout of plan-workbook.ts): parsed, checked against the departments,
// frameworks, indicators and published tables, and stored in one transaction, or refused whole with every
// problem named by its row. The plan's code is returned (the CLI prints it).
import type { AppContext } from '../../context.js';
import { findIndicatorByCode, insertIndicator } from '../../db/queries/indicators.js';
import {
  deletePlan,
  findPlanByCode,
  insertPlan,
  insertPlanTarget,
  insertTargetSupport,
} from '../../db/queries/plans.js';
import { findPublished, insertPublished, listPublishedByProvince } from '../../db/queries/published-results.js';
import { inTransaction } from '../../db/transaction.js';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError, type ErrorDetail } from '../../domain/errors.js';
import { parsePlanFile, type ParsedPlanFile, type PlanProblem } from '../../domain/plans/plan-file.js';
import { provinceKey } from '../../domain/plans/published.js';
import { recordAudit } from '../audit/audit-log.js';
import { departmentDirectory, type DepartmentDirectory } from './departments.js';
import { planFrameworks } from './frameworks.js';
import { checkPlanReferences } from './plan-references.js';

export interface ImportPlanOptions {
  /** Replace a stored plan with the same code (its targets are re-entered from the file). */
  replace?: boolean;
}

/** One problem as an error detail: the field, and a message that names the section, row and cited line. */
export function problemDetail(p: PlanProblem): ErrorDetail {
  const where =
    p.row === null
      ? ''
      : `${p.section === 'targets' ? 'row' : `${p.section} row`} ${p.row}${p.line ? ` (line ${p.line})` : ''}: `;
  return {
    field: p.field,
    section: p.section,
    ...(p.row === null ? {} : { row: p.row }),
    ...(p.line ? { sourceLine: p.line } : {}),
    message: `${where}${p.message}`,
  };
}

const sections: PlanProblem['section'][] = ['plan', 'indicators', 'published', 'targets'];

/** The plan's own fields first, then by section and row. */
function sortProblems(problems: PlanProblem[]): PlanProblem[] {
  return [...problems].sort(
    (a, b) => sections.indexOf(a.section) - sections.indexOf(b.section) || (a.row ?? 0) - (b.row ?? 0),
  );
}

/** Reads a plan file's text as JSON; a syntax error is the plan's first and only problem. */
export function readPlanJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new DomainError('invalid_plan', [{ field: 'file', message: `not JSON: ${(err as Error).message}` }]);
  }
}

/** Parses and checks a plan file's value; throws invalid_plan with every problem. */
export async function checkPlanFile(ctx: AppContext, value: unknown): Promise<ParsedPlanFile> {
  const { plan, problems } = parsePlanFile(value);
  if (!plan) throw new DomainError('invalid_plan', problems.map(problemDetail));
  const parCodes = [
    ...(await listPublishedByProvince(ctx.db, provinceKey(plan.plan.province)))
      .filter((p) => p.index_code === 'PAR')
      .map((p) => p.node_code),
    ...plan.plan.targets.flatMap((t) =>
      t.subject.type === 'node' && t.subject.index === 'PAR' ? [t.subject.node] : [],
    ),
    ...plan.file.published.filter((p) => p.index === 'PAR').map((p) => p.node),
  ];
  const refs = { departments: await departmentDirectory(ctx.db), frameworks: planFrameworks(ctx, parCodes) };
  const found = [...problems, ...(await checkPlanReferences(ctx.db, plan, refs))];
  if (found.length > 0) throw new DomainError('invalid_plan', sortProblems(found).map(problemDetail));
  return plan;
}

export async function importPlan(
  ctx: AppContext,
  value: unknown,
  actor: Actor,
  options: ImportPlanOptions = {},
): Promise<{ code: string; targets: number }> {
  const parsed = await checkPlanFile(ctx, value);
  const { plan, file } = parsed;
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    const existing = await findPlanByCode(trx, plan.code);
    if (existing && !options.replace)
      throw new DomainError('plan_code_taken', [
        { field: 'code', message: `plan ${plan.code} exists (import with replace to update it)` },
      ]);
    if (existing) await deletePlan(trx, existing.id);
    const departments = await departmentDirectory(trx);
    await storeIndicators(trx, parsed, departments, now.toISOString());
    await storeQuotedFigures(trx, parsed, now.toISOString());
    const planId = await insertPlan(trx, {
      code: plan.code,
      name: plan.name,
      province: plan.province,
      issuer: plan.issuer,
      document_number: plan.documentNumber,
      issued_on: plan.issuedOn,
      start_year: plan.startYear,
      end_year: plan.endYear,
      source: file.source ?? null,
      notes_json: JSON.stringify(file.notes),
      created_at: now.toISOString(),
      created_by: actor.userId,
    });
    for (const t of plan.targets) {
      const indicator = t.subject.type === 'indicator' ? await findIndicatorByCode(trx, t.subject.indicator) : null;
      const lead = departments.find(t.lead);
      if (!lead) throw new DomainError('department_not_found', [{ field: 'lead', message: t.lead }]);
      const id = await insertPlanTarget(trx, {
        plan_id: planId,
        row_number: t.row,
        label: t.label,
        subject_type: t.subject.type,
        index_code: t.subject.type === 'node' ? t.subject.index : null,
        node_code: t.subject.type === 'node' ? t.subject.node : null,
        domain_kind: t.subject.type === 'node' ? (t.subject.domain?.kind ?? null) : null,
        domain_value: t.subject.type === 'node' ? (t.subject.domain?.value ?? null) : null,
        indicator_id: indicator?.id ?? null,
        kind: t.aim.kind,
        aim_json: JSON.stringify(t.aim),
        year: t.year,
        lead_department_id: lead.id,
        source_file: t.source?.file || null,
        source_line: t.source?.line ?? null,
        note: t.note,
      });
      const support = [
        ...new Set(t.support.map((s) => departments.find(s)?.id).filter((x): x is number => x !== undefined)),
      ];
      await insertTargetSupport(
        trx,
        id,
        support.filter((s) => s !== lead.id),
      );
    }
    await recordAudit(trx, now, {
      action: existing ? 'plan.replace' : 'plan.import',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `plan:${plan.code}`,
      details: { targets: plan.targets.length, years: `${plan.startYear}-${plan.endYear}` },
    });
  });
  return { code: plan.code, targets: plan.targets.length };
}

async function storeIndicators(
  trx: Db,
  parsed: ParsedPlanFile,
  departments: DepartmentDirectory,
  at: string,
): Promise<void> {
  for (const i of parsed.file.indicators) {
    if (await findIndicatorByCode(trx, i.code)) continue;
    const owner = departments.find(i.owner);
    if (!owner) throw new DomainError('department_not_found', [{ field: 'owner', message: i.owner }]);
    await insertIndicator(trx, {
      code: i.code,
      name: i.name,
      unit: i.unit,
      owner_department_id: owner.id,
      direction: i.direction,
      created_at: at,
    });
  }
}

/** The province's figures the plan quotes (seed 000 line 11: SIPAS 81,62%, 38/63) join the published tables. */
async function storeQuotedFigures(trx: Db, parsed: ParsedPlanFile, at: string): Promise<void> {
  const { plan, file } = parsed;
  for (const q of file.published) {
    const key = { year: q.year, index_code: q.index, province_key: provinceKey(plan.province), node_code: q.node };
    if (await findPublished(trx, key)) continue;
    await insertPublished(trx, {
      ...key,
      province: plan.province,
      score: q.score,
      rank: q.rank,
      provinces: q.provinces,
      group_label: q.group,
      source: `plan:${plan.code}`,
      imported_at: at,
    });
  }
}
