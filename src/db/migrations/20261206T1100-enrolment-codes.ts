// One-time enrolment codes: an admin's QR code that signs a surveyor's phone in without a password. Only the
// code's SHA-256 is stored; a code is short-lived and used once (used_at, with the device that used it).
// Frozen in time: typed Kysely<any> and never imports application code.
import type { Kysely } from 'kysely';
import { identity } from './dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('enrolment_codes')
    .addColumn('id', 'integer', identity(db))
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('used_device', 'text')
    .execute();
  await db.schema.createIndex('enrolment_codes_user_id_idx').on('enrolment_codes').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('enrolment_codes').execute();
}
