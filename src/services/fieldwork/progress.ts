// Fieldwork progress of a draw along its frame's own levels (province > commune > village on a two-tier frame,
// with districts between on a four-level one): completed against target, dispositions, reserves released and the
// response rate (completed / (completed + eligible non-response)).
import type { AppContext } from '../../context.js';
import { listAssignmentsByDraw } from '../../db/queries/assignments.js';
import { dispositionCodes, dispositions, type DispositionCode } from '../../domain/sampling/index.js';
import { loadDraw } from '../sampling/frames-and-draws.js';
import { allAreas, areaInScope, type AreaScope } from './supervisor-scope.js';

export interface ProgressNode {
  level: 'province' | 'district' | 'commune' | 'village';
  code: string;
  name: string;
  target: number;
  completed: number;
  open: number;
  reservesReleased: number;
  dispositions: Record<DispositionCode, number>;
  /** null until some eligible household has a final outcome. */
  responseRate: number | null;
  children: ProgressNode[];
}

const emptyCounts = (): Record<DispositionCode, number> =>
  Object.fromEntries(dispositionCodes.map((c) => [c, 0])) as Record<DispositionCode, number>;

function node(level: ProgressNode['level'], code: string, name: string): ProgressNode {
  return {
    level,
    code,
    name,
    target: 0,
    completed: 0,
    open: 0,
    reservesReleased: 0,
    dispositions: emptyCounts(),
    responseRate: null,
    children: [],
  };
}

function rollUp(n: ProgressNode): ProgressNode {
  for (const child of n.children) {
    rollUp(child);
    n.target += child.target;
    n.completed += child.completed;
    n.open += child.open;
    n.reservesReleased += child.reservesReleased;
    for (const c of dispositionCodes) n.dispositions[c] += child.dispositions[c];
  }
  const nonresponse = dispositionCodes
    .filter((c) => dispositions[c].outcome === 'nonresponse')
    .reduce((s, c) => s + n.dispositions[c], 0);
  n.responseRate = n.completed + nonresponse > 0 ? n.completed / (n.completed + nonresponse) : null;
  return n;
}

/** Progress of the areas inside the scope (a supervisor's own areas; every area for admins). */
export async function drawProgress(
  ctx: AppContext,
  drawId: number,
  scope: AreaScope = allAreas,
): Promise<ProgressNode> {
  const stored = await loadDraw(ctx, drawId);
  const assignments = await listAssignmentsByDraw(ctx.db, drawId);
  const root = node('province', stored.draw.province.code, stored.draw.province.name);
  const byCode = new Map<string, ProgressNode>([[root.code, root]]);
  for (const u of stored.draw.units) {
    const n = node(u.level, u.code, u.name);
    byCode.get(u.parentCode)?.children.push(n);
    byCode.set(u.code, n);
    if (u.level === 'village') n.target = stored.plan.household.respondents;
  }
  for (const a of assignments) {
    const village = byCode.get(a.village_code);
    if (!village) continue;
    if (a.is_reserve === 1 && a.released_at !== null) village.reservesReleased += 1;
    if (a.released_at === null) continue;
    if (a.disposition === null) village.open += 1;
    else village.dispositions[a.disposition as DispositionCode] += 1;
    if (a.disposition === 'completed') village.completed += 1;
  }
  for (const v of byCode.values()) {
    if (v.level === 'village') {
      const listed = assignments.filter((a) => a.village_code === v.code && a.is_reserve === 0).length;
      if (listed > 0) v.target = Math.min(v.target, listed);
    }
  }
  root.children = root.children.filter((area) => areaInScope(scope, stored.frameId, area.code));
  return rollUp(root);
}
