// Interview review: each response has a review state (none until a supervisor decides: approved, has_issues,
// rejected) and a version number. A returned interview corrected on the phone comes back as a new version: the
// response row always holds the current version (what estimates read), and response_versions keeps every version
// of an interview that has had more than one. Reviews and their comments per question are kept as history.
// Existing responses become version 1, not reviewed. Frozen in time: typed Kysely<any>, no application code.
import { sql, type Kysely } from 'kysely';
import { identity } from './dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('responses')
    .addColumn('review_status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('none')
        .check(sql`review_status in ('none', 'approved', 'has_issues', 'rejected')`),
    )
    .execute();
  await db.schema
    .alterTable('responses')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // What a phone asks for at every refresh: its surveyor's returned interviews. Partial, so that the many
  // interviews in other states (every new one) cost this index nothing.
  await db.schema
    .createIndex('responses_returned_idx')
    .on('responses')
    .column('collected_by')
    .where(sql.ref('review_status'), '=', 'has_issues')
    .execute();

  await db.schema
    .createTable('response_versions')
    .addColumn('response_seq', 'integer', (c) => c.notNull().references('responses.seq').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('answers_json', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('paradata_json', 'text')
    .addPrimaryKeyConstraint('response_versions_pk', ['response_seq', 'version'])
    .execute();

  await db.schema
    .createTable('response_reviews')
    .addColumn('id', 'integer', identity(db))
    .addColumn('response_seq', 'integer', (c) => c.notNull().references('responses.seq').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('reviewed_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema
    .createIndex('response_reviews_seq_idx')
    .on('response_reviews')
    .columns(['response_seq', 'id'])
    .execute();

  await db.schema
    .createTable('response_review_comments')
    .addColumn('review_id', 'integer', (c) => c.notNull().references('response_reviews.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('response_review_comments_pk', ['review_id', 'position'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('response_review_comments').execute();
  await db.schema.dropTable('response_reviews').execute();
  await db.schema.dropTable('response_versions').execute();
  await db.schema.dropIndex('responses_returned_idx').execute();
  await db.schema.alterTable('responses').dropColumn('version').execute();
  await db.schema.alterTable('responses').dropColumn('review_status').execute();
}
