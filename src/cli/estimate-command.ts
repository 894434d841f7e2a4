// `langnghe estimate`: design-based estimates from a CSV file, matching R's survey package. Flags are
// parsed with node:util parseArgs + zod; bad input answers a message on stderr, exit code 2, empty stdout.
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { EstimationError, lonelyPsuRules } from '../domain/estimation/index.js';
import type { TableRow } from '../domain/estimation/index.js';
import { runEstimation } from '../services/estimation/run.js';
import type { EstimationRequest, EstimationResult } from '../services/estimation/run.js';

export const estimateUsage = `Usage: langnghe estimate --csv FILE --vars a,b --weight W [--strata S] [--psu P] [--fpc F]
         [--by COL] [--stat mean|total] [--ci wald|logit|beta] [--level 0.95]
         [--lonely-psu fail|remove|certainty|adjust|average]
         [--poststratify MARGINS.csv | --calibrate MARGINS.csv [--calfun raking|linear]] [--format json|csv]

Empty cells and NA are missing (the row is left out for that variable). MARGINS.csv has the columns
variable,level,total. The lonely-PSU rule defaults to fail; --calfun defaults to linear, as in R.
`;

export interface EstimateArgs extends EstimationRequest {
  format: 'json' | 'csv';
}

/** Wrong flags: the message names the flag; the command answers exit code 2. */
export class EstimateUsageError extends Error {
  override readonly name = 'EstimateUsageError';
}

const optionalText = z.string().trim().min(1).optional();
const schema = z
  .object({
    csv: z.string({ error: '--csv FILE is required' }).trim().min(1),
    vars: z
      .string({ error: '--vars a,b is required' })
      .transform((s) => s.split(',').map((v) => v.trim()))
      .refine((vs) => vs.length > 0 && vs.every((v) => v !== ''), '--vars needs comma-separated column names'),
    weight: z.string({ error: '--weight W is required' }).trim().min(1),
    strata: optionalText,
    psu: optionalText,
    fpc: optionalText,
    by: optionalText,
    stat: z.enum(['mean', 'total']).default('mean'),
    ci: z.enum(['wald', 'logit', 'beta']).default('wald'),
    level: z
      .string()
      .default('0.95')
      .transform(Number)
      .refine((x) => x > 0 && x < 1, '--level must be between 0 and 1'),
    'lonely-psu': z.enum(lonelyPsuRules as [string, ...string[]]).default('fail'),
    poststratify: optionalText,
    calibrate: optionalText,
    calfun: z.enum(['raking', 'linear']).optional(),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .superRefine((v, ctx) => {
    if (v.poststratify !== undefined && v.calibrate !== undefined)
      ctx.addIssue({ code: 'custom', message: 'use --poststratify or --calibrate, not both' });
    if (v.calfun !== undefined && v.calibrate === undefined)
      ctx.addIssue({ code: 'custom', message: '--calfun goes with --calibrate' });
    if (v.ci !== 'wald' && v.stat === 'total')
      ctx.addIssue({ code: 'custom', message: `--ci ${v.ci} is for proportions (--stat mean)` });
  });

const flagNames = [
  'csv',
  'vars',
  'weight',
  'strata',
  'psu',
  'fpc',
  'by',
  'stat',
  'ci',
  'level',
  'lonely-psu',
  'poststratify',
  'calibrate',
  'calfun',
  'format',
] as const;

/** Parses and validates the flags (pure apart from reading argv); throws EstimateUsageError. */
export function parseEstimateArgs(argv: readonly string[]): EstimateArgs {
  let values: Record<string, string | undefined>;
  try {
    const options = Object.fromEntries(flagNames.map((f) => [f, { type: 'string' as const }]));
    ({ values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }) as {
      values: Record<string, string | undefined>;
    });
  } catch (err) {
    throw new EstimateUsageError((err as Error).message);
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') ?? '';
    const message = issue?.message ?? 'invalid arguments';
    throw new EstimateUsageError(message.startsWith('--') || path === '' ? message : `--${path}: ${message}`);
  }
  const v = parsed.data;
  return {
    csv: v.csv,
    vars: v.vars,
    weight: v.weight,
    strata: v.strata,
    psu: v.psu,
    fpc: v.fpc,
    by: v.by,
    stat: v.stat,
    ci: v.ci,
    level: v.level,
    lonelyPsu: v['lonely-psu'] as EstimateArgs['lonelyPsu'],
    poststratify: v.poststratify,
    calibrate: v.calibrate,
    calfun: v.calfun ?? 'linear',
    format: v.format,
  };
}

export interface CommandIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export async function estimateCommand(args: string[], io: CommandIo, cwd: string = process.cwd()): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(estimateUsage);
    return 0;
  }
  let output: string;
  try {
    const parsed = parseEstimateArgs(args);
    const result = runEstimation(parsed, cwd);
    output = parsed.format === 'csv' ? toCsv(result, parsed.by) : `${JSON.stringify(toJson(result), null, 2)}\n`;
  } catch (err) {
    if (err instanceof EstimateUsageError) {
      io.stderr(`langnghe estimate: ${err.message}\n\n${estimateUsage}`);
      return 2;
    }
    if (err instanceof EstimationError) {
      io.stderr(`langnghe estimate: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  io.stdout(output);
  return 0;
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** The JSON contract: deff is left out when null (after calibration), NaN/Infinity become null. */
export function toJson(result: EstimationResult): {
  design: EstimationResult['design'];
  estimates: Record<string, unknown>[];
} {
  return {
    design: result.design,
    estimates: result.estimates.map((e: TableRow) => ({
      variable: e.variable,
      domain: e.domain,
      estimate: finite(e.estimate),
      se: finite(e.se),
      ciLow: finite(e.ciLow),
      ciHigh: finite(e.ciHigh),
      ...(e.deff === null ? {} : { deff: finite(e.deff) }),
      n: e.n,
    })),
  };
}

function toCsv(result: EstimationResult, by: string | undefined): string {
  const cell = (x: number | null): string => (x === null || !Number.isFinite(x) ? '' : String(x));
  const header = ['variable', ...(by === undefined ? [] : [by]), 'estimate', 'se', 'ciLow', 'ciHigh', 'deff', 'n'];
  const rows = result.estimates.map((e) => [
    e.variable,
    ...(by === undefined ? [] : [e.domain?.[by] ?? '']),
    cell(e.estimate),
    cell(e.se),
    cell(e.ciLow),
    cell(e.ciHigh),
    cell(e.deff),
    String(e.n),
  ]);
  return stringify([header, ...rows]);
}
