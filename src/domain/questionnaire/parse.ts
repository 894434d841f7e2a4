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

/** JSON with sorted keys: the same definition always gives the same text, whatever the file's formatting. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
