// The XLSForm `constraint` of a question: its own constraint and the bounds XLSForm has no column for (min/max,
// length, pattern, selection counts), joined with `and`. The import rebuilds the same text from the extra columns
// to tell an untouched constraint (keep the bounds) from one edited in Excel (the edited text wins).
import { parseExpression, printXPath } from '../expressions/index.js';

export interface Bounds {
  constraint?: string | undefined;
  min?: number | string | undefined;
  max?: number | string | undefined;
  maxLength?: number | undefined;
  pattern?: string | undefined;
  minSelected?: number | undefined;
  maxSelected?: number | undefined;
}

const literal = (v: number | string): string => (typeof v === 'number' ? String(v) : `date('${v}')`);

/** The XPath constraint for a question's bounds, or undefined when it has none. */
export function composeConstraint(b: Bounds): string | undefined {
  const parts: string[] = [];
  if (b.constraint !== undefined) {
    const own = printXPath(parseExpression(b.constraint));
    parts.push(/\b(or|and)\b/.test(own) ? `(${own})` : own);
  }
  if (b.min !== undefined) parts.push(`. >= ${literal(b.min)}`);
  if (b.max !== undefined) parts.push(`. <= ${literal(b.max)}`);
  if (b.maxLength !== undefined) parts.push(`string-length(.) <= ${b.maxLength}`);
  // A pattern holding both quote characters cannot be an XPath literal; the extra column still carries it.
  if (b.pattern !== undefined && !(b.pattern.includes("'") && b.pattern.includes('"'))) {
    const q = b.pattern.includes("'") ? '"' : "'";
    parts.push(`regex(., ${q}^(?:${b.pattern})$${q})`);
  }
  if (b.minSelected !== undefined) parts.push(`count-selected(.) >= ${b.minSelected}`);
  if (b.maxSelected !== undefined) parts.push(`count-selected(.) <= ${b.maxSelected}`);
  return parts.length === 0 ? undefined : parts.join(' and ');
}
