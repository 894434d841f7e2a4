// The admin's audit log viewer: entries filtered by actor, action (or a family such as "auth."), object and a
// range of Vietnam calendar days, fifty to a page, and the same selection as CSV through the spreadsheet-safe
// cell writer the results use. Exporting the log is itself audited.
import { stringify } from 'csv-stringify';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { countAuditEntries, listAuditActions, searchAuditEntries, type AuditFilter } from '../../db/queries/audit.js';
import type { AuditRow } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { startOfVietnamDay } from '../../domain/calendar/vietnam-time.js';
import { parseInput } from '../../domain/parse-input.js';
import { spreadsheetCell } from '../../domain/results/spreadsheet-cell.js';
import { recordAudit } from './audit-log.js';

export const auditPageSize = 50;
const maxExportRows = 100_000;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .optional();
const filterSchema = z
  .object({
    actor: z.string().trim().toLowerCase().max(100).optional(),
    action: z.string().trim().max(60).optional(),
    object: z.string().trim().max(200).optional(),
    from: day,
    to: day,
    page: z.coerce.number().int().min(1).max(100_000).default(1),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ['to'], message: 'to: before from' });

export type AuditQuery = z.input<typeof filterSchema>;

export interface AuditSearch {
  filter: { actor: string; action: string; object: string; from: string; to: string };
  page: number;
  pages: number;
  total: number;
  entries: AuditRow[];
  actions: string[];
}

function toFilter(q: z.output<typeof filterSchema>): AuditFilter {
  const next = (d: string) => new Date(startOfVietnamDay(d).getTime() + 86_400_000).toISOString();
  return {
    actor: q.actor || undefined,
    action: q.action || undefined,
    target: q.object || undefined,
    from: q.from ? startOfVietnamDay(q.from).toISOString() : undefined,
    to: q.to ? next(q.to) : undefined,
  };
}

export async function searchAudit(ctx: AppContext, query: AuditQuery): Promise<AuditSearch> {
  const q = parseInput(filterSchema, query);
  const filter = toFilter(q);
  const total = await countAuditEntries(ctx.db, filter);
  const pages = Math.max(1, Math.ceil(total / auditPageSize));
  const page = Math.min(q.page, pages);
  return {
    filter: {
      actor: q.actor ?? '',
      action: q.action ?? '',
      object: q.object ?? '',
      from: q.from ?? '',
      to: q.to ?? '',
    },
    page,
    pages,
    total,
    entries: await searchAuditEntries(ctx.db, filter, auditPageSize, (page - 1) * auditPageSize),
    actions: await listAuditActions(ctx.db),
  };
}

const columns = ['id', 'at', 'actor', 'action', 'object', 'ip', 'details'];

/** The selection as CSV (UTF-8 with BOM, so Excel shows Vietnamese), every cell made safe for spreadsheets. */
export async function exportAuditCsv(ctx: AppContext, query: AuditQuery, actor: Actor): Promise<string> {
  const q = parseInput(filterSchema, query);
  const filter = toFilter(q);
  const rows = await searchAuditEntries(ctx.db, filter, maxExportRows, 0);
  await recordAudit(ctx.db, ctx.clock.now(), {
    action: 'audit.export',
    actorUserId: actor.userId,
    actorLabel: actor.label,
    details: { rows: rows.length, ...filter },
  });
  const records = rows.map((r) =>
    [r.id, r.at, r.actor_label, r.action, r.target, r.ip, r.details_json].map((v) => spreadsheetCell(v ?? '')),
  );
  return new Promise((resolve, reject) => {
    stringify([columns, ...records], (err, text) => (err ? reject(err) : resolve(`\uFEFF${text}`)));
  });
}
