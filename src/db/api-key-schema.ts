// The table of analysts' read-only API keys (migration 20261208T0500), part of the Database interface in schema.ts.
import type { Generated } from 'kysely';

export interface ApiKeyTable {
  id: Generated<number>;
  user_id: number;
  /** SHA-256 (hex) of the key; the key itself is shown once and never stored. */
  key_hash: string;
  label: string;
  /** JSON array of the round codes the key may read; null: every round its account may read. */
  rounds_json: string | null;
  created_at: string;
  /** Who created it: an admin's username or `cli`. */
  created_by: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface ApiKeyTables {
  api_keys: ApiKeyTable;
}
