// Area crosswalks: store the links from an old frame's units to a newer frame's (all-or-nothing, line-numbered
// errors, replacing an earlier crosswalk between the same frames), and give the microdata today's commune and
// province.
import type { AppContext } from '../../context.js';
import {
  deleteCrosswalkByFrames,
  findLatestCrosswalkFromFrame,
  insertCrosswalk,
  listCrosswalkLinksByCrosswalk,
} from '../../db/queries/crosswalks.js';
import { findDrawById } from '../../db/queries/draws.js';
import { findFrameById } from '../../db/queries/frames.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import {
  crosswalkBreaks,
  communeTodayMap,
  provinceToday,
  validateCrosswalk,
  type CrosswalkBreak,
  type CrosswalkLink,
} from '../../domain/sampling/index.js';
import { recordAudit } from '../audit/audit-log.js';
import { decodeCsvFile, parseCsvRows, rowErrors } from './csv-rows.js';
import { loadFrameUnits } from './frames-and-draws.js';

/** A crosswalk lists at most one link per unit of a large frame, a few times over. */
export const maxCrosswalkRows = 200_000;

export interface StoredCrosswalk {
  crosswalkId: number;
  links: number;
  breaks: { oldCode: string; newCodes: string[] }[];
}

/** Validates `old_code,new_code` CSV text against both frames and stores it in place of any earlier crosswalk. */
export async function importCrosswalk(
  ctx: AppContext,
  text: string,
  fromFrameId: number,
  toFrameId: number,
  actor: Actor,
): Promise<StoredCrosswalk> {
  if (fromFrameId === toFrameId) {
    throw new DomainError('invalid_request', [detail('to', 'crosswalk_same_frame')]);
  }
  const oldUnits = await loadFrameUnits(ctx, fromFrameId);
  const newUnits = await loadFrameUnits(ctx, toFrameId);
  const { columns, rows } = parseCsvRows(text, maxCrosswalkRows);
  const result = validateCrosswalk(rows, columns, oldUnits, newUnits);
  if (!result.ok) throw rowErrors('invalid_crosswalk', result.errors);
  const crosswalkId = await inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    await deleteCrosswalkByFrames(trx, fromFrameId, toFrameId);
    const id = await insertCrosswalk(
      trx,
      { from_frame_id: fromFrameId, to_frame_id: toFrameId, created_at: now.toISOString(), created_by: actor.userId },
      result.links.map((l) => ({ old_code: l.oldCode, new_code: l.newCode })),
    );
    await recordAudit(trx, now, {
      action: 'frame.crosswalk',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `crosswalk:${id}`,
      details: { fromFrameId, toFrameId, links: result.links.length, breaks: result.breaks.length },
    });
    return id;
  });
  return { crosswalkId, links: result.links.length, breaks: result.breaks.map(breakToJson) };
}

function breakToJson(b: CrosswalkBreak): { oldCode: string; newCodes: string[] } {
  return { oldCode: b.oldCode, newCodes: b.newCodes };
}

export interface CommuneToday {
  /** Today's commune of each old commune; '' when the old commune was split. */
  communeToday: Map<string, string>;
  /** Old communes split between several of today's communes. */
  split: string[];
  /** Today's province (after the 2025 merger of provinces) of every unit of the old frame. */
  provinceToday: string;
}

/** Today's commune of each commune of a round's draw, when the draw's frame has a crosswalk to a newer frame. */
export async function communeTodayOfDraw(ctx: AppContext, drawId: number | null): Promise<CommuneToday | null> {
  if (drawId === null) return null;
  const draw = await findDrawById(ctx.db, drawId);
  if (!draw) return null;
  const crosswalk = await findLatestCrosswalkFromFrame(ctx.db, draw.frame_id);
  if (!crosswalk) return null;
  const links: CrosswalkLink[] = (await listCrosswalkLinksByCrosswalk(ctx.db, crosswalk.id)).map((l) => ({
    oldCode: l.old_code,
    newCode: l.new_code,
  }));
  const oldUnits = await loadFrameUnits(ctx, crosswalk.from_frame_id);
  const newUnits = await loadFrameUnits(ctx, crosswalk.to_frame_id);
  return { ...communeTodayMap(links, oldUnits, newUnits), provinceToday: provinceToday(links, oldUnits, newUnits) };
}

/**
 * An uploaded crosswalk file (the admin page): the newer frame named by the form's `to`, the file's bytes decoded
 * as UTF-8, then importCrosswalk. A bad `to` is a field error; nothing is stored from a rejected file.
 */
export async function importCrosswalkFile(
  ctx: AppContext,
  fromFrameId: number,
  to: unknown,
  bytes: Uint8Array,
  actor: Actor,
): Promise<StoredCrosswalk> {
  const toFrameId = Number(to);
  if (!Number.isInteger(toFrameId) || toFrameId <= 0 || !(await findFrameById(ctx.db, toFrameId)))
    throw new DomainError('invalid_request', [{ field: 'to', message: `no frame #${String(to ?? '')}` }]);
  await loadFrameUnits(ctx, fromFrameId);
  return importCrosswalk(ctx, decodeCsvFile(bytes), fromFrameId, toFrameId, actor);
}

export interface CrosswalkSummary {
  toFrameId: number;
  links: number;
  breaks: { oldCode: string; newCodes: string[] }[];
  provinceToday: string;
}

/** The crosswalk from a frame in force (the one the microdata uses), with its splits; null without one. */
export async function crosswalkOfFrame(ctx: AppContext, fromFrameId: number): Promise<CrosswalkSummary | null> {
  const crosswalk = await findLatestCrosswalkFromFrame(ctx.db, fromFrameId);
  if (!crosswalk) return null;
  const links = (await listCrosswalkLinksByCrosswalk(ctx.db, crosswalk.id)).map((l) => ({
    oldCode: l.old_code,
    newCode: l.new_code,
  }));
  const oldUnits = await loadFrameUnits(ctx, crosswalk.from_frame_id);
  const newUnits = await loadFrameUnits(ctx, crosswalk.to_frame_id);
  return {
    toFrameId: crosswalk.to_frame_id,
    links: links.length,
    breaks: crosswalkBreaks(links, oldUnits, newUnits).map(breakToJson),
    provinceToday: provinceToday(links, oldUnits, newUnits),
  };
}
