// Frames and draws: import a frame CSV (all-or-nothing, line-numbered errors), draw a multistage PPS sample
// from it with a recorded seed, and read both back for pages and the CLI.
import type { AppContext } from '../../context.js';
import { findDrawById, insertDraw, listDraws, listSampleUnitsByDraw } from '../../db/queries/draws.js';
import {
  findFrameByHash,
  findFrameById,
  findProvinceUnitByFrame,
  insertFrame,
  listFrames,
  listFrameUnitsByFrame,
} from '../../db/queries/frames.js';
import type { Db } from '../../db/database.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
import { parseInput } from '../../domain/parse-input.js';
import {
  chainOfUnits,
  defaultPlanFor,
  drawSample,
  planChainProblem,
  frameColumns,
  papiDefaultPlan,
  planSchema,
  type FrameUnit,
  type SampleDraw,
  type SamplingPlan,
} from '../../domain/sampling/index.js';
import { recordAudit } from '../audit/audit-log.js';
import type { UploadInput } from './upload-reading.js';

// Reading a frame file is pure work that the server does on a worker thread (upload-reading.ts).
export { maxFrameRows, readFrameCsv } from './upload-reading.js';

export function parsePlan(raw: unknown): SamplingPlan {
  return parseInput(planSchema, raw, { prefix: 'plan' });
}

/**
 * Stores a validated frame, or returns the id of an identical frame imported before. The file is read by
 * ctx.uploads (on a worker thread in the server): its bytes as uploaded, or its text.
 */
export async function importFrame(
  ctx: AppContext,
  file: UploadInput,
  name: string,
  actor: Actor,
  levels?: readonly string[],
): Promise<{ frameId: number; units: number; reused: boolean }> {
  const { units, hash } = await ctx.uploads.frame(file, levels);
  return inTransaction(ctx.db, async (trx) => {
    const existing = await findFrameByHash(trx, hash);
    if (existing) return { frameId: existing.id, units: units.length, reused: true };
    const province = units.find((u) => u.level === 'province');
    const now = ctx.clock.now();
    const frameId = await insertFrame(
      trx,
      {
        name,
        province_code: province?.code ?? '',
        content_hash: hash,
        imported_at: now.toISOString(),
        imported_by: actor.userId,
      },
      units.map((u) => ({
        level: u.level,
        code: u.code,
        name: u.name,
        parent_code: u.parentCode,
        population: u.population,
        is_seat: u.isSeat ? 1 : 0,
      })),
    );
    await recordAudit(trx, now, {
      action: 'frame.import',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `frame:${frameId}`,
      details: { name, units: units.length },
    });
    return { frameId, units: units.length, reused: false };
  });
}

/** The sampling index: every frame with its number of units, and every draw, newest first. */
export async function listFramesAndDraws(ctx: AppContext) {
  return { frames: await listFrames(ctx.db), draws: await listDraws(ctx.db) };
}

export async function loadFrameUnits(ctx: AppContext, frameId: number): Promise<FrameUnit[]> {
  if (!(await findFrameById(ctx.db, frameId))) throw new DomainError('frame_not_found');
  const rows = await listFrameUnitsByFrame(ctx.db, frameId);
  return rows.map((r) => ({
    level: r.level as FrameUnit['level'],
    code: r.code,
    name: r.name,
    parentCode: r.parent_code,
    population: r.population,
    isSeat: r.is_seat === 1,
  }));
}

/** The CLI's output shape: byte-identical for the same frame, plan and seed. */
export function drawToJson(draw: SampleDraw): string {
  const seed = typeof draw.seed === 'string' && /^(0|[1-9]\d{0,14})$/.test(draw.seed) ? Number(draw.seed) : draw.seed;
  return JSON.stringify(
    {
      seed,
      units: draw.units.map((u) => ({
        level: u.level,
        code: u.code,
        name: u.name,
        parentCode: u.parentCode,
        certainty: u.certainty,
        pi: u.pi,
        piCumulative: u.piCumulative,
      })),
    },
    null,
    2,
  );
}

