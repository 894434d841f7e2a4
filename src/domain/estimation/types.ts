// Shared types of the estimation engine. Columns are in memory and columnar: numeric columns are
// Float64Array (or number[]) with NaN for a missing value; categorical columns are dictionary-encoded.

/** A categorical column: `codes[k]` indexes `levels`; -1 means missing. */
export interface CategoricalColumn {
  readonly codes: Int32Array;
  readonly levels: readonly string[];
}

/** A numeric column; NaN marks a missing value (left out of that variable's estimates, as na.rm=TRUE). */
export type NumericColumn = Float64Array | readonly number[];

/** What a stratum with a single PSU contributes to the variance (R's options(survey.lonely.psu=)). */
export type LonelyPsuRule = 'fail' | 'remove' | 'certainty' | 'adjust' | 'average';
export const lonelyPsuRules: readonly LonelyPsuRule[] = ['fail', 'remove', 'certainty', 'adjust', 'average'];

export type CiMethod = 'wald' | 'logit' | 'beta';
export type Statistic = 'mean' | 'total';

export type EstimationErrorCode =
  | 'invalid_weight'
  | 'invalid_design'
  | 'psu_not_nested'
  | 'lonely_psu'
  | 'invalid_fpc'
  | 'invalid_margins'
  | 'calibration_failed'
  | 'invalid_variable'
  | 'invalid_csv'
  | 'unknown_column'
  | 'invalid_request';

/** A problem with the data or the request (the CLI answers exit code 2, the HTTP layer 400/422). */
export class EstimationError extends Error {
  readonly code: EstimationErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: EstimationErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'EstimationError';
    this.code = code;
    this.details = details;
  }
}
