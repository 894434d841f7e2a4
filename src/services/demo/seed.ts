// Demo data for a first look: one account per role (passwords generated now and shown once) and a drawn
// demo province with household lists assigned to the demo surveyor.
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Actor } from '../../domain/actor.js';
import { roles, type Role } from '../../domain/roles.js';
import { findUserByUsername } from '../../db/queries/users.js';
import { createUser, hasAnyUser } from '../accounts/users.js';
import { demoFrameCsv, demoHouseholdCsv } from './province.js';
import { assignVillage } from '../fieldwork/assignments.js';
import { importHouseholds } from '../sampling/households.js';
import { createDraw, importFrame, papiDefaultPlan } from '../sampling/frames-and-draws.js';
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

/** A drawn demo province: frame, PAPI-default draw, household lists, every village assigned to demo-surveyor and
 * every drawn district (an area) to demo-supervisor. */
export async function seedDemoProvince(ctx: AppContext): Promise<{ drawId: number } | null> {
  const { listDraws } = await import('../../db/queries/draws.js');
  if ((await listDraws(ctx.db)).length > 0) return null;
  const { frameId } = await importFrame(ctx, demoFrameCsv(), 'Tỉnh Lắng Nghe (thử nghiệm)', demoActor);
  const { drawId, draw } = await createDraw(ctx, frameId, papiDefaultPlan, '2024', demoActor);
  const villages = draw.units.filter((u) => u.level === 'village').map((u) => u.code);
  await importHouseholds(ctx, demoHouseholdCsv(villages), demoActor, drawId);
  const surveyor = await findUserByUsername(ctx.db, 'demo-surveyor');
  if (surveyor) for (const v of villages) await assignVillage(ctx, drawId, v, surveyor.username, demoActor);
  if (await findUserByUsername(ctx.db, 'demo-supervisor')) {
    for (const d of draw.units.filter((u) => u.parentCode === draw.province.code))
      await setSupervisorArea(ctx, 'demo-supervisor', { frameId, code: d.code }, 'add', demoActor);
  }
  return { drawId };
}
