// The departments that lead and coordinate plan targets: the list the admin keeps (seeded with those the seed
// plans name). Plans and indicators name a department by its code or its name, written as people write it.
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import {
  findDepartmentByCode,
  insertDepartment,
  listDepartments,
  setDepartmentRetired,
} from '../../db/queries/departments.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
import { parseInput } from '../../domain/parse-input.js';
import { recordAudit } from '../audit/audit-log.js';

export type DepartmentRow = Awaited<ReturnType<typeof listDepartments>>[number];

const nameKey = (s: string): string => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

/** Finds departments by code or name: "Sở Nội vụ", "sở  nội vụ" and "snv" are the same department. */
export class DepartmentDirectory {
  private readonly byKey = new Map<string, DepartmentRow>();

  constructor(readonly rows: readonly DepartmentRow[]) {
    for (const d of rows) {
      this.byKey.set(nameKey(d.name), d);
      this.byKey.set(nameKey(d.code), d);
    }
  }

  /** The active department a plan names, or undefined. */
  find(nameOrCode: string): DepartmentRow | undefined {
    const d = this.byKey.get(nameKey(nameOrCode));
    return d && d.retired_at === null ? d : undefined;
  }

  byCode(code: string): DepartmentRow | undefined {
    return this.rows.find((d) => d.code === code);
  }
}

export async function departmentDirectory(db: Db): Promise<DepartmentDirectory> {
  return new DepartmentDirectory(await listDepartments(db));
}

export async function allDepartments(ctx: AppContext): Promise<DepartmentRow[]> {
  return listDepartments(ctx.db);
}

export async function findDepartment(ctx: AppContext, code: string): Promise<DepartmentRow> {
  const d = await findDepartmentByCode(ctx.db, code);
  if (!d) throw new DomainError('department_not_found', [{ field: 'department', message: `no department "${code}"` }]);
  return d;
}

export const departmentSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'code: lower-case letters, digits and -'),
  name: z.string().trim().min(2).max(200),
});

export async function addDepartment(
  ctx: AppContext,
  input: z.input<typeof departmentSchema>,
  actor: Actor,
): Promise<DepartmentRow> {
  const d = parseInput(departmentSchema, input);
  return inTransaction(ctx.db, async (trx) => {
    const directory = await departmentDirectory(trx);
    if (directory.byCode(d.code) || directory.rows.some((r) => nameKey(r.name) === nameKey(d.name))) {
      throw new DomainError('department_taken', [{ field: 'name', message: `${d.code} / ${d.name} exists` }]);
    }
    const now = ctx.clock.now();
    await insertDepartment(trx, { code: d.code, name: d.name.normalize('NFC'), created_at: now.toISOString() });
    await recordAudit(trx, now, {
      action: 'department.add',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `department:${d.code}`,
    });
    return (await findDepartmentByCode(trx, d.code)) as DepartmentRow;
  });
}

/** Retires a department (merged or renamed): plans keep naming it, new plans cannot. `active` brings it back. */
export async function setDepartmentActive(ctx: AppContext, code: string, active: boolean, actor: Actor): Promise<void> {
  const d = await findDepartment(ctx, code);
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    await setDepartmentRetired(trx, d.id, active ? null : now.toISOString());
    await recordAudit(trx, now, {
      action: active ? 'department.restore' : 'department.retire',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `department:${d.code}`,
    });
  });
}
