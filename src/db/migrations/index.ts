// The explicit, ordered list of migrations. New migrations are appended here with a timestamped name.
import type { Migration, MigrationProvider } from 'kysely';
import * as foundation from './20261123T1200-foundation.js';
import * as sampling from './20261123T1300-sampling.js';

const migrations: Record<string, Migration> = {
  '20261123T1200-foundation': foundation,
  '20261123T1300-sampling': sampling,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
