// Household lists of selected villages: validated as a whole, then each village's primaries and ordered
// reserves are drawn with a stream seeded from the draw's seed and the village code (reproducible), stored
// with m/M, and given an assignment each (primaries released, reserves held until the protocol releases them).
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { findDrawIdByVillage } from '../../db/queries/draws.js';
import { insertHouseholds, listVillagesWithHouseholds, type NewHousehold } from '../../db/queries/households.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import { createRng, drawVillageHouseholds, type VillageHouseholdDraw } from '../../domain/sampling/index.js';
import { recordAudit } from '../audit/audit-log.js';
import { fromPlainError, householdVillageCodes, type UploadInput } from './upload-reading.js';
import { loadDraw } from './frames-and-draws.js';
import { allAreas, requireVillagesInScope, type AreaScope } from '../fieldwork/supervisor-scope.js';

export interface HouseholdImportResult {
  drawId: number;
  villages: {
    villageCode: string;
    listed: number;
    eligible: number;
    primaries: number;
    reserves: number;
    probability: number;
  }[];
}

/** The draw that selected a village (the latest, if several did), for commands that name the village only. */
export async function drawIdOfVillage(ctx: AppContext, villageCode: string): Promise<number> {
  const id = await findDrawIdByVillage(ctx.db, villageCode);
  if (id === undefined)
    throw new DomainError('village_not_in_sample', [detail('village', 'village_in_no_draw', { village: villageCode })]);
  return id;
}

async function drawIdFor(ctx: AppContext, villageCodes: readonly string[]): Promise<number> {
  for (const code of villageCodes) {
    const id = await findDrawIdByVillage(ctx.db, code);
    if (id !== undefined) return id;
  }
  throw new DomainError('village_not_in_sample', [
    detail('village_code', 'no_selected_village', { villages: villageCodes.slice(0, 5).join(', ') }),
  ]);
}

export { maxHouseholdRows } from './upload-reading.js';

/**
 * Imports the household lists of selected villages. The file is read by ctx.uploads (on a worker thread in the
 * server): its bytes as uploaded, or its text. Without `drawId` (the command line) the draw is the one that
 * selected the file's villages.
 */
export async function importHouseholds(
  ctx: AppContext,
  file: UploadInput,
  actor: Actor,
  drawId?: number,
  scope: AreaScope = allAreas,
): Promise<HouseholdImportResult> {
  const id = drawId ?? (await drawIdFor(ctx, householdVillageCodes(file)));
  const stored = await loadDraw(ctx, id);
  const selected = stored.draw.units.filter((u) => u.level === 'village').map((u) => u.code);
  const read = await ctx.uploads.households(file, selected);
  const codes = read.codes;
  await requireVillagesInScope(ctx, scope, id, codes);
  if (read.error) throw fromPlainError(read.error);
  const households = read.households ?? [];
  const already = new Set(await listVillagesWithHouseholds(ctx.db, id));
  const repeated = codes.filter((c) => already.has(c));
  if (repeated.length > 0) {
    throw new DomainError(
      'households_already_imported',
      repeated.map((c) => ({ field: 'village_code', message: `village ${c} already has its list` })),
    );
  }
  const size = { respondents: stored.plan.household.respondents, reserves: stored.plan.household.reserves };
  const draws = codes.map((code) =>
    drawVillageHouseholds(
      households.filter((h) => h.villageCode === code),
      size,
      createRng(`${stored.seed}:households:${code}`),
    ),
  );
  const now = ctx.clock.now().toISOString();
  await inTransaction(ctx.db, async (trx) => {
    await insertHouseholds(
      trx,
      draws.flatMap((d) => toRows(d, id, now)),
    );
    await recordAudit(trx, ctx.clock.now(), {
      action: 'households.import',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `draw:${id}`,
      details: { villages: draws.map((d) => d.villageCode) },
    });
  });
  return {
    drawId: id,
    villages: draws.map((d) => ({
      villageCode: d.villageCode,
      listed: d.listed,
      eligible: d.eligible,
      primaries: d.primaries.length,
      reserves: d.reserves.length,
      probability: d.probability,
    })),
  };
}

function toRows(d: VillageHouseholdDraw, drawId: number, now: string): NewHousehold[] {
  return [...d.primaries, ...d.reserves].map((h) => ({
    draw_id: drawId,
    village_code: d.villageCode,
    household_key: h.householdId,
    eligible_adults: h.eligibleAdults,
    listed_count: d.eligible,
    is_reserve: h.role === 'reserve' ? 1 : 0,
    selection_order: h.order,
    probability: d.probability,
    imported_at: now,
    contact: { head_name: h.headName, address: h.address, phone: h.phone === '' ? null : h.phone },
    assignment_id: randomUUID(),
    released_at: h.role === 'primary' ? now : null,
  }));
}
