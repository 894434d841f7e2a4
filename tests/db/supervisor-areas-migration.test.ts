// The migration that names each supervisor's area by frame and unit (20261206T0200-supervisor-areas): every old
// district row is copied to each frame with that district (none to a frame without it), and down gives it back.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { openStepDatabase, tableNames, type StepDatabase } from '../helpers/temp-database.js';

let step: StepDatabase;
let db: Db;
beforeEach(async () => {
  step = await openStepDatabase('supervisor-areas-migration');
  db = step.db;
});
afterEach(async () => step.close());

const migrateTo = (name: string): Promise<void> => step.migrateTo(name);

/** A frame with the given units (level, code, parent). */
async function frame(id: number, units: [string, string, string | null][]): Promise<void> {
  await sql`insert into frames (id, name, province_code, content_hash, imported_at)
    values (${id}, ${`f${id}`}, 'P', ${`h${id}`}, '2026-01-01')`.execute(db);
  for (const [i, [level, code, parent]] of units.entries()) {
    await sql`insert into frame_units (frame_id, position, level, code, name, parent_code, population, is_seat)
      values (${id}, ${i}, ${level}, ${code}, ${code}, ${parent}, 100, 0)`.execute(db);
  }
}

describe('migration 20261206T0200-supervisor-areas', () => {
  it('copies each district to every frame that has it, and goes back down', async () => {
    await migrateTo('20261206T0100-account-life-cycle');
    await sql`insert into users (id, username, display_name, password_hash, role, created_at)
      values (1, 'gs1', 'GS 1', 'x', 'supervisor', '2026-01-01'), (2, 'gs2', 'GS 2', 'x', 'supervisor', '2026-01-01')`.execute(
      db,
    );
    await frame(1, [
      ['province', 'P', null],
      ['district', 'D1', 'P'],
      ['district', 'D2', 'P'],
    ]);
    await frame(2, [
      ['province', 'P', null],
      ['district', 'D1', 'P'],
    ]);
    await frame(3, [
      ['province', 'P', null],
      ['commune', 'D1', 'P'],
    ]); // two-tier: a commune, not a district
    await sql`insert into supervisor_districts (user_id, district_code)
      values (1, 'D1'), (1, 'D2'), (2, 'GONE')`.execute(db);

    await migrateTo('20261206T0200-supervisor-areas');
    const areas = await sql<{ user_id: number; frame_id: number; unit_code: string }>`
      select user_id, frame_id, unit_code from supervisor_areas order by user_id, frame_id, unit_code`.execute(db);
    expect(areas.rows).toEqual([
      { user_id: 1, frame_id: 1, unit_code: 'D1' },
      { user_id: 1, frame_id: 1, unit_code: 'D2' },
      { user_id: 1, frame_id: 2, unit_code: 'D1' },
    ]);
    const tables = async () => tableNames(db);
    expect(await tables()).not.toContain('supervisor_districts');
    await sql`insert into supervisor_areas (user_id, frame_id, unit_code) values (2, 3, 'D1')`.execute(db);

    await migrateTo('20261206T0100-account-life-cycle');
    expect(await tables()).not.toContain('supervisor_areas');
    const back = await sql<{ user_id: number; district_code: string }>`
      select user_id, district_code from supervisor_districts order by user_id, district_code`.execute(db);
    expect(back.rows).toEqual([
      { user_id: 1, district_code: 'D1' },
      { user_id: 1, district_code: 'D2' },
    ]);
  });
});
