import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAssignmentsByVillage } from '../../src/db/queries/assignments.js';
import { listAuditEntriesByAction } from '../../src/db/queries/audit.js';
import { findUserByUsername } from '../../src/db/queries/users.js';
import type { Actor } from '../../src/domain/actor.js';
import { DomainError } from '../../src/domain/errors.js';
import { demoFrameCsv, demoHouseholdCsv } from '../../src/services/demo/province.js';
import { assignVillage, recordDisposition } from '../../src/services/fieldwork/assignments.js';
import { importHouseholds } from '../../src/services/sampling/households.js';
import { drawProgress } from '../../src/services/fieldwork/progress.js';
import { weightsOfDraw } from '../../src/services/fieldwork/weighting-classes.js';
import { createDraw, importFrame, loadDraw, papiDefaultPlan } from '../../src/services/sampling/frames-and-draws.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';

let env: TestEnv;
let drawId: number;
let village: string;
/** Another village, for the test of outcomes that arrive at the same moment. */
let busyVillage: string;
let surveyor: { id: number; username: string };
const admin: Actor = { userId: null, label: 'test', role: 'admin' };

beforeAll(async () => {
  env = await createTestEnv();
  const { frameId } = await importFrame(env.ctx, demoFrameCsv(), 'demo', admin);
  const created = await createDraw(env.ctx, frameId, papiDefaultPlan, '11', admin);
  drawId = created.drawId;
  const villages = created.draw.units.filter((u) => u.level === 'village').map((u) => u.code);
  village = villages.find((code) => created.draw.units.find((u) => u.code === code)?.certainty === false) ?? '';
  await importHouseholds(env.ctx, demoHouseholdCsv(villages, 50), admin, drawId);
  const user = await makeUser(env.ctx, 'surveyor');
  surveyor = { id: (await findUserByUsername(env.ctx.db, user.username))?.id ?? 0, username: user.username };
  await assignVillage(env.ctx, drawId, village, user.username, admin);
  busyVillage = villages.find((code) => code !== village) ?? '';
  await assignVillage(env.ctx, drawId, busyVillage, user.username, admin);
});
afterAll(async () => env.close());

const asSurveyor = (): Actor => ({ userId: surveyor.id, label: surveyor.username, role: 'surveyor' });
const villageAssignments = () => listAssignmentsByVillage(env.ctx.db, drawId, village);

