// The migration that adds interview review (20261206T1000-interview-review): every stored response becomes version
// 1, not reviewed, with its content and screen times unchanged; the review tables start empty; down gives the old
// shape back with the responses as they were.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { openStepDatabase, type StepDatabase, tableNames, violates, indexNames } from '../helpers/temp-database.js';
import { onPostgres } from '../helpers/postgres.js';

let step: StepDatabase;
let db: Db;
beforeEach(async () => {
  step = await openStepDatabase('migration');
  db = step.db;
});
afterEach(async () => step.close());

const before = '20261206T0300-area-crosswalk';
const review = '20261206T1000-interview-review';
const responses = () => sql<Record<string, unknown>>`select * from responses order by seq`.execute(db);
const tables = async () => await tableNames(db);

describe('migration 20261206T1000-interview-review', () => {
  it('keeps existing responses unchanged as version 1, not reviewed, and goes back down', async () => {
    await step.migrateTo(before);
    await sql`insert into users (id, username, display_name, password_hash, role, created_at)
      values (1, 'dtv', 'DTV', 'x', 'surveyor', '2026-01-01')`.execute(db);
    await sql`insert into responses (id, survey_code, survey_version, source, collected_by, started_at, completed_at,
        received_at, answers_json, content_hash, duration_seconds, gps_lat, gps_lon)
      values ('r1', 'papi-2024', '2024.1', 'field', 1, '2026-11-20T01:00:00Z', '2026-11-20T01:30:00Z',
        '2026-11-20T02:00:00Z', '{"consent":1}', 'h1', 1800, 21.03, 105.85),
        ('r2', 'one-stop-tt01', '2024.1', 'kiosk', null, null, '2026-11-20T03:00:00Z', '2026-11-20T03:00:00Z',
        '{"overall":3}', 'h2', null, null, null)`.execute(db);
    await sql`insert into response_screen_times (response_seq, position, screen, seconds, visits)
      values (1, 0, 'intro', 60, 1), (1, 1, 'a', 1740, 2)`.execute(db);
    const old = (await responses()).rows;

    await step.migrateTo(review);
    const now = (await responses()).rows;
    expect(now).toEqual(old.map((r) => ({ ...r, review_status: 'none', version: 1 })));
    const screens = await sql`select * from response_screen_times order by position`.execute(db);
    expect(screens.rows).toHaveLength(2);
    expect(await tables()).toEqual(
      expect.arrayContaining(['response_review_comments', 'response_reviews', 'response_versions']),
    );
    await expect(sql`update responses set review_status = 'maybe' where id = 'r1'`.execute(db)).rejects.toThrow(
      violates.check,
    );
    // The phone's query for returned interviews has its own (partial) index (SQLite's planner is asked; on
    // PostgreSQL, whose planner prefers a scan of so small a table, the index is checked to exist).
    if (onPostgres) expect(await indexNames(db, 'responses')).toContain('responses_returned_idx');
    else {
      const plan = await sql<{ detail: string }>`explain query plan
        select id from responses where collected_by = 1 and review_status = 'has_issues'`.execute(db);
      expect(plan.rows.map((r) => r.detail).join(' ')).toContain('responses_returned_idx');
    }
    await sql`insert into response_reviews (response_seq, version, status, reviewed_at) values (1, 1, 'has_issues', 'x')`.execute(
      db,
    );
    await sql`insert into response_review_comments (review_id, position, question, comment) values (1, 0, 'consent', 'c')`.execute(
      db,
    );
    await sql`insert into response_versions (response_seq, version, answers_json, content_hash, completed_at, received_at)
      values (1, 1, '{}', 'h1', 'x', 'x')`.execute(db);

    await step.migrateTo(before);
    expect((await responses()).rows).toEqual(old);
    expect(await tables()).not.toEqual(expect.arrayContaining(['response_reviews']));
    expect((await tables()).filter((t) => t.startsWith('response_'))).toEqual([
      'response_conflicts',
      'response_screen_times',
    ]);
  });
});
