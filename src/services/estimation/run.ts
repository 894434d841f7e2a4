// The estimation use case behind `langnghe estimate`: read the files, build the design (with optional
// post-stratification or calibration), estimate each variable overall or by domain, describe the design.
import {
  calibrate,
  createDesign,
  degreesOfFreedom,
  estimateTable,
  EstimationError,
  postStratify,
} from '../../domain/estimation/index.js';
import type {
  CategoricalColumn,
  CiMethod,
  LonelyPsuRule,
  MarginInput,
  Statistic,
  SurveyDesign,
  TableRow,
} from '../../domain/estimation/index.js';
import { readEstimationColumns, readMargins } from './input.js';
import type { EstimationColumns, Margins } from './input.js';

export interface EstimationRequest {
  csv: string;
  vars: string[];
  weight: string;
  strata?: string | undefined;
  psu?: string | undefined;
  fpc?: string | undefined;
  by?: string | undefined;
  stat: Statistic;
  ci: CiMethod;
  level: number;
  lonelyPsu: LonelyPsuRule;
  poststratify?: string | undefined;
  calibrate?: string | undefined;
  calfun: 'raking' | 'linear';
}

export interface DesignSummary {
  file: string;
  rows: number;
  weight: string;
  strata: string | null;
  psu: string | null;
  fpc: string | null;
  by: string | null;
  strataCount: number;
  psuCount: number;
  degf: number;
  sumWeights: number;
  lonelyPsu: LonelyPsuRule;
  /** Strata with a single PSU (handled by the lonely-PSU rule). */
  lonelyStrata: string[];
  statistic: Statistic;
  ci: CiMethod;
  level: number;
  calibration: { method: 'poststratify' | 'raking' | 'linear'; margins: string; variables: string[] } | null;
}

export interface EstimationResult {
  design: DesignSummary;
  estimates: TableRow[];
}

/** Runs one estimation request; file paths are resolved against `cwd`. Throws EstimationError on bad input. */
export function runEstimation(request: EstimationRequest, cwd: string): EstimationResult {
  const marginsFile = request.poststratify ?? request.calibrate;
  const margins = marginsFile === undefined ? null : readMargins(marginsFile, cwd);
  const columns = readEstimationColumns({ ...request, marginVariables: margins ? [...margins.keys()] : [] }, cwd);
  let design = createDesign({
    weights: numeric(columns, request.weight),
    strata: optionalCategory(columns, request.strata),
    psu: optionalCategory(columns, request.psu),
    fpc: request.fpc === undefined ? undefined : numeric(columns, request.fpc),
    lonelyPsu: request.lonelyPsu,
  });
  if (margins && request.poststratify !== undefined) {
    if (margins.size !== 1) {
      throw new EstimationError(
        'invalid_margins',
        `--poststratify takes the margins of one variable; ${request.poststratify} has ${[...margins.keys()].join(', ')}`,
      );
    }
    design = postStratify(design, marginInputs(columns, margins)[0] as MarginInput);
  } else if (margins) {
    design = calibrate(design, marginInputs(columns, margins), request.calfun);
  }
  const estimates = estimateTable({
    design,
    variables: request.vars.map((name) => ({ name, values: numeric(columns, name) })),
    by: request.by === undefined ? undefined : { name: request.by, column: category(columns, request.by) },
    statistic: request.stat,
    ci: request.ci,
    level: request.level,
  });
  return { design: summarise(request, design, margins), estimates };
}

function numeric(columns: EstimationColumns, name: string): Float64Array {
  const c = columns.numeric.get(name);
  if (!c) throw new EstimationError('unknown_column', `unknown column "${name}"`, { column: name });
  return c;
}

function category(columns: EstimationColumns, name: string): CategoricalColumn {
  const c = columns.categorical.get(name);
  if (!c) throw new EstimationError('unknown_column', `unknown column "${name}"`, { column: name });
  return c;
}

function optionalCategory(columns: EstimationColumns, name: string | undefined): CategoricalColumn | undefined {
  return name === undefined ? undefined : category(columns, name);
}

function marginInputs(columns: EstimationColumns, margins: Margins): MarginInput[] {
  return [...margins].map(([variable, totals]) => ({ variable, column: category(columns, variable), totals }));
}

function summarise(request: EstimationRequest, design: SurveyDesign, margins: Margins | null): DesignSummary {
  let sumWeights = 0;
  for (const w of design.weights) sumWeights += w;
  const method = request.poststratify !== undefined ? 'poststratify' : request.calfun;
  return {
    file: request.csv,
    rows: design.n,
    weight: request.weight,
    strata: request.strata ?? null,
    psu: request.psu ?? null,
    fpc: request.fpc ?? null,
    by: request.by ?? null,
    strataCount: design.stratumLabels.length,
    psuCount: design.psuLabels.length,
    degf: degreesOfFreedom(design, null),
    sumWeights,
    lonelyPsu: design.lonelyPsu,
    lonelyStrata: design.psusByStratum.flatMap((psus, h) =>
      psus.length === 1 ? [design.stratumLabels[h] as string] : [],
    ),
    statistic: request.stat,
    ci: request.ci,
    level: request.level,
    calibration: margins
      ? { method, margins: (request.poststratify ?? request.calibrate) as string, variables: [...margins.keys()] }
      : null,
  };
}
