// The draw page's fieldwork columns: how many households each village has and which surveyor holds them, and
// the active surveyors a village can be given to.
import type { AppContext } from '../../context.js';
import { listAssignmentsByDraw } from '../../db/queries/assignments.js';
import { listUsers } from '../../db/queries/users.js';

export interface VillageStaffing {
  households: number;
  surveyor: string | null;
}

export async function drawStaffing(
  ctx: AppContext,
  drawId: number,
): Promise<{ villages: Map<string, VillageStaffing>; surveyors: string[] }> {
  const assignments = await listAssignmentsByDraw(ctx.db, drawId);
  const users = await listUsers(ctx.db);
  const nameOf = new Map(users.map((u) => [u.id, u.username]));
  const villages = new Map<string, VillageStaffing>();
  for (const a of assignments) {
    const v = villages.get(a.village_code) ?? { households: 0, surveyor: null };
    v.households += 1;
    if (a.surveyor_user_id !== null) v.surveyor = nameOf.get(a.surveyor_user_id) ?? null;
    villages.set(a.village_code, v);
  }
  const surveyors = users.filter((u) => u.role === 'surveyor' && u.disabled_at === null).map((u) => u.username);
  return { villages, surveyors };
}
