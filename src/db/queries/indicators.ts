// Administrative indicators (definition: name, unit, owner, direction) and their values per period.
import type { Insertable } from 'kysely';
import type { Db } from '../database.js';
import type { IndicatorTable } from '../plan-schema.js';

export async function listIndicators(db: Db) {
  return db
    .selectFrom('indicators')
    .innerJoin('departments', 'departments.id', 'indicators.owner_department_id')
    .select([
      'indicators.id',
      'indicators.code',
      'indicators.name',
      'indicators.unit',
      'indicators.direction',
      'departments.code as owner_code',
      'departments.name as owner_name',
    ])
    .orderBy('indicators.code')
    .execute();
}

export async function findIndicatorByCode(db: Db, code: string) {
  return db.selectFrom('indicators').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function insertIndicator(db: Db, row: Insertable<IndicatorTable>): Promise<number> {
  const { id } = await db.insertInto('indicators').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function listIndicatorValues(db: Db) {
  return db
    .selectFrom('indicator_values')
    .innerJoin('indicators', 'indicators.id', 'indicator_values.indicator_id')
    .select(['indicators.code', 'indicator_values.period', 'indicator_values.value', 'indicator_values.source'])
    .orderBy('indicators.code')
    .orderBy('indicator_values.period')
    .execute();
}

/** Sets a period's value (a later entry or import replaces the earlier one). */
export async function upsertIndicatorValue(
  db: Db,
  row: {
    indicator_id: number;
    period: string;
    value: number;
    source: string;
    recorded_at: string;
    recorded_by: number | null;
  },
): Promise<void> {
  await db
    .insertInto('indicator_values')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['indicator_id', 'period']).doUpdateSet({
        value: row.value,
        source: row.source,
        recorded_at: row.recorded_at,
        recorded_by: row.recorded_by,
      }),
    )
    .execute();
}
