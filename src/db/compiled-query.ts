// Queries on the submission hot path, built and compiled by Kysely once and then run again with new
// parameters. Building and compiling a query costs several times what SQLite needs to run it (docs/
// benchmarks.md, Ingest); Kysely still writes the SQL, so it stays the dialect's: one compilation per engine.
import { CompiledQuery, type Compilable, type QueryResult } from 'kysely';
import type { Db } from './database.js';
import { engineOf, prepareOnPostgres, type Engine } from './engine.js';

/** Stands in for a parameter while the query is compiled; never a value a caller could send (NUL first). */
const marker = '\u0000param:';

export type Param<A> = <K extends keyof A & string>(name: K) => A[K];

export interface CompiledStatement<A> {
  run<R>(db: Db, args: A): Promise<QueryResult<R>>;
}

/**
 * A query whose parameters are named: `build` receives `p`, and `p('id')` marks where `args.id` goes.
 * Every parameter of the compiled query must come from `p`, so no value of the first call is baked in.
 * Compiled on first use by each engine (SQLite and PostgreSQL write parameters differently: ? and $1).
 * @example
 *   const byId = compileOnce<{ id: string }>((db, p) =>
 *     db.selectFrom('responses').select('id').where('id', '=', p('id')));
 *   const { rows } = await byId.run<{ id: string }>(trx, { id });
 */
export function compileOnce<A>(build: (db: Db, p: Param<A>) => Compilable<unknown>): CompiledStatement<A> {
  const byEngine = new Map<Engine, { sql: string; names: (keyof A & string)[] }>();
  const p = (<K extends keyof A & string>(name: K): A[K] => `${marker}${name}` as A[K]) as Param<A>;
  return {
    async run<R>(db: Db, args: A): Promise<QueryResult<R>> {
      const engine = engineOf(db);
      let compiled = byEngine.get(engine);
      if (!compiled) {
        compiled = compileNamed<A>(build(db, p).compile());
        byEngine.set(engine, compiled);
        if (engine === 'postgres') prepareOnPostgres(compiled.sql);
      }
      const parameters = compiled.names.map((name) => args[name]);
      return db.executeQuery<R>(CompiledQuery.raw(compiled.sql, parameters));
    },
  };
}

function compileNamed<A>(query: CompiledQuery): { sql: string; names: (keyof A & string)[] } {
  const names = query.parameters.map((value, i) => {
    if (typeof value !== 'string' || !value.startsWith(marker))
      throw new Error(`parameter ${i + 1} of "${query.sql}" is not named with p()`);
    return value.slice(marker.length) as keyof A & string;
  });
  return { sql: query.sql, names };
}

/** All columns of a row type; the compiler makes the list complete, so a new column cannot be forgotten. */
export function columnsOf<T>(columns: Record<keyof T & string, true>): (keyof T & string)[] {
  return Object.keys(columns) as (keyof T & string)[];
}

/** A row whose every column is the parameter of the same name, for `insertInto(table).values(...)`. */
export function namedRow<T>(columns: readonly (keyof T & string)[], p: Param<T>): T {
  const row = {} as T;
  for (const column of columns) row[column] = p(column);
  return row;
}
