// Departments that own plan targets and administrative indicators (Sở Nội vụ, Văn phòng UBND tỉnh, …).
import type { Db } from '../database.js';

export async function listDepartments(db: Db) {
  return db.selectFrom('departments').selectAll().orderBy('name').execute();
}

export async function findDepartmentByCode(db: Db, code: string) {
  return db.selectFrom('departments').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function insertDepartment(
  db: Db,
  row: { code: string; name: string; created_at: string },
): Promise<number> {
  const { id } = await db.insertInto('departments').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function setDepartmentRetired(db: Db, id: number, retiredAt: string | null): Promise<void> {
  await db.updateTable('departments').set({ retired_at: retiredAt }).where('id', '=', id).execute();
}
