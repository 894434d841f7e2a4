// The table of shared rate-limit budgets (rate-limiter-flexible's PostgreSQL store, src/db/rate-limit-store.ts),
// part of the Database interface in schema.ts. Its rows are written by the library; the app only prunes them.

export interface RateLimitTable {
  /** The limiter's key prefix and the key it counts, e.g. 'kiosk_hour:<device>'. */
  key: string;
  points: number;
  /** When the budget resets, in milliseconds since 1970 (wall clock); null for a budget that never resets. */
  expire: number | null;
}

export interface RateLimitTables {
  rate_limits: RateLimitTable;
}
