// Accounts. Password hashes never leave the service layer.
import type { Db } from '../database.js';
import type { NewUser, UserRow } from '../schema.js';

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Db, user: NewUser): Promise<number> {
  const row = await db.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function listUsers(
  db: Db,
): Promise<Pick<UserRow, 'id' | 'username' | 'display_name' | 'role' | 'created_at' | 'disabled_at'>[]> {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'role', 'created_at', 'disabled_at'])
    .orderBy('username')
    .execute();
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
