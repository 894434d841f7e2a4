// Shared pieces of the property-based tests: a fingerprint of the whole database (row count of every table and
// a hash of every stored response) to prove a rejected input changed nothing, and mutations of valid inputs.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { Db } from '../../src/db/database.js';
import { tableNames } from '../helpers/temp-database.js';

/** Row counts of every table (minus `ignore`) and a hash of every response and its paradata. */
export async function fingerprint(db: Db, ignore: readonly string[] = []): Promise<string> {
  const counts: string[] = [];
  for (const name of (await tableNames(db)).filter((t) => !t.startsWith('sqlite_'))) {
    // rate_limits counts attempts, rejected ones included (on PostgreSQL, where budgets are shared): not data.
    if (ignore.includes(name) || name === 'rate_limits') continue;
    const row = await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(db);
    counts.push(`${name}=${row.rows[0]?.n ?? 0}`);
  }
  const responses = await db
    .selectFrom('responses')
    .select(['id', 'answers_json', 'content_hash', 'assignment_id'])
    .orderBy('id')
    .execute();
  const assignments = await db
    .selectFrom('assignments')
    .select(['id', 'disposition', 'surveyor_user_id', 'released_at'])
    .orderBy('id')
    .execute();
  const hash = createHash('sha256')
    .update(JSON.stringify([responses, assignments]))
    .digest('hex');
  return `${counts.join(' ')} ${hash}`;
}

/** Keys that trip naive object handling. */
const nastyKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '',
  ' ',
  '\u0000',
  'a'.repeat(300),
);
export const anyKey = fc.oneof(fc.string({ maxLength: 12 }), nastyKey);

/** Values that often break parsers: huge, negative, fractional, NaN-ish, unicode, deep. */
export const nastyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    null,
    true,
    -1,
    0,
    1e308,
    -1e308,
    2 ** 53 + 1,
    0.1,
    '',
    ' ',
    'NaN',
    'Infinity',
    '1e999',
    '2026-02-30',
    '9999-12-31T23:59:59Z',
    '<script>alert(1)</script>',
    "'; drop table responses; --",
    '\u202e\u0000\uffff',
    '😀'.repeat(50),
    'x'.repeat(5000),
    [],
    {},
    [[[[[]]]]],
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer(),
  fc.double(),
);

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

interface Mutation {
  op: 'delete' | 'set' | 'add';
  at: number;
  key: string;
  value: unknown;
}

function apply(base: unknown, mutations: readonly Mutation[]): unknown {
  let doc: unknown = structuredClone(base);
  for (const mutation of mutations) {
    // Generated values can be shared instances (constantFrom): a copy, or an "add" could nest one in itself.
    const m = { ...mutation, value: structuredClone(mutation.value) };
    const paths = pathsOf(doc);
    const path = paths[m.at % paths.length] ?? [];
    if (path.length === 0) {
      if (m.op === 'set') doc = m.value;
      continue;
    }
    let parent = doc as Record<string | number, unknown>;
    for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
    const last = path[path.length - 1] as string | number;
    if (m.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else if (m.op === 'set') {
      parent[last] = m.value;
    } else {
      const target = parent[last];
      if (target && typeof target === 'object' && !Array.isArray(target))
        Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
      else if (Array.isArray(target)) target.push(m.value);
      else parent[last] = m.value;
    }
  }
  return doc;
}

/** One to four random deletions, replacements and additions anywhere inside a copy of `base`. */
export function mutated<T>(base: T, value: fc.Arbitrary<unknown> = nastyValue): fc.Arbitrary<unknown> {
  const mutation = fc.record({
    op: fc.constantFrom('delete', 'set', 'add') as fc.Arbitrary<Mutation['op']>,
    at: fc.nat(),
    key: anyKey,
    value,
  });
  return fc.array(mutation, { minLength: 1, maxLength: 4 }).map((ms) => apply(base, ms));
}

/** Text damage: cut, duplicated, with bytes replaced or inserted. */
export function damagedText(text: string): fc.Arbitrary<string> {
  const edit = fc.record({
    at: fc.nat(),
    len: fc.nat({ max: 40 }),
    insert: fc.string({ unit: 'binary', maxLength: 20 }),
  });
  return fc.oneof(
    fc.nat({ max: text.length }).map((n) => text.slice(0, n)),
    fc.array(edit, { minLength: 1, maxLength: 5 }).map((edits) =>
      edits.reduce((t, e) => {
        const at = e.at % (t.length + 1);
        return t.slice(0, at) + e.insert + t.slice(at + e.len);
      }, text),
    ),
  );
}

const factor = Math.max(1, Number(process.env['FUZZ_RUNS'] ?? 1) || 1);
/** A test timeout that grows with FUZZ_RUNS. */
export const fuzzTimeout = 30_000 * factor;

/** Bounded runs so the suite stays fast; FUZZ_RUNS=N multiplies them for a longer hunt. A failure prints its seed. */
export const runs = (numRuns: number): fc.Parameters<unknown> => ({ numRuns: numRuns * factor, endOnFailure: true });
