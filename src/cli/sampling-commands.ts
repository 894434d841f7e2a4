// `langnghe frame import`, `sample draw`, `households import` and `assign`: a whole round can be set up by
// script. Each prints what it stored; bad input prints every problem with its line and exits 2.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { cliActor, processIo, reportDomainError, withContext, type Io } from './io.js';
import { assignVillage } from '../services/fieldwork/assignments.js';
import { importCrosswalk } from '../services/sampling/crosswalk.js';
import { decodeCsvFile } from '../services/sampling/csv-rows.js';
import { drawIdOfVillage, importHouseholds } from '../services/sampling/households.js';
import {
  createDraw,
  defaultPlanOf,
  drawFromFrame,
  drawToJson,
  importFrame,
  parsePlan,
  readFrameCsv,
} from '../services/sampling/frames-and-draws.js';

/** `--levels province,commune,village` as a list; absent, the chain is read from the frame's rows. */
function levelsOption(text: string | undefined): string[] | undefined {
  return text === undefined ? undefined : text.split(',').map((l) => l.trim());
}

function readText(path: string): string {
  return decodeCsvFile(readFileSync(path));
}

const frameUsage =
  'usage: langnghe frame import --file F [--name N] [--levels province,commune,village]\n' +
  '       langnghe frame crosswalk --from FRAME_ID --to FRAME_ID --file map.csv\n';

export async function frameCommand(args: string[], io: Io = processIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'crosswalk') return crosswalkCommand(rest, io);
  if (sub !== 'import') {
    io.stderr(frameUsage);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: { file: { type: 'string' }, name: { type: 'string' }, levels: { type: 'string' } },
  });
  if (!values.file) {
    io.stderr(frameUsage);
    return 2;
  }
  const text = readText(values.file);
  const levels = levelsOption(values.levels);
  return withContext(io, async (ctx) => {
    const name = values.name ?? basename(values.file ?? 'frame.csv');
    const result = await importFrame(ctx, text, name, cliActor, levels);
    io.stdout(`${JSON.stringify({ frameId: result.frameId, units: result.units, reused: result.reused })}\n`);
    return 0;
  });
}

/** `frame crosswalk`: links an old frame's units to a newer frame's; prints the links stored and the splits. */
async function crosswalkCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { from: { type: 'string' }, to: { type: 'string' }, file: { type: 'string' } },
  });
  const from = Number(values.from);
  const to = Number(values.to);
  if (!values.file || !Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 1 || to < 1) {
    io.stderr(frameUsage);
    return 2;
  }
  let text: string;
  try {
    text = readText(values.file);
  } catch (err) {
    return reportDomainError(err, io);
  }
  return withContext(io, async (ctx) => {
    const result = await importCrosswalk(ctx, text, from, to, cliActor);
    io.stdout(`${JSON.stringify(result)}\n`);
    return 0;
  });
}

export async function sampleCommand(args: string[], io: Io = processIo): Promise<number> {
  const [sub, ...rest] = args;
  const usage = 'usage: langnghe sample draw --frame F [--levels L] [--plan P] --seed N [--dry-run] [--format json]\n';
  if (sub !== 'draw') {
    io.stderr(usage);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: {
      frame: { type: 'string' },
      plan: { type: 'string' },
      levels: { type: 'string' },
      seed: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      format: { type: 'string', default: 'json' },
    },
  });
  if (!values.frame || !values.seed || values.format !== 'json') {
    io.stderr(usage);
    return 2;
  }
  const frameText = readText(values.frame);
  const seed = values.seed;
  const levels = levelsOption(values.levels);
  try {
    const units = readFrameCsv(frameText, levels);
    const plan = values.plan ? parsePlan(JSON.parse(readText(values.plan))) : defaultPlanOf(units);
    if (values['dry-run']) {
      io.stdout(`${drawToJson(drawFromFrame(units, plan, seed))}\n`);
      return 0;
    }
    return await withContext(io, async (ctx) => {
      const name = basename(values.frame ?? 'frame.csv');
      const { frameId } = await importFrame(ctx, frameText, name, cliActor, levels);
      const { drawId, draw } = await createDraw(ctx, frameId, plan, seed, cliActor);
      io.stderr(`stored as draw ${drawId} (frame ${frameId})\n`);
      io.stdout(`${drawToJson(draw)}\n`);
      return 0;
    });
  } catch (err) {
    if (err instanceof SyntaxError) {
      io.stderr(`the plan file is not valid JSON: ${err.message}\n`);
      return 2;
    }
    return reportDomainError(err, io);
  }
}

export async function householdsCommand(args: string[], io: Io = processIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: { file: { type: 'string' }, draw: { type: 'string' } },
  });
  if (sub !== 'import' || !values.file) {
    io.stderr('usage: langnghe households import --file F [--draw ID]\n');
    return 2;
  }
  const text = readText(values.file);
  return withContext(io, async (ctx) => {
    const result = await importHouseholds(
      ctx,
      text,
      cliActor,
      values.draw === undefined ? undefined : Number(values.draw),
    );
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  });
}

export async function assignCommand(args: string[], io: Io = processIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { surveyor: { type: 'string' }, village: { type: 'string' }, draw: { type: 'string' } },
  });
  if (!values.surveyor || !values.village) {
    io.stderr('usage: langnghe assign --surveyor USERNAME --village CODE [--draw ID]\n');
    return 2;
  }
  const { surveyor, village } = values;
  return withContext(io, async (ctx) => {
    const drawId = values.draw === undefined ? await drawIdOfVillage(ctx, village) : Number(values.draw);
    const count = await assignVillage(ctx, drawId, village, surveyor, cliActor);
    io.stdout(`assigned ${count} households of village ${village} (draw ${drawId}) to ${surveyor}\n`);
    return 0;
  });
}
