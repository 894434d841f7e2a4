// `langnghe plan import|list|report`, `langnghe published import` and `langnghe indicator import`: improvement
// plans, the national tables they are judged by, and administrative indicators' values, without the server.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DomainError } from '../domain/errors.js';
import { decodeCsvFile } from '../services/sampling/csv-rows.js';
import { importIndicatorValues } from '../services/plans/indicators.js';
import { importNationalTable } from '../services/plans/national-tables.js';
import { importPlan, readPlanJson } from '../services/plans/plan-import.js';
import { readPlanWorkbook } from '../services/plans/plan-workbook.js';
import { allPlans } from '../services/plans/plan-store.js';
import { cliActor, processIo, reportDomainError, withContext, type Io } from './io.js';

const usage =
  'usage: langnghe plan import --file F.json|F.xlsx [--replace]\n' +
  '       langnghe plan list\n' +
  '       langnghe plan report --plan CODE [--year Y] --format docx --out F.docx\n';

function readBytes(path: string, io: Io): Buffer | null {
  try {
    return readFileSync(path);
  } catch (err) {
    io.stderr(`cannot read ${path}: ${(err as Error).message}\n`);
    return null;
  }
}

async function planValue(path: string, bytes: Buffer): Promise<unknown> {
  return path.toLowerCase().endsWith('.xlsx') ? readPlanWorkbook(bytes) : readPlanJson(decodeCsvFile(bytes));
}

export async function planCommand(args: string[], io: Io = processIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: {
      file: { type: 'string' },
      replace: { type: 'boolean' },
      plan: { type: 'string' },
      year: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (sub === 'import' && values.file) {
    const bytes = readBytes(values.file, io);
    if (!bytes) return 2;
    let value: unknown;
    try {
      value = await planValue(values.file, bytes);
    } catch (err) {
      return reportDomainError(err, io);
    }
    return withContext(io, async (ctx) => {
      const { code } = await importPlan(ctx, value, cliActor, { replace: values.replace === true });
      io.stdout(`${code}\n`);
      return 0;
    });
  }
  if (sub === 'list') {
    return withContext(io, async (ctx) => {
      for (const p of await allPlans(ctx))
        io.stdout(`${p.code}\t${p.start_year}-${p.end_year}\t${p.targets} targets\t${p.name}\n`);
      return 0;
    });
  }
  if (sub === 'report' && values.plan && values.out && values.format === 'docx') {
    const year = values.year === undefined ? null : Number(values.year);
    if (year !== null && !Number.isInteger(year)) {
      io.stderr('--year: a year such as 2024\n');
      return 2;
    }
    const { plan, out } = values;
    return withContext(io, async (ctx) => {
      const { planReportDocx } = await import('../services/plans/plan-report-docx.js');
      const { bytes, year: used } = await planReportDocx(ctx, plan, year, cliActor);
      writeFileSync(out, bytes);
      io.stdout(`${JSON.stringify({ plan, year: used, out, bytes: bytes.length })}\n`);
      return 0;
    });
  }
  io.stderr(usage);
  return 2;
}

/** `langnghe published import --file F.csv` and `langnghe indicator import --file F.csv`. */
export async function tableCommand(
  kind: 'published' | 'indicator',
  args: string[],
  io: Io = processIo,
): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({ args: rest, strict: true, options: { file: { type: 'string' } } });
  if (sub !== 'import' || !values.file) {
    io.stderr(
      kind === 'published'
        ? 'usage: langnghe published import --file F.csv   (year,index,province,node,score,rank,group,provinces)\n'
        : 'usage: langnghe indicator import --file F.csv   (indicator,period,value)\n',
    );
    return 2;
  }
  const bytes = readBytes(values.file, io);
  if (!bytes) return 2;
  let text: string;
  try {
    text = decodeCsvFile(bytes);
  } catch (err) {
    if (err instanceof DomainError) return reportDomainError(err, io);
    throw err;
  }
  return withContext(io, async (ctx) => {
    const summary =
      kind === 'published'
        ? await importNationalTable(ctx, text, cliActor)
        : await importIndicatorValues(ctx, text, cliActor);
    io.stdout(`${JSON.stringify(summary)}\n`);
    return 0;
  });
}
