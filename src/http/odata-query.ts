// What an OData v4 request asks for (OData v4.0 Part 2, URL conventions): the resource path with its key literal
// ('' escapes a quote), and the system query options the feed serves ($top, $skip, $count, $select, $expand of a
// round's results, $format).
// Options it does not serve are refused (501), never ignored: a client would otherwise take a partial answer for a
// filtered one. Server-driven paging continues with $skip/$top in @odata.nextLink.
import { DomainError } from '../domain/errors.js';
import { detail } from '../domain/error-details.js';

export const odataJson = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false';

export interface ODataOptions {
  top: number | null;
  skip: number;
  count: boolean;
  /** Property names, or null for all. */
  select: string[] | null;
  /** `$expand` of the entity type's one navigation (rounds' `results`), inline and whole. */
  expand: boolean;
}

/** Defined by OData 4.0 but not served here. */
const unsupported = new Set([
  '$filter',
  '$orderby',
  '$apply',
  '$search',
  '$compute',
  '$levels',
  '$index',
  '$skiptoken',
  '$deltatoken',
  '$schemaversion',
  '$id',
]);

const invalid = (option: string, value: string) =>
  new DomainError('invalid_request', [detail(option, 'odata_option_invalid', { option, value })]);

const count = (option: string, value: string): number => {
  if (!/^\d{1,9}$/.test(value)) throw invalid(option, value);
  return Number(value);
};

/** `$format`: JSON (the only format served) as `json` or an application/json media type. */
function assertJsonFormat(value: string): void {
  const type = value.split(';')[0]?.trim().toLowerCase();
  if (type !== 'json' && type !== 'application/json')
    throw new DomainError('not_acceptable', [detail('$format', 'odata_format', { format: value })]);
}

/**
 * `$expand`: the entity type's navigation (or `*`); nested options (`results($select=…)`) are not served (501), any
 * other name is no navigation of the type (400). Without a navigation nothing can be expanded (501).
 */
function parseExpand(value: string, navigation: string | undefined): boolean {
  if (navigation === undefined)
    throw new DomainError('not_implemented', [detail('$expand', 'odata_option_unsupported', { option: '$expand' })]);
  const names = value.split(',').map((s) => s.trim());
  if (names.some((n) => n.includes('(')))
    throw new DomainError('not_implemented', [detail('$expand', 'odata_option_unsupported', { option: '$expand' })]);
  for (const name of names)
    if (name !== navigation && name !== '*')
      throw new DomainError('invalid_request', [detail('$expand', 'odata_property_unknown', { name })]);
  return true;
}

/**
 * The system query options of a request for a collection (`collection`) or a single entity, checked against the
 * entity type's properties and its navigation (`navigation`, for $expand). Custom options (no `$`) are left to the
 * route.
 */
export function parseOptions(
  query: URLSearchParams,
  properties: Record<string, unknown>,
  collection: boolean,
  navigation?: string,
): ODataOptions {
  const out: ODataOptions = { top: null, skip: 0, count: false, select: null, expand: false };
  const seen = new Set<string>();
  for (const [name, value] of query) {
    if (!name.startsWith('$')) continue;
    if (seen.has(name))
      throw new DomainError('invalid_request', [detail(name, 'odata_option_repeated', { option: name })]);
    seen.add(name);
    if (unsupported.has(name))
      throw new DomainError('not_implemented', [detail(name, 'odata_option_unsupported', { option: name })]);
    if (name === '$format') assertJsonFormat(value);
    else if (name === '$select') out.select = parseSelect(value, properties);
    else if (name === '$expand') out.expand = parseExpand(value, navigation);
    else if (collection && name === '$top') out.top = count(name, value);
    else if (collection && name === '$skip') out.skip = count(name, value);
    else if (collection && name === '$count') {
      if (value !== 'true' && value !== 'false') throw invalid(name, value);
      out.count = value === 'true';
    } else throw new DomainError('invalid_request', [detail(name, 'odata_option_unknown', { option: name })]);
  }
  return out;
}

