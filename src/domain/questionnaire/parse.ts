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
 * Written with loops, a quoted-key cache and number formatting by String() because every submission is hashed.
 * @example canonicalJson({ b: [1, { d: 2, c: 3 }], a: null }) === '{"a":null,"b":[1,{"c":3,"d":2}]}'
 */
export function canonicalJson(value: unknown): string {
  // For a finite number String() and JSON.stringify() give the same text; JSON has no NaN or Infinity.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) {
      if (i > 0) out += ',';
      out += canonicalJson(value[i]) ?? '';
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort(byCodeUnits);
  let out = '{';
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${quotedKey(key)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
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
