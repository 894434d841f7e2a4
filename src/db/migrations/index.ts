// The explicit, ordered list of migrations. New migrations are appended here with a timestamped name.
import type { Migration, MigrationProvider } from 'kysely';
import * as foundation from './20261123T1200-foundation.js';

const migrations: Record<string, Migration> = {
  '20261123T1200-foundation': foundation,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
