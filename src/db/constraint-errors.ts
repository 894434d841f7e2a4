// Database constraint violations as catalogue errors: a UNIQUE or FOREIGN KEY violation that got past a service's
// own check (a race, a check nobody wrote) answers 409 naming the constraint, not a 500. The transaction helpers
// apply it to every write. Knows SQLite's errors and PostgreSQL's (23505, 23503) for when that dialect comes; only
// table and column names leave, never the values.
import { DomainError, type ErrorDetail } from '../domain/errors.js';

interface Violation {
  kind: 'unique' | 'foreign_key';
  table: string | null;
  columns: string[];
  /** The constraint's name where the database gives one (PostgreSQL, SQLite expression indexes). */
  name: string | null;
}

/** The fields a PostgreSQL driver (pg, postgres.js) puts on its errors. */
interface PostgresFields {
  table?: unknown;
  constraint?: unknown;
  detail?: unknown;
}

/** better-sqlite3: "UNIQUE constraint failed: t.a, t.b" or "... failed: index 'name'"; foreign keys say no more. */
function sqliteViolation(code: string, message: string): Violation | null {
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return { kind: 'foreign_key', table: null, columns: [], name: null };
  if (code !== 'SQLITE_CONSTRAINT_UNIQUE' && code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return null;
  const failed = message.replace(/^UNIQUE constraint failed: /, '');
  const index = /^index '(.+)'$/.exec(failed);
  if (index) return { kind: 'unique', table: null, columns: [], name: index[1] ?? null };
  const qualified = failed.split(', ').map((c) => c.split('.'));
  return {
    kind: 'unique',
    table: qualified[0]?.[0] ?? null,
    columns: qualified.map((c) => c[1] ?? c[0] ?? ''),
    name: null,
  };
}

/** PostgreSQL: SQLSTATE 23505/23503, the table and constraint as fields, the columns in "Key (a, b)=(…) …". */
function postgresViolation(code: string, err: PostgresFields): Violation | null {
  const kind = code === '23505' ? 'unique' : code === '23503' ? 'foreign_key' : null;
  if (!kind) return null;
  const key = typeof err.detail === 'string' ? /^Key \((.+?)\)=\(/.exec(err.detail) : null;
  return {
    kind,
    table: typeof err.table === 'string' ? err.table : null,
    columns: key?.[1]?.split(', ') ?? [],
    name: typeof err.constraint === 'string' ? err.constraint : null,
  };
}

/** The catalogue error for a driver's constraint violation, or null for any other error (left as it is). */
export function translateConstraintError(err: unknown): DomainError | null {
  if (typeof err !== 'object' || err === null) return null;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof code !== 'string') return null;
  const v = sqliteViolation(code, String(message ?? '')) ?? postgresViolation(code, err as PostgresFields);
  if (!v) return null;
  const field = v.columns.join(', ');
  // table(columns) where both are known, so both engines name a constraint alike; else the name the engine gave.
  const constraint = v.table && field ? `${v.table}(${field})` : v.name;
  const detail: ErrorDetail = {
    ...(field ? { field } : {}),
    ...(constraint ? { constraint } : {}),
    message:
      v.kind === 'unique'
        ? `another ${v.table ? `${v.table} row` : 'record'} has the same ${field || 'key'}`
        : 'refers to a record that does not exist, or is still referred to',
  };
  return new DomainError(v.kind === 'unique' ? 'already_exists' : 'reference_conflict', [detail]);
}
