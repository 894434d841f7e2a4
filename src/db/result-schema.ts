// The table behind kept results (services/results/results-cache.ts), part of the Database interface in schema.ts.

/**
 * How many times what a scope's results read has changed: 'responses:<survey code>:<YYYY-MM>' for the responses
 * completed in a month, 'design' for everything else (reviews, corrections, weights, dispositions, calibration,
 * targets, rounds).
 */
export interface ResultGenerationTable {
  scope: string;
  generation: number;
}

export interface ResultTables {
  result_generations: ResultGenerationTable;
}
