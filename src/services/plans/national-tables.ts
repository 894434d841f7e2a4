// The published national tables as an input: an analyst imports a CSV of PAPI or SIPAS scores of every province,
// or the PAR Index and its fields, for a year. A table replaces what was stored for its years and indices
// (figures quoted by plans included); rank and group targets are judged against these rows.
import type { AppContext } from '../../context.js';
import { replacePublished, summarisePublished } from '../../db/queries/published-results.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
import { parsePublishedRows, provinceKey, publishedColumns } from '../../domain/plans/published.js';
import { recordAudit } from '../audit/audit-log.js';
import { readCsvRecords } from './csv-records.js';
import { planFrameworks } from './frameworks.js';

export interface NationalTableSummary {
  rows: number;
  tables: { year: number; index: string; provinces: number }[];
}

export async function importNationalTable(ctx: AppContext, text: string, actor: Actor): Promise<NationalTableSummary> {
  const records = readCsvRecords(text, 'invalid_national_table', publishedColumns, ['year', 'index', 'province']);
  const { rows, problems } = parsePublishedRows(records);
  const frameworks = planFrameworks(ctx);
  rows.forEach((r, k) => {
    const fw = frameworks.get(r.index);
    if (fw && !fw.has(r.node))
      problems.push({ line: k + 2, field: 'node', message: `${r.index} has no node "${r.node}"` });
  });
  if (problems.length > 0 || rows.length === 0) {
    throw new DomainError(
      'invalid_national_table',
      problems.length > 0
        ? problems.slice(0, 100).map((p) => ({ line: p.line, field: p.field, message: p.message }))
        : [{ field: 'file', message: 'the file has no rows' }],
    );
  }
  const tables = new Map<string, { year: number; index: string; provinces: Set<string> }>();
  for (const r of rows) {
    const key = `${r.year}|${r.index}`;
    const t = tables.get(key) ?? { year: r.year, index: r.index, provinces: new Set<string>() };
    t.provinces.add(provinceKey(r.province));
    tables.set(key, t);
  }
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    await replacePublished(
      trx,
      [...tables.values()].map((t) => ({ year: t.year, index_code: t.index })),
      rows.map((r) => ({
        year: r.year,
        index_code: r.index,
        province: r.province,
        province_key: provinceKey(r.province),
        node_code: r.node,
        score: r.score,
        rank: r.rank,
        provinces: r.provinces,
        group_label: r.group,
        source: 'csv',
        imported_at: now.toISOString(),
      })),
    );
    await recordAudit(trx, now, {
      action: 'published.import',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: [...tables.keys()].join(','),
      details: { rows: rows.length },
    });
  });
  return {
    rows: rows.length,
    tables: [...tables.values()].map((t) => ({ year: t.year, index: t.index, provinces: t.provinces.size })),
  };
}

/** The tables held: year, index, where from (a CSV, or a plan's quoted figures) and how many provinces. */
export async function nationalTables(ctx: AppContext) {
  return summarisePublished(ctx.db);
}
