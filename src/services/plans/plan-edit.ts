// Writing a plan in the UI: a new plan (its own fields, no target yet), a target added or removed, the plan deleted
// (a removal only with its confirmation ticked). Each edit turns the stored plan back into its file form and imports
// it again in place, so a plan written on screen passes the same checks as an imported one and is refused whole,
// with the reason, when a row is wrong.
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
import type { Aim, Plan, PlanTarget, SimpleAim } from '../../domain/plans/model.js';
import { parseInput } from '../../domain/parse-input.js';
import { deletePlan, findPlanByCode } from '../../db/queries/plans.js';
import { inTransaction } from '../../db/transaction.js';
import { recordAudit } from '../audit/audit-log.js';
import { importPlan } from './plan-import.js';
import { loadPlan } from './plan-store.js';

function aimFields(aim: SimpleAim | Exclude<Aim, { kind: 'rule' }>): Record<string, unknown> {
  const baseline = (b: { year: number; value: number | null } | null) =>
    b ? { baseline: { year: b.year, ...(b.value === null ? {} : { value: b.value }) } } : {};
  switch (aim.kind) {
    case 'level':
      return { kind: aim.compare, value: aim.value };
    case 'change':
      return { kind: 'change', points: aim.points, compare: aim.compare, ...baseline(aim.baseline) };
    case 'relative':
      return { kind: 'relative', percent: aim.percent, compare: aim.compare, ...baseline(aim.baseline) };
    case 'keep':
      return { kind: 'keep', ...baseline(aim.baseline) };
    case 'rank':
      return { kind: 'rank', atMost: aim.atMost };
    case 'group':
      return { kind: 'group', group: aim.group };
  }
}

/** A stored target as a row of the plan file. */
export function targetRowOf(t: PlanTarget): Record<string, unknown> {
  const subject =
    t.subject.type === 'indicator'
      ? { indicator: t.subject.indicator }
      : { index: t.subject.index, node: t.subject.node, ...(t.subject.domain ? { domain: t.subject.domain } : {}) };
  const aim =
    t.aim.kind === 'rule'
      ? {
          kind: 'rule',
          ...(t.aim.level ? { children: t.aim.level } : {}),
          ...(t.aim.where ? { where: t.aim.where } : {}),
          then: aimFields(t.aim.then),
        }
      : aimFields(t.aim);
  return {
    label: t.label,
    ...subject,
    ...aim,
    year: t.year ?? 'each',
    lead: t.lead,
    support: t.support,
    ...(t.source?.line ? { line: t.source.line } : {}),
    ...(t.source?.file ? { source: t.source.file } : {}),
    ...(t.note ? { note: t.note } : {}),
  };
}

/** A stored plan as its file (indicators and quoted figures are already stored, so the file need not repeat them). */
export function planFileOf(plan: Plan, notes: readonly string[]): Record<string, unknown> {
  return {
    code: plan.code,
    name: plan.name,
    province: plan.province,
    issuer: plan.issuer,
    documentNumber: plan.documentNumber,
    issuedOn: plan.issuedOn,
    startYear: plan.startYear,
    endYear: plan.endYear,
    notes,
    targets: plan.targets.map(targetRowOf),
  };
}

const numberField = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v.replace(',', '.')) : undefined),
  z.number().finite().optional(),
);
const textField = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined),
  z.string().optional(),
);

/** The "add a target" form (a rule is written in a plan file: docs/plans.md). */
export const targetFormSchema = z.object({
  label: z.string().trim().min(1).max(500),
  subject: z.string().trim().min(1),
  node: textField,
  kind: z.enum(['at_least', 'above', 'at_most', 'below', 'change', 'relative', 'keep', 'rank', 'group']),
  value: numberField,
  compare: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.enum(['at_least', 'above', 'at_most', 'below']).optional(),
  ),
  baselineYear: numberField,
  baselineValue: numberField,
  group: textField,
  year: z.string().trim().min(1),
  lead: z.string().trim().min(1),
  support: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()).max(30)),
  note: textField,
});

