// Administrative indicators: defined with a name, unit, owner and direction, and given values per period, typed
// on a form or imported from a CSV (indicator,period,value), e.g. the one-stop software's monthly export.
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import {
  findIndicatorByCode,
  insertIndicator,
  listIndicators,
  listIndicatorValues,
  upsertIndicatorValue,
} from '../../db/queries/indicators.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
import { isPeriod, parseIndicatorRows } from '../../domain/plans/indicators.js';
import { indicatorSchema } from '../../domain/plans/plan-file.js';
import { parseInput } from '../../domain/parse-input.js';
import { recordAudit } from '../audit/audit-log.js';
import { readCsvRecords } from './csv-records.js';
import { departmentDirectory } from './departments.js';

export type IndicatorRow = Awaited<ReturnType<typeof listIndicators>>[number];

export async function allIndicators(
  ctx: AppContext,
): Promise<{ indicators: IndicatorRow[]; values: Awaited<ReturnType<typeof listIndicatorValues>> }> {
  return { indicators: await listIndicators(ctx.db), values: await listIndicatorValues(ctx.db) };
}

export async function defineIndicator(
  ctx: AppContext,
  input: z.input<typeof indicatorSchema>,
  actor: Actor,
): Promise<void> {
  const d = parseInput(indicatorSchema, input);
  const owner = (await departmentDirectory(ctx.db)).find(d.owner);
  if (!owner)
    throw new DomainError('department_not_found', [{ field: 'owner', message: `no department "${d.owner}"` }]);
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    if (await findIndicatorByCode(trx, d.code))
      throw new DomainError('already_exists', [{ field: 'code', message: `indicator ${d.code} exists` }]);
    await insertIndicator(trx, {
      code: d.code,
      name: d.name,
      unit: d.unit,
      owner_department_id: owner.id,
      direction: d.direction,
      created_at: now.toISOString(),
    });
    await recordAudit(trx, now, {
      action: 'indicator.define',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `indicator:${d.code}`,
    });
  });
}

const valueSchema = z.object({
  period: z.string().trim().refine(isPeriod, 'a period: 2024, 2024-09 or 2024-Q3'),
  value: z.number().finite(),
});

/** Enters one period's value (a new value for a period replaces the old one). */
export async function recordIndicatorValue(
  ctx: AppContext,
  code: string,
  input: z.input<typeof valueSchema>,
  actor: Actor,
): Promise<void> {
  const v = parseInput(valueSchema, input);
  const indicator = await findIndicatorByCode(ctx.db, code);
  if (!indicator)
    throw new DomainError('indicator_not_found', [{ field: 'indicator', message: `no indicator "${code}"` }]);
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    await upsertIndicatorValue(trx, {
      indicator_id: indicator.id,
      period: v.period,
      value: v.value,
      source: 'form',
      recorded_at: now.toISOString(),
      recorded_by: actor.userId,
    });
    await recordAudit(trx, now, {
      action: 'indicator.value',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `indicator:${code}:${v.period}`,
      details: { value: v.value },
    });
  });
}

/** Imports indicator,period,value rows; every indicator must be defined; refused whole with each bad line. */
export async function importIndicatorValues(ctx: AppContext, text: string, actor: Actor): Promise<{ rows: number }> {
  const records = readCsvRecords(
    text,
    'invalid_indicator_values',
    ['indicator', 'period', 'value'],
    ['indicator', 'period', 'value'],
  );
  const { rows, problems } = parseIndicatorRows(records);
  const known = new Map((await listIndicators(ctx.db)).map((i) => [i.code, i.id]));
  rows.forEach((r, k) => {
    if (!known.has(r.indicator))
      problems.push({ line: k + 2, field: 'indicator', message: `no indicator "${r.indicator}": define it first` });
  });
  if (problems.length > 0 || rows.length === 0)
    throw new DomainError(
      'invalid_indicator_values',
      problems.length > 0 ? problems.slice(0, 100) : [{ field: 'file', message: 'the file has no rows' }],
    );
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    for (const r of rows) {
      await upsertIndicatorValue(trx, {
        indicator_id: known.get(r.indicator) as number,
        period: r.period,
        value: r.value,
        source: 'csv',
        recorded_at: now.toISOString(),
        recorded_by: actor.userId,
      });
    }
    await recordAudit(trx, now, {
      action: 'indicator.import',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      details: { rows: rows.length },
    });
  });
  return { rows: rows.length };
}
