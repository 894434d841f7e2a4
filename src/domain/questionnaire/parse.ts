// Entry point from raw text to a compiled Questionnaire. Errors name the file and the JSON path, so a broken
// surveys/*.json stops start-up with a message an author can act on.
import { compileDefinition } from './compile.js';
import { jsonPath, type DefinitionIssue, type Questionnaire } from './model.js';
import { definitionSchema } from './schema.js';

export class DefinitionError extends Error {
  readonly source: string;
  readonly issues: readonly DefinitionIssue[];

  constructor(source: string, issues: readonly DefinitionIssue[]) {
    super(`${source}: ${issues.length} problem(s)\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`);
    this.name = 'DefinitionError';
    this.source = source;
    this.issues = issues;
  }
}

export function formatIssue(issue: DefinitionIssue): string {
  const where = issue.position === undefined ? issue.path : `${issue.path} (position ${issue.position})`;
  return `${where}: ${issue.message}`;
}

/** Parses and compiles a definition held in memory; throws DefinitionError listing every problem found. */
export function parseDefinition(raw: unknown, source: string): Questionnaire {
  const parsed = definitionSchema.safeParse(raw);
  if (!parsed.success) {
    throw new DefinitionError(
      source,
      parsed.error.issues.map((i) => ({ path: jsonPath(i.path), message: i.message })),
    );
  }
  const { questionnaire, issues } = compileDefinition(parsed.data);
  if (!questionnaire) throw new DefinitionError(source, issues);
  return questionnaire;
}

export function parseDefinitionText(text: string, source: string): Questionnaire {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new DefinitionError(source, [{ path: '$', message: `not valid JSON: ${(err as Error).message}` }]);
  }
  return parseDefinition(raw, source);
}

/**
 * JSON with sorted keys: the same definition always gives the same text, whatever the file's formatting. Stored
 * hashes are made from this text (definitions, submissions), so its output must never change; a property test
 * holds it to the plain implementation (tests/unit/questionnaire/canonical-json.test.ts).
 * Iterative, with its own stack, because its input comes from the network: nesting costs heap, never the call
 * stack (request bodies are also refused above 32 levels before they are parsed, src/domain/json-depth.ts).
 * Written with loops, a quoted-key cache and number formatting by String() because every submission is hashed.
 * @example canonicalJson({ b: [1, { d: 2, c: 3 }], a: null }) === '{"a":null,"b":[1,{"c":3,"d":2}]}'
 */
export function canonicalJson(value: unknown): string {
  if (typeof value !== 'object' || value === null) return scalarJson(value);
  const stack: Open[] = [];
  let out = openContainer(value, stack);
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Open;
    if (top.keys === null) {
      const items = top.container as readonly unknown[];
      if (top.next >= items.length) {
        out += ']';
        stack.pop();
        continue;
      }
      if (top.next > 0) out += ',';
      const item = items[top.next];
      top.next += 1;
      // A value JSON cannot hold (undefined, a function) writes nothing in an array, as the first implementation did.
      out += typeof item === 'object' && item !== null ? openContainer(item, stack) : (scalarJson(item) ?? '');
    } else {
      if (top.next >= top.keys.length) {
        out += '}';
        stack.pop();
        continue;
      }
      const key = top.keys[top.next] as string;
      top.next += 1;
      const v = (top.container as Record<string, unknown>)[key];
      if (v === undefined) continue;
      if (top.written) out += ',';
      top.written = true;
      // `${…}`: a function as a property value writes "undefined", as the first implementation did.
      out += `${quotedKey(key)}:${typeof v === 'object' && v !== null ? openContainer(v, stack) : scalarJson(v)}`;
    }
  }
  return out;
}

/** An array (keys null) or object being written: where it is up to, and whether it has written a member. */
interface Open {
  container: object;
  keys: string[] | null;
  next: number;
  written: boolean;
}

/** Far deeper than any JSON this program accepts; past it the value is cyclic or absurd, and refused. */
const maxCanonicalDepth = 100_000;

function openContainer(value: object, stack: Open[]): string {
  if (stack.length >= maxCanonicalDepth) throw new RangeError(`canonicalJson: nested deeper than ${maxCanonicalDepth}`);
  if (Array.isArray(value)) {
    stack.push({ container: value, keys: null, next: 0, written: false });
    return '[';
  }
  stack.push({ container: value, keys: Object.keys(value).sort(byCodeUnits), next: 0, written: false });
  return '{';
}

/** A value that is not an array or object; JSON.stringify's answer, so undefined for what JSON cannot hold. */
function scalarJson(value: unknown): string {
  // For a finite number String() and JSON.stringify() give the same text; JSON has no NaN or Infinity.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  return JSON.stringify(value);
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// Submissions repeat the same question ids; bounded because keys come from the network.
const quotedKeys = new Map<string, string>();
function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size >= 10_000) quotedKeys.clear();
    quotedKeys.set(key, quoted);
  }
  return quoted;
}
