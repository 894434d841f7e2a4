// Account life cycle: sessions name their account (so disabling one or changing its role can end its sessions at
// once), API tokens carry the device that asked for them and their last use, and accounts their last sign-in.
// Frozen in time: typed Kysely<any> and never imports application code.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('user_id', 'integer').execute();
  await db.schema.createIndex('sessions_user_id_idx').on('sessions').column('user_id').execute();
  await db.schema.alterTable('api_tokens').addColumn('device', 'text').execute();
  await db.schema.alterTable('api_tokens').addColumn('last_used_at', 'text').execute();
  await db.schema.createIndex('api_tokens_user_id_idx').on('api_tokens').column('user_id').execute();
  await db.schema.alterTable('users').addColumn('last_login_at', 'text').execute();
  await db.schema.createIndex('audit_log_action_idx').on('audit_log').columns(['action', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_log_action_idx').execute();
  await db.schema.alterTable('users').dropColumn('last_login_at').execute();
  await db.schema.dropIndex('api_tokens_user_id_idx').execute();
  await db.schema.alterTable('api_tokens').dropColumn('last_used_at').execute();
  await db.schema.alterTable('api_tokens').dropColumn('device').execute();
  await db.schema.dropIndex('sessions_user_id_idx').execute();
  await db.schema.alterTable('sessions').dropColumn('user_id').execute();
}
