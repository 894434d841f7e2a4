// The migration that keys responses' child rows by an increasing seq (20261201T2200-response-sequence): a
// database holding interviews in the old shape keeps every row, its paradata and screen times, in arrival order,
// and migrating down gives the old shape back.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { openStepDatabase, type StepDatabase, tableNames, indexNames } from '../helpers/temp-database.js';
import { onPostgres } from '../helpers/postgres.js';

let step: StepDatabase;
let db: Db;
beforeEach(async () => {
  step = await openStepDatabase('migration');
  db = step.db;
});
afterEach(async () => step.close());

const migrateTo = (name: string): Promise<void> => step.migrateTo(name);

// Ids chosen so that id order differs from arrival order: arrival order must be what seq keeps.
const oldResponses = [
  {
    id: 'c0000000-0000-4000-8000-000000000000',
    changed: 4,
    screens: [
      ['intro', 5],
      ['d1', 31.5],
    ],
  },
  { id: 'a0000000-0000-4000-8000-000000000000', changed: null, screens: [] },
  { id: 'b0000000-0000-4000-8000-000000000000', changed: 0, screens: [['intro', 2]] },
] as const;

async function responseIndexes(): Promise<string[]> {
  return indexNames(db, 'responses');
}

async function seedOldShape(): Promise<void> {
  for (const r of oldResponses) {
    await sql`insert into responses (id, survey_code, survey_version, source, completed_at, received_at, answers_json, content_hash)
      values (${r.id}, 'sipas-2024', '2024.1', 'field', '2026-11-30T08:00:00Z', '2026-11-30T09:00:00Z', '{"q":1}', ${`hash-${r.id}`})`.execute(
      db,
    );
    if (r.changed !== null) {
      await sql`insert into response_paradata (response_id, duration_seconds, changed_answers, platform, gps_lat)
        values (${r.id}, 600, ${r.changed}, 'Android', 21.03)`.execute(db);
    }
    for (const [position, [screen, seconds]] of r.screens.entries()) {
      await sql`insert into response_screen_times (response_id, position, screen, seconds, visits) values (${r.id}, ${position}, ${screen}, ${seconds}, 1)`.execute(
        db,
      );
    }
  }
}

describe('migration 20261201T2200-response-sequence', () => {
  it('numbers responses in arrival order, moves paradata onto them and keys screen times by seq', async () => {
    await migrateTo('20261123T1700-response-pages');
    await seedOldShape();
    await migrateTo('20261201T2200-response-sequence');

    const rows = await db
      .selectFrom('responses')
      .select(['seq', 'id', 'changed_answers', 'duration_seconds', 'platform', 'gps_lat', 'content_hash'])
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.id)).toEqual(oldResponses.map((r) => r.id));
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows.map((r) => r.changed_answers)).toEqual([4, null, 0]);
    expect(rows[0]).toMatchObject({
      duration_seconds: 600,
      platform: 'Android',
      gps_lat: 21.03,
      content_hash: `hash-${oldResponses[0].id}`,
    });
    expect(rows[1]).toMatchObject({ duration_seconds: null, platform: null });
    const screens = await db
      .selectFrom('response_screen_times')
      .select(['response_seq', 'position', 'screen', 'seconds'])
      .orderBy('response_seq')
      .orderBy('position')
      .execute();
    expect(screens).toEqual([
      { response_seq: 1, position: 0, screen: 'intro', seconds: 5 },
      { response_seq: 1, position: 1, screen: 'd1', seconds: 31.5 },
      { response_seq: 3, position: 0, screen: 'intro', seconds: 2 },
    ]);
    expect((await tableNames(db)).filter((t) => t.startsWith('response'))).toEqual([
      'response_conflicts',
      'response_screen_times',
      'responses',
    ]);
    if (!onPostgres) expect((await sql`pragma foreign_key_check`.execute(db)).rows).toEqual([]);
    expect(await responseIndexes()).toEqual([
      'responses_assignment_uq',
      'responses_counter_day_idx',
      'responses_dossier_day_uq',
      'responses_survey_seq_idx',
    ]);

    // The child's reference followed the rename: deleting a response deletes its screen times, and the UUID stays
    // unique.
    await db.deleteFrom('responses').where('seq', '=', 1).execute();
    expect(await db.selectFrom('response_screen_times').select('response_seq').execute()).toEqual([
      { response_seq: 3 },
    ]);
    await expect(
      sql`insert into responses (id, survey_code, survey_version, source, completed_at, received_at, answers_json, content_hash)
      values (${oldResponses[2].id}, 's', 'v', 'field', 'x', 'y', '{}', 'h')`.execute(db),
    ).rejects.toThrow(onPostgres ? /responses_next_id_key/ : /UNIQUE constraint failed: responses.id/);
  });

  it('migrates down to the old shape with the same rows, paradata and screen times', async () => {
    await migrateTo('20261123T1700-response-pages');
    await seedOldShape();
    await migrateTo('20261201T2200-response-sequence');
    await migrateTo('20261123T1700-response-pages');

    const rows = await sql<{
      id: string;
      changed_answers: number | null;
    }>`select r.id, p.changed_answers from responses r
      left join response_paradata p on p.response_id = r.id order by ${sql.raw(onPostgres ? 'r.ctid' : 'r.rowid')}`.execute(
      db,
    );
    expect(rows.rows).toEqual(oldResponses.map((r) => ({ id: r.id, changed_answers: r.changed })));
    const screens = await sql<{
      response_id: string;
      screen: string;
    }>`select response_id, screen from response_screen_times order by response_id, position`.execute(db);
    expect(screens.rows).toEqual([
      { response_id: oldResponses[2].id, screen: 'intro' },
      { response_id: oldResponses[0].id, screen: 'intro' },
      { response_id: oldResponses[0].id, screen: 'd1' },
    ]);
    if (!onPostgres) expect((await sql`pragma foreign_key_check`.execute(db)).rows).toEqual([]);
    expect(await responseIndexes()).toEqual([
      'responses_assignment_uq',
      'responses_counter_day_idx',
      'responses_dossier_day_uq',
      'responses_survey_id_idx',
    ]);
  });
});
