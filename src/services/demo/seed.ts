// Demo data for a first look: one account per role (passwords generated now and shown once) and the demo
// province drawn on both maps: last year's four-level frame and this year's two-tier frame, the latter with
// household lists assigned to the demo surveyor.
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Actor } from '../../domain/actor.js';
import { roles, type Role } from '../../domain/roles.js';
import { findUserByUsername } from '../../db/queries/users.js';
import { createUser, hasAnyUser } from '../accounts/users.js';
import { demoFrameCsv, demoHouseholdCsv, demoTwoTierFrameCsv } from './province.js';
import { assignVillage } from '../fieldwork/assignments.js';
import { importHouseholds } from '../sampling/households.js';
import {
  createDraw,
  defaultPlanOf,
  importFrame,
  loadFrameUnits,
  papiDefaultPlan,
} from '../sampling/frames-and-draws.js';
import { setSupervisorArea } from '../fieldwork/supervisor-scope.js';

export interface DemoAccount {
  username: string;
  role: Role;
  password: string;
}

/** Seeding runs at start-up with no one signed in, with the rights of the command line that could do the same. */
export const demoActor: Actor = { userId: null, label: 'demo-seed', role: 'admin' };

function generatePassword(): string {
  // 15 characters from an unambiguous alphabet: easy to type on a phone, about 75 bits.
  const alphabet = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY3479';
  return [...randomBytes(15)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** Creates the demo accounts on an empty database; returns them (with passwords) or [] when users exist. */
export async function seedDemoAccounts(ctx: AppContext): Promise<DemoAccount[]> {
  if (await hasAnyUser(ctx)) return [];
  const accounts: DemoAccount[] = [];
  for (const role of roles) {
    const account = { username: `demo-${role}`, role, password: generatePassword() };
    await createUser(
      ctx,
      { username: account.username, role, password: account.password, displayName: `Demo ${role}` },
      demoActor,
    );
    accounts.push(account);
  }
  return accounts;
}

/** The demo's draws: `drawId` on today's two-tier map (the current year's PAPI round, with household lists and
 * fieldwork) and `previousDrawId` on the four-level map of before 1 July 2025 (frame and draw only). */
export interface DemoDraws {
  drawId: number;
  previousDrawId: number;
}

/**
 * The demo province on both maps. Last year's four-level frame (province > district > commune > village) drawn with
 * the PAPI plan; this year's two-tier frame (province > commune > village) drawn with the plan offered for it
 * (`defaultPlanOf`, the two-tier plan), its household lists imported, every drawn village assigned to
 * demo-surveyor and every drawn commune (an area) to demo-supervisor. Seeds are the years. Null when draws exist.
 */
export async function seedDemoProvince(ctx: AppContext): Promise<DemoDraws | null> {
  const { listDraws } = await import('../../db/queries/draws.js');
  if ((await listDraws(ctx.db)).length > 0) return null;
  const year = ctx.clock.now().getUTCFullYear();
  const previous = await importFrame(
    ctx,
    demoFrameCsv(),
    'Tỉnh Lắng Nghe (thử nghiệm, bốn cấp, trước 1/7/2025)',
    demoActor,
  );
  const { drawId: previousDrawId } = await createDraw(
    ctx,
    previous.frameId,
    papiDefaultPlan,
    String(year - 1),
    demoActor,
  );
  const { frameId } = await importFrame(ctx, demoTwoTierFrameCsv(), 'Tỉnh Lắng Nghe (thử nghiệm, hai cấp)', demoActor);
  const plan = defaultPlanOf(await loadFrameUnits(ctx, frameId));
  const { drawId, draw } = await createDraw(ctx, frameId, plan, String(year), demoActor);
  const villages = draw.units.filter((u) => u.level === 'village').map((u) => u.code);
  await importHouseholds(ctx, demoHouseholdCsv(villages), demoActor, drawId);
  const surveyor = await findUserByUsername(ctx.db, 'demo-surveyor');
  if (surveyor) for (const v of villages) await assignVillage(ctx, drawId, v, surveyor.username, demoActor);
  if (await findUserByUsername(ctx.db, 'demo-supervisor')) {
    for (const c of draw.units.filter((u) => u.parentCode === draw.province.code))
      await setSupervisorArea(ctx, 'demo-supervisor', { frameId, code: c.code }, 'add', demoActor);
  }
  return { drawId, previousDrawId };
}
