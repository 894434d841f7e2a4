// The migration that makes each round state its design (20261205T2300-round-design): rounds that existed keep
// what the results pages did before, now stated (a draw's design with the 'adjust' rule, simple random sampling
// outside a draw), and migrating down gives the old shape back.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { openStepDatabase, type StepDatabase, columnNames, violates } from '../helpers/temp-database.js';

let step: StepDatabase;
let db: Db;
beforeEach(async () => {
  step = await openStepDatabase('migration');
  db = step.db;
});
afterEach(async () => step.close());

const migrateTo = (name: string): Promise<void> => step.migrateTo(name);

describe('migration 20261205T2300-round-design', () => {
  it('states the design existing rounds were estimated with, and goes back down', async () => {
    await migrateTo('20261201T2200-response-sequence');
    await sql`insert into frames (name, province_code, content_hash, imported_at) values ('f', 'P', 'h', '2026-01-01')`.execute(
      db,
    );
    await sql`insert into sample_draws (frame_id, plan_json, seed, created_at) values (1, '{}', '1', '2026-01-01')`.execute(
      db,
    );
    await sql`insert into rounds (code, label, survey_code, survey_version, draw_id, period_start, period_end, created_at)
      values ('a', 'A', 'papi-2024', '2024.1', 1, '2026-01-01', '2026-12-31', '2026-01-01'),
             ('b', 'B', 'sipas-2024', '1', null, '2026-01-01', '2026-12-31', '2026-01-01')`.execute(db);
    await migrateTo('20261205T2300-round-design');
    const rows = await sql<{ code: string; design: string; lonely_psu: string; design_population: number | null }>`
      select code, design, lonely_psu, design_population from rounds order by code`.execute(db);
    expect(rows.rows).toEqual([
      { code: 'a', design: 'sample', lonely_psu: 'adjust', design_population: null },
      { code: 'b', design: 'srs', lonely_psu: 'adjust', design_population: null },
    ]);
    await expect(sql`update rounds set lonely_psu = 'ignore' where code = 'a'`.execute(db)).rejects.toThrow(
      violates.check,
    );
    await migrateTo('20261201T2200-response-sequence');
    const columns = await columnNames(db, 'rounds');
    expect(columns).not.toContain('design');
    expect((await sql<{ n: number }>`select count(*) as n from rounds`.execute(db)).rows[0]?.n).toBe(2);
  });
});