/** The form's answers as a row of the plan file: the value goes where the kind wants it. */
export function targetRowOfForm(input: unknown): Record<string, unknown> {
  const f = parseInput(targetFormSchema, input);
  const subject = f.subject.startsWith('indicator:')
    ? { indicator: f.subject.slice('indicator:'.length) }
    : { index: f.subject, node: f.node ?? 'overall' };
  const valueKey =
    f.kind === 'change' ? 'points' : f.kind === 'relative' ? 'percent' : f.kind === 'rank' ? 'atMost' : 'value';
  const baseline =
    f.baselineYear === undefined
      ? {}
      : { baseline: { year: f.baselineYear, ...(f.baselineValue === undefined ? {} : { value: f.baselineValue }) } };
  return {
    label: f.label,
    ...subject,
    kind: f.kind,
    ...(f.kind === 'keep' || f.kind === 'group' || f.value === undefined ? {} : { [valueKey]: f.value }),
    ...((f.kind === 'change' || f.kind === 'relative') && f.compare ? { compare: f.compare } : {}),
    ...(f.kind === 'group' && f.group ? { group: f.group } : {}),
    ...baseline,
    year: f.year === 'each' ? 'each' : Number(f.year),
    lead: f.lead,
    support: f.support.filter((s) => s !== f.lead),
    ...(f.note ? { note: f.note } : {}),
  };
}

export async function addPlanTarget(ctx: AppContext, code: string, form: unknown, actor: Actor): Promise<number> {
  const stored = await loadPlan(ctx, code);
  const file = planFileOf(stored.plan, stored.notes);
  const targets = [...(file['targets'] as unknown[]), targetRowOfForm(form)];
  await importPlan(ctx, { ...file, targets }, actor, { replace: true });
  return targets.length;
}

/** A deletion goes through only with its confirmation ticked (`confirm=1`): a stray click deletes nothing. */
const confirmationSchema = z.object({ confirm: z.literal('1') });

function requireConfirmation(form: unknown): void {
  if (!confirmationSchema.safeParse(form).success)
    throw new DomainError('confirmation_required', [
      { field: 'confirm', message: 'tick the confirmation box to delete' },
    ]);
}

/** Removes one target (the rest keep their order and are numbered again), once the form confirms it. */
export async function removePlanTarget(
  ctx: AppContext,
  code: string,
  row: number,
  form: unknown,
  actor: Actor,
): Promise<void> {
  const stored = await loadPlan(ctx, code);
  if (!stored.plan.targets.some((t) => t.row === row))
    throw new DomainError('not_found', [{ field: 'row', message: `plan ${code} has no target ${row}` }]);
  requireConfirmation(form);
  const file = planFileOf(stored.plan, stored.notes);
  await importPlan(
    ctx,
    { ...file, targets: stored.plan.targets.filter((t) => t.row !== row).map(targetRowOf) },
    actor,
    {
      replace: true,
    },
  );
}

export const newPlanSchema = z.object({
  code: z.string().trim().min(1),
  name: z.string().trim().min(1),
  province: z.string().trim().min(1),
  issuer: z.string().trim().min(1),
  documentNumber: textField,
  issuedOn: textField,
  startYear: numberField,
  endYear: numberField,
});

/** A new plan with its own fields and no target yet (targets are added on its page). */
export async function createPlan(ctx: AppContext, form: unknown, actor: Actor): Promise<string> {
  const f = parseInput(newPlanSchema, form);
  const { code } = await importPlan(
    ctx,
    {
      code: f.code,
      name: f.name,
      province: f.province,
      issuer: f.issuer,
      documentNumber: f.documentNumber ?? null,
      issuedOn: f.issuedOn ?? null,
      startYear: f.startYear,
      endYear: f.endYear,
      targets: [],
    },
    actor,
  );
  return code;
}

/** Deletes a plan with its targets, once the form confirms it; the audit log keeps its name and target count. */
export async function deletePlanByCode(ctx: AppContext, code: string, form: unknown, actor: Actor): Promise<void> {
  const stored = await loadPlan(ctx, code);
  requireConfirmation(form);
  await inTransaction(ctx.db, async (trx) => {
    const row = await findPlanByCode(trx, code);
    if (!row) throw new DomainError('plan_not_found');
    await deletePlan(trx, row.id);
    await recordAudit(trx, ctx.clock.now(), {
      action: 'plan.delete',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `plan:${code}`,
      details: { name: stored.plan.name, targets: stored.plan.targets.length },
    });
  });
}