describe('household draw per village', () => {
  it('stores 20 released primaries and 10 held reserves with m/M', async () => {
    const rows = await villageAssignments();
    const primaries = rows.filter((r) => r.is_reserve === 0);
    const reserves = rows.filter((r) => r.is_reserve === 1);
    expect(primaries).toHaveLength(20);
    expect(reserves.map((r) => r.selection_order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(primaries.every((p) => p.released_at !== null)).toBe(true);
    expect(reserves.every((r) => r.released_at === null)).toBe(true);
    const bigM = primaries[0]?.listed_count ?? 0;
    expect(primaries[0]?.probability).toBeCloseTo(20 / bigM, 12);
    expect(rows.every((r) => r.surveyor_user_id === surveyor.id)).toBe(true);
  });

  it('refuses a second list for a village that has one, storing nothing', async () => {
    const before = (await villageAssignments()).length;
    await expect(importHouseholds(env.ctx, demoHouseholdCsv([village], 10), admin, drawId)).rejects.toMatchObject({
      code: 'households_already_imported',
    });
    expect((await villageAssignments()).length).toBe(before);
  });

  it('refuses households of a village that was not selected, with the line', async () => {
    const csv = 'village_code,household_id,head_name,address,phone,eligible_adults\nNOPE,H1,Lê Văn Tám,Số 1,,2\n';
    const err = await importHouseholds(env.ctx, csv, admin, drawId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).details[0]).toMatchObject({
      line: 2,
      field: 'village_code',
      code: 'unselected_village',
    });
  });
});

describe('non-response protocol', () => {
  it('refuses "not at home" before three visits', async () => {
    const [first] = await villageAssignments();
    await expect(
      recordDisposition(env.ctx, first?.id ?? '', { disposition: 'not_at_home_3_visits', visits: 2 }, asSurveyor()),
    ).rejects.toMatchObject({ code: 'disposition_invalid' });
  });

  it("refuses a surveyor acting on someone else's assignment", async () => {
    const [first] = await villageAssignments();
    await expect(
      recordDisposition(
        env.ctx,
        first?.id ?? '',
        { disposition: 'completed', visits: 1 },
        { userId: -1, label: 'x', role: 'surveyor' as const },
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('releases reserves one at a time, in order, after each final non-response, and audits each release', async () => {
    const primaries = (await villageAssignments()).filter((r) => r.is_reserve === 0);
    const completed = await recordDisposition(
      env.ctx,
      primaries[0]?.id ?? '',
      { disposition: 'completed', visits: 1 },
      asSurveyor(),
    );
    expect(completed.releasedReserve).toBeNull();
    const first = await recordDisposition(
      env.ctx,
      primaries[1]?.id ?? '',
      { disposition: 'refused', visits: 1 },
      asSurveyor(),
    );
    expect(first.releasedReserve?.order).toBe(1);
    const second = await recordDisposition(
      env.ctx,
      primaries[2]?.id ?? '',
      { disposition: 'not_at_home_3_visits', visits: 3 },
      asSurveyor(),
    );
    expect(second.releasedReserve?.order).toBe(2);
    const reserves = (await villageAssignments()).filter((r) => r.is_reserve === 1);
    expect(reserves.filter((r) => r.released_at !== null).map((r) => r.selection_order)).toEqual([1, 2]);
    const releases = await listAuditEntriesByAction(env.ctx.db, 'assignment.reserve_released');
    expect(releases.map((r) => JSON.parse(r.details_json ?? '{}').reserveOrder).sort()).toEqual([1, 2]);
  });

  it('releases one reserve per non-response when outcomes of one village arrive at the same moment', async () => {
    // On PostgreSQL these are concurrent transactions on a pool: the village lock keeps each release's decision
    // apart from the others'.
    const primaries = (await listAssignmentsByVillage(env.ctx.db, drawId, busyVillage)).filter(
      (r) => r.is_reserve === 0,
    );
    const results = await Promise.all(
      primaries
        .slice(0, 4)
        .map((a) => recordDisposition(env.ctx, a.id, { disposition: 'refused', visits: 1 }, asSurveyor())),
    );
    expect(results.map((r) => r.releasedReserve?.order).sort()).toEqual([1, 2, 3, 4]);
    const reserves = (await listAssignmentsByVillage(env.ctx.db, drawId, busyVillage)).filter(
      (r) => r.is_reserve === 1 && r.released_at !== null,
    );
    expect(reserves.map((r) => r.selection_order).sort()).toEqual([1, 2, 3, 4]);
  });

  it('refuses a second disposition for the same assignment', async () => {
    const [first] = (await villageAssignments()).filter((r) => r.is_reserve === 0);
    await expect(
      recordDisposition(env.ctx, first?.id ?? '', { disposition: 'refused', visits: 1 }, asSurveyor()),
    ).rejects.toMatchObject({ code: 'disposition_invalid' });
  });

  it('refuses a disposition on a reserve that was not released', async () => {
    const held = (await villageAssignments()).find((r) => r.is_reserve === 1 && r.released_at === null);
    await expect(
      recordDisposition(env.ctx, held?.id ?? '', { disposition: 'completed', visits: 1 }, asSurveyor()),
    ).rejects.toMatchObject({ code: 'disposition_invalid' });
  });
});

describe('weights and progress', () => {
  it('weights each completed household 1 / (π area · sampled/M) × adults, adjusted by sampled/completed', async () => {
    const primaries = (await villageAssignments()).filter((r) => r.is_reserve === 0);
    await recordDisposition(env.ctx, primaries[3]?.id ?? '', { disposition: 'completed', visits: 2 }, asSurveyor());
    const rows = await villageAssignments();
    const stored = await loadDraw(env.ctx, drawId);
    const piArea = stored.draw.units.find((u) => u.code === village)?.piCumulative ?? 0;
    const bigM = rows[0]?.listed_count ?? 0;
    const done = rows.filter((r) => r.disposition === 'completed');
    expect(done).toHaveLength(2);
    // Recorded without an interview, so the household list's eligible adults stand for the phone's count.
    const sampled = rows.filter((r) => r.released_at !== null).length;
    expect(sampled).toBe(22);
    const weights = await weightsOfDraw(env.ctx, drawId);
    for (const r of done) {
      const d = weights.byAssignment.get(r.id);
      expect(d?.baseWeight).toBeCloseTo(r.eligible_adults / (piArea * (sampled / bigM)), 9);
      expect(d?.nonresponseFactor).toBeCloseTo(sampled / 2, 12);
      expect((d?.baseWeight ?? 0) * (d?.nonresponseFactor ?? 0)).toBeCloseTo(
        r.eligible_adults / (piArea * (2 / bigM)),
        9,
      );
      expect(d?.psu).toMatch(/^(D|C|V|H):/);
      expect(d?.stratum).not.toBe('');
    }
    const others = rows.filter((r) => r.disposition !== 'completed');
    expect(others.every((r) => !weights.byAssignment.has(r.id))).toBe(true);
  });

  it('counts progress per village and rolls it up to the province', async () => {
    const root = await drawProgress(env.ctx, drawId);
    const find = (n: typeof root, code: string): typeof root | undefined =>
      n.code === code ? n : n.children.map((c) => find(c, code)).find((x) => x !== undefined);
    const v = find(root, village);
    expect(v).toMatchObject({ target: 20, completed: 2, reservesReleased: 2 });
    expect(v?.dispositions.refused).toBe(1);
    expect(v?.dispositions.not_at_home_3_visits).toBe(1);
    expect(v?.responseRate).toBeCloseTo(2 / 4, 12);
    expect(root.completed).toBe(2);
    const villages = (await loadDraw(env.ctx, drawId)).draw.units.filter((u) => u.level === 'village').length;
    expect(villages).toBe(3 * 2 * 2);
    expect(root.target).toBe(20 * villages);
  });
});

describe('weights read, not stored', () => {
  it('records an outcome in its own row: the other households of the village are not rewritten', async () => {
    const before = await villageAssignments();
    const open = before.find((r) => r.is_reserve === 0 && r.disposition === null);
    const weightsBefore = await weightsOfDraw(env.ctx, drawId);
    await recordDisposition(env.ctx, open?.id ?? '', { disposition: 'completed', visits: 1 }, asSurveyor());
    const after = await villageAssignments();
    expect(after.filter((r) => r.id !== open?.id)).toEqual(before.filter((r) => r.id !== open?.id));
    expect(after.find((r) => r.id === open?.id)?.disposition).toBe('completed');
    // Yet the village's earlier completes now share their weight with one more respondent: read, not stored.
    const weightsAfter = await weightsOfDraw(env.ctx, drawId);
    const earlier = before.filter((r) => r.disposition === 'completed').map((r) => r.id);
    expect(earlier.length).toBeGreaterThan(0);
    for (const id of earlier)
      expect(weightsAfter.byAssignment.get(id)?.nonresponseFactor).toBeLessThan(
        weightsBefore.byAssignment.get(id)?.nonresponseFactor ?? 0,
      );
  });
});
