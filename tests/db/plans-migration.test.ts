// The plans migration (20261206T1400-plans) adds its tables beside the rest: rounds and their per-round targets
// migrate unchanged, the departments the seed plans name are there, and down removes only what it added.
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openStepDatabase, type StepDatabase, tableNames, violates } from '../helpers/temp-database.js';

let step: StepDatabase;
afterEach(async () => step?.close());

describe('migration 20261206T1400-plans', () => {
  it('keeps rounds and their targets, seeds the departments, and goes back down', async () => {
    step = await openStepDatabase('plans-migration');
    const { db } = step;
    await step.migrateTo('20261206T0300-area-crosswalk');
    await sql`insert into rounds (id, code, label, survey_code, survey_version, period_start, period_end, created_at)
      values (1, 'sipas-2025', 'SIPAS 2025', 'sipas-2024', '2024.1', '2025-01-01', '2025-12-31', '2026-01-01')`.execute(
      db,
    );
    await sql`insert into targets (round_id, node_code, kind, value, owner, updated_at)
      values (1, 'overall', 'absolute', 0.9, 'Sở Nội vụ', '2026-01-01'), (1, 'II.B', 'change', 0.1, 'Văn phòng UBND tỉnh', '2026-01-01')`.execute(
      db,
    );
    const before = await sql`select * from targets order by id`.execute(db);

    await step.migrateTo('20261206T1400-plans');
    expect((await sql`select * from targets order by id`.execute(db)).rows).toEqual(before.rows);
    const departments = await sql<{ code: string; name: string }>`select code, name from departments`.execute(db);
    expect(departments.rows.map((d) => d.name)).toEqual(
      expect.arrayContaining([
        'Sở Nội vụ',
        'Văn phòng UBND tỉnh',
        'Sở Tư pháp',
        'Sở Thông tin và Truyền thông',
        'Sở Tài chính',
        'Sở Kế hoạch và Đầu tư',
      ]),
    );
    await expect(
      sql`insert into plans (code, name, province, issuer, start_year, end_year, notes_json, created_at)
        values ('x', 'x', 'x', 'x', 2025, 2023, '[]', '2026-01-01')`.execute(db),
    ).rejects.toThrow(violates.check);

    await step.migrateTo('20261206T0300-area-crosswalk');
    const names = await tableNames(db);
    expect(names).toContain('targets');
    expect(names).not.toContain('departments');
    expect(names).not.toContain('plans');
    expect((await sql`select * from targets order by id`.execute(db)).rows).toEqual(before.rows);
  });
});
