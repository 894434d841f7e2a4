// Which districts a staff member may see and act on. Admins see every district; a supervisor only the
// districts recorded for them (`langnghe supervisor scope`), and nothing until one is recorded (fail closed);
// other roles none. Pages filter draws, progress, interviews and conflicts through this.
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import {
  deleteSupervisorDistrict,
  districtCodeExists,
  findDistrictCodeByVillage,
  insertSupervisorDistrict,
  listDistrictCodesBySupervisor,
  listResponseIdsBySupervisorDistricts,
} from '../../db/queries/supervisor-districts.js';
import { findUserByUsername } from '../../db/queries/users.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
import { recordAudit } from '../audit/audit-log.js';
import type { StoredDraw } from '../sampling/frames-and-draws.js';

export type DistrictScope =
  { readonly all: true } | { readonly all: false; readonly userId: number; readonly districts: ReadonlySet<string> };

export const allDistricts: DistrictScope = { all: true };

export async function districtScopeOf(db: Db, user: { id: number; role: string }): Promise<DistrictScope> {
  if (user.role === 'admin') return allDistricts;
  const districts = user.role === 'supervisor' ? await listDistrictCodesBySupervisor(db, user.id) : [];
  return { all: false, userId: user.id, districts: new Set(districts) };
}

export const districtInScope = (scope: DistrictScope, districtCode: string | undefined): boolean =>
  scope.all || (districtCode !== undefined && scope.districts.has(districtCode));

/** The district code above each unit of a draw (a district maps to itself). */
function districtOfUnits(units: StoredDraw['draw']['units']): Map<string, string> {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const result = new Map<string, string>();
  for (const u of units) {
    let cursor: (typeof units)[number] | undefined = u;
    while (cursor && cursor.level !== 'district') cursor = byCode.get(cursor.parentCode);
    if (cursor) result.set(u.code, cursor.code);
  }
  return result;
}

/** The draw with only the units inside the scope. */
export function scopeDraw(stored: StoredDraw, scope: DistrictScope): StoredDraw {
  if (scope.all) return stored;
  const district = districtOfUnits(stored.draw.units);
  return {
    ...stored,
    draw: { ...stored.draw, units: stored.draw.units.filter((u) => districtInScope(scope, district.get(u.code))) },
  };
}

/** Refuses (403) when any of the villages lies outside the scope; villages not in the draw are left to the caller. */
export async function requireVillagesInScope(
  db: Db,
  scope: DistrictScope,
  drawId: number,
  villageCodes: readonly string[],
): Promise<void> {
  if (scope.all) return;
  for (const code of villageCodes) {
    const district = await findDistrictCodeByVillage(db, drawId, code);
    if (district !== undefined && !scope.districts.has(district)) {
      throw new DomainError('forbidden', [{ field: 'village', message: `village ${code} is outside your districts` }]);
    }
  }
}

/** Ids of the interviews inside the scope, or null for every interview. */
export async function responseIdsInScope(db: Db, scope: DistrictScope): Promise<ReadonlySet<string> | null> {
  if (scope.all) return null;
  if (scope.districts.size === 0) return new Set();
  return new Set(await listResponseIdsBySupervisorDistricts(db, scope.userId));
}

async function supervisorByUsername(ctx: AppContext, username: string): Promise<{ id: number; username: string }> {
  const user = await findUserByUsername(ctx.db, username.trim().toLowerCase());
  if (!user) throw new DomainError('user_not_found', [{ field: 'username', message: `no account "${username}"` }]);
  if (user.role !== 'supervisor')
    throw new DomainError('invalid_request', [
      { field: 'username', message: `${user.username} is ${user.role}, not a supervisor` },
    ]);
  return user;
}

/** Gives a supervisor a district (which must exist in an imported frame), or takes it away; returns their districts. */
export async function setSupervisorDistrict(
  ctx: AppContext,
  username: string,
  districtCode: string,
  change: 'add' | 'remove',
  actor: Actor,
): Promise<string[]> {
  const user = await supervisorByUsername(ctx, username);
  const code = districtCode.trim();
  if (change === 'add' && !(await districtCodeExists(ctx.db, code))) {
    throw new DomainError('invalid_request', [
      { field: 'district', message: `no imported frame has a district ${code}` },
    ]);
  }
  return inTransaction(ctx.db, async (trx) => {
    const changed =
      change === 'add'
        ? await insertSupervisorDistrict(trx, user.id, code)
        : (await deleteSupervisorDistrict(trx, user.id, code)) > 0;
    if (changed) {
      await recordAudit(trx, ctx.clock.now(), {
        action: `supervisor.district_${change}`,
        actorUserId: actor.userId,
        actorLabel: actor.label,
        target: `user:${user.username}`,
        details: { district: code },
      });
    }
    return listDistrictCodesBySupervisor(trx, user.id);
  });
}

export async function supervisorDistricts(ctx: AppContext, username: string): Promise<string[]> {
  return listDistrictCodesBySupervisor(ctx.db, (await supervisorByUsername(ctx, username)).id);
}