/** The plan offered for a frame: PAPI's on a four-level frame, the two-tier plan on today's map. */
export function defaultPlanOf(units: readonly FrameUnit[]): SamplingPlan {
  return defaultPlanFor(chainOfUnits(units));
}

/** Draws from validated units, refusing a plan whose stages do not match the frame's levels. */
export function drawFromFrame(units: readonly FrameUnit[], plan: SamplingPlan, seed: string): SampleDraw {
  const problem = planChainProblem(plan, chainOfUnits(units));
  if (problem !== null) throw new DomainError('invalid_request', [{ field: 'plan.stages', message: problem }]);
  return drawSample(units, plan, seed);
}

export async function createDraw(
  ctx: AppContext,
  frameId: number,
  plan: SamplingPlan,
  seed: string,
  actor: Actor,
): Promise<{ drawId: number; draw: SampleDraw }> {
  const draw = drawFromFrame(await loadFrameUnits(ctx, frameId), plan, seed);
  const drawId = await inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const id = await insertDraw(
      trx,
      {
        frame_id: frameId,
        plan_json: JSON.stringify(plan),
        seed,
        created_at: now.toISOString(),
        created_by: actor.userId,
      },
      draw.units.map((u) => ({
        level: u.level,
        code: u.code,
        name: u.name,
        parent_code: u.parentCode,
        certainty: u.certainty ? 1 : 0,
        pi: u.pi,
        pi_cumulative: u.piCumulative,
      })),
    );
    await recordAudit(trx, now, {
      action: 'sample.draw',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `draw:${id}`,
      details: { frameId, seed, units: draw.units.length },
    });
    return id;
  });
  return { drawId, draw };
}

export interface StoredDraw {
  id: number;
  frameId: number;
  seed: string;
  plan: SamplingPlan;
  createdAt: string;
  draw: Pick<SampleDraw, 'province' | 'units'>;
}

// A draw never changes once stored, so each database's draws are read once per process. Keyed by the database
// handle (a transaction reads through its parent's cache), so two databases in one process never mix.
const drawsByDatabase = new WeakMap<object, Map<number, StoredDraw>>();

/** A stored draw with its plan; `db` may be a transaction (the weights are recomputed inside one). */
export async function loadDraw(ctx: AppContext, drawId: number, db: Db = ctx.db): Promise<StoredDraw> {
  const cache = drawsByDatabase.get(ctx.db) ?? new Map<number, StoredDraw>();
  drawsByDatabase.set(ctx.db, cache);
  const cached = cache.get(drawId);
  if (cached) return cached;
  const stored = await readDraw(db, drawId);
  cache.set(drawId, stored);
  return stored;
}

async function readDraw(db: Db, drawId: number): Promise<StoredDraw> {
  const row = await findDrawById(db, drawId);
  if (!row) throw new DomainError('draw_not_found');
  const frame = await findFrameById(db, row.frame_id);
  const provinceUnit = await findProvinceUnitByFrame(db, row.frame_id);
  const units = await listSampleUnitsByDraw(db, drawId);
  return {
    id: row.id,
    frameId: row.frame_id,
    seed: row.seed,
    plan: planSchema.parse(JSON.parse(row.plan_json)),
    createdAt: row.created_at,
    draw: {
      province: {
        code: frame?.province_code ?? '',
        name: provinceUnit?.name ?? '',
        population: provinceUnit?.population ?? 0,
      },
      units: units.map((u) => ({
        level: u.level as 'district' | 'commune' | 'village',
        code: u.code,
        name: u.name,
        parentCode: u.parent_code ?? '',
        population: 0,
        certainty: u.certainty === 1,
        selectedAs: u.certainty === 1 ? 'certainty' : 'pps',
        pi: u.pi,
        piCumulative: u.pi_cumulative,
      })),
    },
  };
}

export { frameColumns, papiDefaultPlan };
