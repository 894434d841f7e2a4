// Hot-path statements compiled once by Kysely and run with named parameters (src/db/compiled-query.ts), and
// the submission inserts built on them.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileOnce } from '../../src/db/compiled-query.js';
import type { Db } from '../../src/db/database.js';
import { openTempDatabase, type TempDatabase } from '../helpers/temp-database.js';
import { findResponseById, insertResponse } from '../../src/db/queries/responses.js';
import type { NewResponse } from '../../src/db/schema.js';

let temp: TempDatabase;
let db: Db;
beforeAll(async () => {
  temp = await openTempDatabase('compiled');
  db = temp.db;
});
afterAll(() => temp.close());

const response = (id: string): NewResponse => ({
  id,
  survey_code: 'sipas-2024',
  survey_version: '2024.1',
  source: 'field',
  assignment_id: null,
  collected_by: null,
  started_at: '2026-12-01T01:00:00Z',
  completed_at: '2026-12-01T01:30:00Z',
  received_at: '2026-12-01T02:00:00Z',
  answers_json: '{"q1":4}',
  content_hash: `hash-${id}`,
  respondent_group: null,
  invitation_round_id: null,
  kiosk_counter_id: null,
  kiosk_device_id: null,
  dossier_code: null,
  local_day: null,
  rating: null,
  duration_seconds: 1800,
  changed_answers: 2,
  user_agent: 'ua',
  platform: 'Android',
  screen_width: 360,
  screen_height: 800,
  app_version: '1',
  gps_lat: 21.02,
  gps_lon: 105.85,
  gps_accuracy_m: 8,
  gps_at: '2026-12-01T01:29:00Z',
  selection_method: 'kish',
  selection_adults: 3,
  selection_line: 2,
});

describe('compileOnce', () => {
  it('builds the query once and binds each run its own named values', async () => {
    let builds = 0;
    const settingByKey = compileOnce<{ key: string }>((d, p) => {
      builds += 1;
      return d.selectFrom('app_settings').select('value').where('key', '=', p('key'));
    });
    await db
      .insertInto('app_settings')
      .values([
        { key: 'a', value: 'first' },
        { key: 'b', value: 'second' },
      ])
      .execute();
    const a = await settingByKey.run<{ value: string }>(db, { key: 'a' });
    const b = await settingByKey.run<{ value: string }>(db, { key: 'b' });
    expect([a.rows, b.rows]).toEqual([[{ value: 'first' }], [{ value: 'second' }]]);
    expect(builds).toBe(1);
  });

  it('refuses a query with a value that was not named, since it would be baked into every run', async () => {
    const baked = compileOnce<{ key: string }>((d, p) =>
      d.selectFrom('app_settings').select('value').where('key', '=', p('key')).where('value', '=', 'first'),
    );
    await expect(baked.run(db, { key: 'a' })).rejects.toThrow(/parameter 2 of .* is not named with p\(\)/);
  });

  it('runs a named statement inside a transaction and rolls back with it', async () => {
    const insertSetting = compileOnce<{ key: string; value: string }>((d, p) =>
      d.insertInto('app_settings').values({ key: p('key'), value: p('value') }),
    );
    await db.transaction().execute(async (trx) => {
      await insertSetting.run(trx, { key: 'kept', value: '1' });
    });
    await expect(
      db.transaction().execute(async (trx) => {
        await insertSetting.run(trx, { key: 'dropped', value: '2' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const keys = await db.selectFrom('app_settings').select('key').where('key', 'in', ['kept', 'dropped']).execute();
    expect(keys.map((k) => k.key)).toEqual(['kept']);
  });
});

describe('insertResponse', () => {
  it('stores the row with its paradata, numbered in arrival order, and every screen time in order across multi-row chunks', async () => {
    const screens = Array.from({ length: 45 }, (_, i) => ({
      screen: `screen_${i}`,
      seconds: i * 1.5,
      visits: 1 + (i % 3),
    }));
    const seq45 = await insertResponse(db, response('r-45'), screens);
    const seq3 = await insertResponse(db, response('r-3'), screens.slice(0, 3));
    const seq0 = await insertResponse(db, response('r-0'), []);
    expect([Number(seq3) - Number(seq45), Number(seq0) - Number(seq3)]).toEqual([1, 1]);
    // The same id again stores nothing and says so (a concurrent resend that lost the race).
    expect(await insertResponse(db, { ...response('r-45'), content_hash: 'other' }, screens)).toBeNull();
    expect((await findResponseById(db, 'r-45'))?.content_hash).toBe('hash-r-45');
    // A new response is version 1, not reviewed (the columns' defaults).
    expect(await findResponseById(db, 'r-45')).toEqual({
      seq: seq45,
      ...response('r-45'),
      review_status: 'none',
      version: 1,
    });
    const stored = await db
      .selectFrom('response_screen_times')
      .select(['position', 'screen', 'seconds', 'visits'])
      .where('response_seq', '=', seq45)
      .orderBy('position')
      .execute();
    expect(stored).toEqual(screens.map((s, position) => ({ position, ...s })));
    const counts = await db
      .selectFrom('response_screen_times')
      .select(['response_seq', sql<number>`count(*)`.as('n')])
      .groupBy('response_seq')
      .orderBy('response_seq')
      .execute();
    expect(counts).toEqual([
      { response_seq: seq45, n: 45 },
      { response_seq: seq3, n: 3 },
    ]);
    expect(await findResponseById(db, 'missing')).toBeUndefined();
  });
});
