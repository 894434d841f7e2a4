// Responses get an increasing integer key (`seq`, SQLite's rowid), paradata become columns of the response, and
// screen times are keyed by (response_seq, position); exports page by seq. Before, four indexes were keyed by the
// device's random UUID (the primary key, the export index, the paradata key, the screen-time key), so every new
// interview landed on four random B-tree leaves and a commit of 20 wrote ~80 scattered pages; now only the UUID's
// own unique index is random (docs/benchmarks.md, Ingest: 290 → 85 µs per stored response at 100,000 rows).
// SQLite runs migrations outside a transaction, so there this one opens its own: the copy is all or nothing.
// PostgreSQL's migrator already runs it in one; it has no rowid (arrival order there is the row's physical place,
// which is insertion order in a table only ever appended to) and numbers seq with an identity column.
// Frozen in time: typed Kysely<any> and never imports application code.
import { sql, type Kysely } from 'kysely';
import { float, onPostgres } from './dialect.js';

const responseColumns = [
  'id',
  'survey_code',
  'survey_version',
  'source',
  'assignment_id',
  'collected_by',
  'started_at',
  'completed_at',
  'received_at',
  'answers_json',
  'content_hash',
  'stratum',
  'psu',
  'base_weight',
  'kiosk_counter_id',
  'kiosk_device_id',
  'dossier_code',
  'local_day',
];
const paradataColumns = [
  'duration_seconds',
  'changed_answers',
  'user_agent',
  'platform',
  'screen_width',
  'screen_height',
  'app_version',
  'gps_lat',
  'gps_lon',
  'gps_accuracy_m',
  'gps_at',
];

type CreateTable = ReturnType<Kysely<any>['schema']['createTable']>;

