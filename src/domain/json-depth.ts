// A bound on how deeply a JSON body may nest, checked on its text before it is parsed: no request of the API
// nests deeper than four levels (a submission's paradata screens), and code that walks parsed values (hashing,
// schema checks, JSON.stringify) must never meet a value that could exhaust its stack. One linear pass over the
// text, with no allocation; brackets inside strings do not count.
import { DomainError } from './errors.js';
import { detail } from './error-details.js';

/** The deepest nesting of arrays and objects a JSON body may have (a submission uses 4). */
export const maxJsonDepth = 32;

const quote = 0x22;
const backslash = 0x5c;
const openSquare = 0x5b;
const openCurly = 0x7b;
const closeSquare = 0x5d;
const closeCurly = 0x7d;

/**
 * Whether JSON text nests arrays and objects deeper than `max`. Works on a string, or on UTF-8 bytes (every byte
 * of a multi-byte character is 0x80 or above, so ASCII brackets and quotes are found alike). Text that is not
 * valid JSON gives some answer; the parser refuses it afterwards.
 */
export function jsonNestsDeeperThan(text: string | Uint8Array, max: number): boolean {
  return typeof text === 'string' ? stringNestsDeeper(text, max) : bytesNestDeeper(text, max);
}

// The same loop twice, on UTF-16 code units and on bytes, so that each stays monomorphic (1 MB in about 1 ms).
function stringNestsDeeper(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === backslash) i += 1;
      else if (c === quote) inString = false;
    } else if (c === quote) inString = true;
    else if (c === openSquare || c === openCurly) {
      depth += 1;
      if (depth > max) return true;
    } else if (c === closeSquare || c === closeCurly) depth -= 1;
  }
  return false;
}

function bytesNestDeeper(bytes: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i += 1) {
    const c = bytes[i] as number;
    if (inString) {
      if (c === backslash) i += 1;
      else if (c === quote) inString = false;
    } else if (c === quote) inString = true;
    else if (c === openSquare || c === openCurly) {
      depth += 1;
      if (depth > max) return true;
    } else if (c === closeSquare || c === closeCurly) depth -= 1;
  }
  return false;
}

/** The 400 for a body nested too deeply: `invalid_request` naming the body. */
export function tooDeepError(field = 'body', max = maxJsonDepth): DomainError {
  return new DomainError('invalid_request', [detail(field, 'too_deep', { max }, { code: 'too_deep' })]);
}

/** Throws tooDeepError when the text nests deeper than maxJsonDepth. */
export function assertJsonDepth(text: string | Uint8Array, field = 'body'): void {
  if (jsonNestsDeeperThan(text, maxJsonDepth)) throw tooDeepError(field);
}
