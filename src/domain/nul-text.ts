// NUL (U+0000) in what a request sends: no field of this system can hold it (PostgreSQL's text refuses it outright,
// so a lookup by a name with NUL in it would fail inside the database), so it is refused where text enters, with the
// field that carries it. JSON spells NUL `\u0000` (a raw NUL byte is no valid JSON), forms and URLs `%00`.
import { DomainError } from './errors.js';
import { detail } from './error-details.js';

const escapedNul = '\\u0000';

export const nulError = (field: string): DomainError =>
  new DomainError('invalid_request', [detail(field, 'nul_character')]);

/**
 * The first field of JSON text whose name or text holds NUL ('body' for the top level), or null. The text is only
 * parsed when `\u0000` occurs in it (a rare body); text that does not parse is left to the parser that follows.
 */
export function jsonNulField(text: string): string | null {
  if (!text.includes(escapedNul)) return null;
  let found: string | null = null;
  try {
    JSON.parse(text, (key, value: unknown) => {
      if (found === null && (key.includes('\0') || (typeof value === 'string' && value.includes('\0'))))
        found = key === '' ? 'body' : key.replace(/\0/g, '\\u0000');
      return value;
    });
  } catch {
    return null;
  }
  return found;
}

/** Whether URL-encoded text (a query string, a form body, a path) spells NUL. */
export const urlEncodedNul = (text: string): boolean => /%00/.test(text);