/** The columns responses had before this migration, after `id`: the same on the way up and down. */
function withResponseColumns(table: CreateTable, real: 'real' | 'double precision'): CreateTable {
  return table
    .addColumn('survey_code', 'text', (c) => c.notNull())
    .addColumn('survey_version', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('assignment_id', 'text', (c) => c.references('assignments.id').onDelete('set null'))
    .addColumn('collected_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('started_at', 'text')
    .addColumn('completed_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('answers_json', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('stratum', 'text')
    .addColumn('psu', 'text')
    .addColumn('base_weight', real)
    .addColumn('kiosk_counter_id', 'integer', (c) => c.references('kiosk_counters.id'))
    .addColumn('kiosk_device_id', 'integer', (c) => c.references('kiosk_devices.id'))
    .addColumn('dossier_code', 'text')
    .addColumn('local_day', 'text');
}

function withParadataColumns(table: CreateTable, real: 'real' | 'double precision'): CreateTable {
  return table
    .addColumn('duration_seconds', real)
    .addColumn('changed_answers', 'integer')
    .addColumn('user_agent', 'text')
    .addColumn('platform', 'text')
    .addColumn('screen_width', 'integer')
    .addColumn('screen_height', 'integer')
    .addColumn('app_version', 'text')
    .addColumn('gps_lat', real)
    .addColumn('gps_lon', real)
    .addColumn('gps_accuracy_m', real)
    .addColumn('gps_at', 'text');
}

/** The indexes of responses other than the export index, which is what this migration changes. */
async function createResponseIndexes(trx: Kysely<any>, exportIndex: { name: string; last: string }): Promise<void> {
  await trx.schema.createIndex('responses_assignment_uq').on('responses').column('assignment_id').unique().execute();
  await trx.schema
    .createIndex(exportIndex.name)
    .on('responses')
    .columns(['survey_code', 'survey_version', exportIndex.last])
    .execute();
  await trx.schema
    .createIndex('responses_dossier_day_uq')
    .on('responses')
    .columns(['kiosk_counter_id', 'dossier_code', 'local_day'])
    .unique()
    .where(sql.ref('dossier_code'), 'is not', null)
    .execute();
  await trx.schema
    .createIndex('responses_counter_day_idx')
    .on('responses')
    .columns(['kiosk_counter_id', 'local_day'])
    .execute();
}

/** The migration's work in one transaction: its own on SQLite, the migrator's on PostgreSQL (which refuses nesting). */
async function allOrNothing(db: Kysely<any>, work: (trx: Kysely<any>) => Promise<void>): Promise<void> {
  if (db.isTransaction) await work(db);
  else await db.transaction().execute(work);
}

export async function up(db: Kysely<any>): Promise<void> {
  await allOrNothing(db, async (trx) => {
    const pg = onPostgres(trx);
    const next = trx.schema
      .createTable('responses_next')
      .addColumn('seq', 'integer', (c) => (pg ? c.generatedByDefaultAsIdentity().primaryKey() : c.primaryKey()))
      .addColumn('id', 'text', (c) => c.notNull().unique());
    await withParadataColumns(withResponseColumns(next, float(trx)), float(trx)).execute();
    // Arrival order is kept: the old rowid becomes seq.
    const arrival = pg ? sql<number>`row_number() over (order by r.ctid)` : sql.ref<number>('r.rowid');
    await trx
      .insertInto('responses_next')
      .columns(['seq', ...responseColumns, ...paradataColumns])
      .expression(
        trx
          .selectFrom('responses as r')
          .leftJoin('response_paradata as p', 'p.response_id', 'r.id')
          .select([arrival.as('seq'), ...responseColumns.map((c) => `r.${c}`), ...paradataColumns.map((c) => `p.${c}`)])
          .orderBy(pg ? 'seq' : sql.ref('r.rowid')),
      )
      .execute();
    // An identity column does not see explicit values: the next seq follows the copied ones.
    if (pg)
      await sql`select setval(pg_get_serial_sequence('responses_next', 'seq'), coalesce(max(seq), 0) + 1, false) from responses_next`.execute(
        trx,
      );

    await trx.schema
      .createTable('response_screens_next')
      .addColumn('response_seq', 'integer', (c) => c.notNull().references('responses_next.seq').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('screen', 'text', (c) => c.notNull())
      .addColumn('seconds', float(trx), (c) => c.notNull())
      .addColumn('visits', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('response_screen_times_seq_pk', ['response_seq', 'position'])
      .execute();
    await trx
      .insertInto('response_screens_next')
      .columns(['response_seq', 'position', 'screen', 'seconds', 'visits'])
      .expression(
        trx
          .selectFrom('response_screen_times as s')
          .innerJoin('responses_next as r', 'r.id', 's.response_id')
          .select(['r.seq', 's.position', 's.screen', 's.seconds', 's.visits'])
          .orderBy('r.seq')
          .orderBy('s.position'),
      )
      .execute();

    // Children first: dropping a parent with foreign keys on deletes through its cascades.
    for (const table of ['response_screen_times', 'response_paradata', 'responses'])
      await trx.schema.dropTable(table).execute();
    // Renaming the parent rewrites the child's reference to it (SQLite ≥ 3.26 without legacy_alter_table).
    await trx.schema.alterTable('responses_next').renameTo('responses').execute();
    await trx.schema.alterTable('response_screens_next').renameTo('response_screen_times').execute();

    await createResponseIndexes(trx, { name: 'responses_survey_seq_idx', last: 'seq' });
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await allOrNothing(db, async (trx) => {
    await withResponseColumns(
      trx.schema.createTable('responses_prev').addColumn('id', 'text', (c) => c.primaryKey()),
      float(trx),
    ).execute();
    await trx
      .insertInto('responses_prev')
      .columns(responseColumns)
      .expression(trx.selectFrom('responses').select(responseColumns).orderBy('seq'))
      .execute();

    await withParadataColumns(
      trx.schema
        .createTable('response_paradata')
        .addColumn('response_id', 'text', (c) => c.primaryKey().references('responses_prev.id').onDelete('cascade')),
      float(trx),
    ).execute();
    await trx
      .insertInto('response_paradata')
      .columns(['response_id', ...paradataColumns])
      .expression(trx.selectFrom('responses').select(['id', ...paradataColumns]))
      .execute();

    await trx.schema
      .createTable('response_screens_prev')
      .addColumn('response_id', 'text', (c) => c.notNull().references('responses_prev.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('screen', 'text', (c) => c.notNull())
      .addColumn('seconds', float(trx), (c) => c.notNull())
      .addColumn('visits', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('response_screen_times_pk', ['response_id', 'position'])
      .execute();
    await trx
      .insertInto('response_screens_prev')
      .columns(['response_id', 'position', 'screen', 'seconds', 'visits'])
      .expression(
        trx
          .selectFrom('response_screen_times as s')
          .innerJoin('responses as r', 'r.seq', 's.response_seq')
          .select(['r.id', 's.position', 's.screen', 's.seconds', 's.visits']),
      )
      .execute();

    for (const table of ['response_screen_times', 'responses']) await trx.schema.dropTable(table).execute();
    await trx.schema.alterTable('responses_prev').renameTo('responses').execute();
    await trx.schema.alterTable('response_screens_prev').renameTo('response_screen_times').execute();
    await createResponseIndexes(trx, { name: 'responses_survey_id_idx', last: 'id' });
  });
}
