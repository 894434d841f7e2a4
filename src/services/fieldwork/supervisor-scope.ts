// Which areas a staff member may see and act on. An area is a frame and a unit of its first level below the
// province (a district on four-level frames, a commune on two-tier ones). Admins see every area; a supervisor only
// the areas recorded for them, and nothing until one is (fail closed); other roles none.
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import {
  deleteSupervisorArea,
  findFrameArea,
  insertSupervisorArea,
  listAreasBySupervisor,
  listFrameAreas,
  listFrameIdsByDistrictCode,
  listResponseIdsBySupervisorAreas,
  type SupervisorAreaRow,
} from '../../db/queries/supervisor-areas.js';
import { findUserByUsername } from '../../db/queries/users.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import { areaOfUnits } from '../../domain/sampling/index.js';
import { recordAudit } from '../audit/audit-log.js';
import { loadDraw, type StoredDraw } from '../sampling/frames-and-draws.js';

export type AreaScope =
  | { readonly all: true }
  | { readonly all: false; readonly userId: number; readonly areas: ReadonlyMap<number, ReadonlySet<string>> };

export const allAreas: AreaScope = { all: true };

/** One of a supervisor's areas, as shown on the account page and by the CLI. */
export interface SupervisorArea {
  frameId: number;
  frameName: string;
  code: string;
  name: string;
  level: string;
}

const areaOf = (r: SupervisorAreaRow): SupervisorArea => ({
  frameId: r.frame_id,
  frameName: r.frame_name,
  code: r.unit_code,
  name: r.unit_name,
  level: r.unit_level,
});

export async function areaScopeOf(db: Db, user: { id: number; role: string }): Promise<AreaScope> {
  if (user.role === 'admin') return allAreas;
  const rows = user.role === 'supervisor' ? await listAreasBySupervisor(db, user.id) : [];
  const areas = new Map<number, Set<string>>();
  for (const r of rows) areas.set(r.frame_id, (areas.get(r.frame_id) ?? new Set()).add(r.unit_code));
  return { all: false, userId: user.id, areas };
}

export const areaInScope = (scope: AreaScope, frameId: number, unitCode: string | undefined): boolean =>
  scope.all || (unitCode !== undefined && (scope.areas.get(frameId)?.has(unitCode) ?? false));

/** The draw with only the units inside the scope. */
export function scopeDraw(stored: StoredDraw, scope: AreaScope): StoredDraw {
  if (scope.all) return stored;
  const area = areaOfUnits(stored.draw.units, stored.draw.province.code);
  return {
    ...stored,
    draw: {
      ...stored.draw,
      units: stored.draw.units.filter((u) => areaInScope(scope, stored.frameId, area.get(u.code))),
    },
  };
}

/** Whether a village of a draw lies in the scope (a village not in the draw is in no area). */
export async function villageInScope(
  ctx: AppContext,
  scope: AreaScope,
  drawId: number,
  villageCode: string,
  db: Db = ctx.db,
): Promise<boolean> {
  if (scope.all) return true;
  const stored = await loadDraw(ctx, drawId, db);
  return areaInScope(scope, stored.frameId, areaOfUnits(stored.draw.units, stored.draw.province.code).get(villageCode));
}

/** Refuses (403) when any of the villages lies outside the scope; villages not in the draw are left to the caller. */
export async function requireVillagesInScope(
  ctx: AppContext,
  scope: AreaScope,
  drawId: number,
  villageCodes: readonly string[],
): Promise<void> {
  if (scope.all) return;
  const stored = await loadDraw(ctx, drawId);
  const area = areaOfUnits(stored.draw.units, stored.draw.province.code);
  for (const code of villageCodes) {
    const unit = area.get(code);
    if (unit !== undefined && !areaInScope(scope, stored.frameId, unit)) {
      throw new DomainError('forbidden', [detail('village', 'village_outside_areas', { village: code })]);
    }
  }
}

/** Ids of the interviews inside the scope, or null for every interview. */
export async function responseIdsInScope(db: Db, scope: AreaScope): Promise<ReadonlySet<string> | null> {
  if (scope.all) return null;
  if (scope.areas.size === 0) return new Set();
  return new Set(await listResponseIdsBySupervisorAreas(db, scope.userId));
}

async function supervisorByUsername(ctx: AppContext, username: string): Promise<{ id: number; username: string }> {
  const user = await findUserByUsername(ctx.db, username.trim().toLowerCase());
  if (!user) throw new DomainError('user_not_found', [detail('username', 'no_account', { username })]);
  if (user.role !== 'supervisor')
    throw new DomainError('invalid_request', [
      detail('username', 'not_supervisor', { username: user.username, role: user.role }),
    ]);
  return user;
}

/**
 * Gives a supervisor an area (a first-level unit of an imported frame), or takes it away; returns their areas.
 * Adding an area the frame does not have at its first level is refused with the field `unit`.
 */
export async function setSupervisorArea(
  ctx: AppContext,
  username: string,
  area: { frameId: number; code: string },
  change: 'add' | 'remove',
  actor: Actor,
): Promise<SupervisorArea[]> {
  const user = await supervisorByUsername(ctx, username);
  const code = area.code.trim();
  if (change === 'add' && !(await findFrameArea(ctx.db, area.frameId, code))) {
    throw new DomainError('invalid_request', [detail('unit', 'frame_without_unit', { frame: area.frameId, code })]);
  }
  return inTransaction(ctx.db, async (trx) => {
    const changed =
      change === 'add'
        ? await insertSupervisorArea(trx, user.id, area.frameId, code)
        : (await deleteSupervisorArea(trx, user.id, area.frameId, code)) > 0;
    if (changed) {
      await recordAudit(trx, ctx.clock.now(), {
        action: `supervisor.area_${change}`,
        actorUserId: actor.userId,
        actorLabel: actor.label,
        target: `user:${user.username}`,
        details: { frame: area.frameId, unit: code },
      });
    }
    return (await listAreasBySupervisor(trx, user.id)).map(areaOf);
  });
}

/**
 * The frame of a district code given without a frame (`--district CODE`): the only frame with that district at
 * its first level; refused when none or several have it, so that a code never lands on the wrong frame.
 */
export async function frameOfDistrict(ctx: AppContext, districtCode: string): Promise<number> {
  const code = districtCode.trim();
  const frames = await listFrameIdsByDistrictCode(ctx.db, code);
  if (frames.length === 1) return frames[0] as number;
  throw new DomainError('invalid_request', [
    frames.length === 0
      ? detail('district', 'district_in_no_frame', { code })
      : detail('district', 'district_in_frames', { code, frames: frames.join(', ') }),
  ]);
}

export async function supervisorAreas(ctx: AppContext, username: string): Promise<SupervisorArea[]> {
  return (await listAreasBySupervisor(ctx.db, (await supervisorByUsername(ctx, username)).id)).map(areaOf);
}

/** Every first-level unit of the imported frames, for choosing a supervisor's areas. */
export async function frameAreaOptions(ctx: AppContext): Promise<SupervisorArea[]> {
  return (await listFrameAreas(ctx.db)).map(areaOf);
}
