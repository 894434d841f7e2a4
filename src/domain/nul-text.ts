// NUL (U+0000) in what a request sends: no field of this system can hold it (PostgreSQL's text refuses it outright,
// so a lookup by a name with NUL in it would fail inside the database), so it is refused where text enters, with the
// field that carries it. JSON spells NUL `\u0000` (a raw NUL byte is no valid JSON), forms and URLs `%00`.
import { DomainError } from './errors.js';
import { detail } from './error-details.js';

const escapedNul = '\\u0000';

export const nulError = (field: string): DomainError =>
  new DomainError('invalid_request', [detail(field, 'nul_character')]);

/** The path of the first name or text holding NUL in a parsed JSON value (`answers.comment`, `a[2]`), or null. */
function nulPath(value: unknown, path: string): string | null {
  const shown = (p: string) => (p === '' ? 'body' : p);
  if (typeof value === 'string') return value.includes('\0') ? shown(path) : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = nulPath(value[i], `${path}[${i}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    const here = path === '' ? key : `${path}.${key}`;
    if (key.includes('\0')) return shown(here.replace(/\0/g, '\\u0000'));
    const found = nulPath(inner, here);
    if (found !== null) return found;
  }
  return null;
}

/** The path of the first name or text holding NUL in a parsed value ('body' for the value itself), or null. */
export const valueNulField = (value: unknown): string | null => nulPath(value, '');

/**
 * The path of the first field of JSON text whose name or text holds NUL ('body' for the top level), or null. The
 * text is only parsed when `\u0000` occurs in it (a rare body); text that does not parse is left to the parser that
 * follows, and nesting was bounded before (json-depth.ts).
 */
export function jsonNulField(text: string): string | null {
  if (!text.includes(escapedNul)) return null;
  try {
    return nulPath(JSON.parse(text), '');
  } catch {
    return null;
  }
}

/** Whether URL-encoded text (a query string, a form body, a path) spells NUL. */
export const urlEncodedNul = (text: string): boolean => /%00/.test(text);