function parseSelect(value: string, properties: Record<string, unknown>): string[] | null {
  const names = value.split(',').map((s) => s.trim());
  if (names.includes('*')) return null;
  for (const name of names)
    if (!Object.hasOwn(properties, name))
      throw new DomainError('invalid_request', [detail('$select', 'odata_property_unknown', { name })]);
  return [...new Set(names)];
}

/** The entity with only the selected properties, in the order of the entity type. */
export function selected<T extends object>(entity: T, select: string[] | null): Partial<T> {
  if (!select) return entity;
  return Object.fromEntries(Object.entries(entity).filter(([k]) => select.includes(k))) as Partial<T>;
}

/** `(a,b)` after a context URL's entity set or navigation when $select narrows the properties. */
export const selectSuffix = (select: string[] | null): string => (select ? `(${select.join(',')})` : '');

/** An OData string literal: 'text' with '' for a quote. */
export const stringLiteral = (s: string): string => `'${s.replace(/'/g, "''")}'`;

const malformedKey = (key: string) =>
  new DomainError('invalid_request', [detail('key', 'odata_key_malformed', { key })]);

/** A key predicate's content, `'CODE'` or `code='CODE'`, as the code; anything else is 400. */
export function parseKey(raw: string): string {
  const literal = raw.startsWith('code=') ? raw.slice(5) : raw;
  if (literal.length < 3 || !literal.startsWith("'") || !literal.endsWith("'")) throw malformedKey(raw);
  const inner = literal.slice(1, -1);
  if (/'/.test(inner.replace(/''/g, ''))) throw malformedKey(raw);
  return inner.replace(/''/g, "'");
}

/** A path below the service root other than the entity set itself: rounds(key) or rounds(key)/results. */
export function parseResource(segments: readonly string[]): { code: string; results: boolean } {
  const [head = '', ...rest] = segments;
  if (!head.startsWith('rounds(')) throw new DomainError('not_found');
  if (!head.endsWith(')')) throw malformedKey(head.slice(7));
  const code = parseKey(head.slice(7, -1));
  if (rest.length === 0) return { code, results: false };
  if (rest.length === 1 && rest[0] === 'results') return { code, results: true };
  if (rest.some((s) => s.startsWith('$') || s.startsWith('results(')))
    throw new DomainError('not_implemented', [detail('path', 'odata_path_unsupported', { path: rest.join('/') })]);
  throw new DomainError('not_found');
}

/** The rows of one page: $skip, then at most $top rows in all and at most one page now. */
export function pageWindow(o: ODataOptions, pageSize: number): { offset: number; limit: number } {
  return { offset: o.skip, limit: Math.min(o.top ?? pageSize, pageSize) };
}

/**
 * The URL of the next page when this one was cut short by the page size rather than by $top or the end: the same
 * request with $skip past this page and $top lowered by what it gave, as a path and query.
 */
export function nextLink(url: URL, o: ODataOptions, returned: number, total: number): string | null {
  const end = o.skip + returned;
  if (end >= total || (o.top !== null && returned >= o.top)) return null;
  const next = new URL(url);
  next.searchParams.set('$skip', String(end));
  if (o.top !== null) next.searchParams.set('$top', String(o.top - returned));
  return `${next.pathname}${next.search}`;
}

/** `Prefer: odata.maxpagesize=N` (OData 4.0 Part 1, 8.2.8.3), within the feed's limit; null when not asked. */
export function preferredPageSize(prefer: string | undefined, max: number): number | null {
  const match = /(?:^|[,;\s])odata\.maxpagesize\s*=\s*"?(\d{1,9})"?/i.exec(prefer ?? '');
  if (!match?.[1]) return null;
  return Math.max(1, Math.min(max, Number(match[1])));
}
