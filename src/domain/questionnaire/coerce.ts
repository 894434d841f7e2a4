// Type checks a single raw answer against its field and normalises it (form posts send strings, the API sends
// numbers). Returns the stored value, or the error code and its message parameters.
import type { AnswerErrorCode } from './answer-messages.js';
import type { Field } from './model.js';

export type AnswerValue = number | string | readonly number[];
export type Coerced =
  { ok: true; value: AnswerValue } | { ok: false; code: AnswerErrorCode; params?: Record<string, string | number> };

export function isUnanswered(raw: unknown): boolean {
  return raw === undefined || raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0);
}

function toInteger(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isInteger(raw) ? raw : null;
  if (typeof raw === 'string' && /^-?\d{1,15}$/.test(raw.trim())) return Number(raw.trim());
  return null;
}

function toNumber(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw.trim())) return Number(raw.trim());
  return null;
}

export function isRealDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= (days[mo - 1] ?? 0);
}

export function coerceAnswer(field: Field, raw: unknown): Coerced {
  switch (field.type) {
    case 'single':
    case 'scale':
    case 'yesno':
      return coerceCode(field, raw);
    case 'multi':
      return coerceCodes(field, raw);
    case 'integer':
    case 'decimal': {
      const n = field.type === 'integer' ? toInteger(raw) : toNumber(raw);
      if (n === null)
        return {
          ok: false,
          code: 'invalid_type',
          params: { expected: field.type === 'integer' ? 'integer' : 'number' },
        };
      return inRange(field, n);
    }
    case 'text':
      return coerceText(field, raw);
    case 'date': {
      if (typeof raw !== 'string' || !isRealDate(raw)) return { ok: false, code: 'invalid_date' };
      return inRange(field, raw);
    }
    case 'calculate':
      return { ok: false, code: 'not_answerable' };
  }
}

function inRange(field: Field, value: number | string): Coerced {
  const below = field.min !== null && value < field.min;
  const above = field.max !== null && value > field.max;
  if (below || above)
    return { ok: false, code: 'out_of_range', params: { min: field.min ?? '…', max: field.max ?? '…' } };
  return { ok: true, value };
}

function coerceCode(field: Field, raw: unknown): Coerced {
  const code = toInteger(raw);
  if (code === null) return { ok: false, code: 'invalid_type', params: { expected: 'code' } };
  if (!field.options?.some((o) => o.value === code))
    return { ok: false, code: 'invalid_option', params: { value: code } };
  return { ok: true, value: code };
}

function coerceCodes(field: Field, raw: unknown): Coerced {
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' || typeof raw === 'number' ? [raw] : null;
  const codes = list?.map(toInteger);
  if (!codes || codes.some((c) => c === null))
    return { ok: false, code: 'invalid_type', params: { expected: 'codes' } };
  const distinct = [...new Set(codes as number[])];
  for (const code of distinct) {
    const option = field.options?.find((o) => o.value === code);
    if (!option) return { ok: false, code: 'invalid_option', params: { value: code } };
    if (option.exclusive && distinct.length > 1)
      return { ok: false, code: 'exclusive_option', params: { value: code } };
  }
  if (field.minSelected !== null && distinct.length < field.minSelected) {
    return { ok: false, code: 'too_few_selected', params: { min: field.minSelected } };
  }
  if (field.maxSelected !== null && distinct.length > field.maxSelected) {
    return { ok: false, code: 'too_many_selected', params: { max: field.maxSelected } };
  }
  return { ok: true, value: distinct.sort((a, b) => a - b) };
}

/**
 * Whether a text has a character a person cannot type into an answer: a C0 control other than tab, line feed and
 * carriage return, DEL, a C1 control, or a UTF-16 surrogate that is not part of a pair (what is left of broken
 * encoding). A loop rather than a regular expression: the browser bundle must run where look-behind does not.
 */
function hasForbiddenCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x20) {
      if (c !== 0x09 && c !== 0x0a && c !== 0x0d) return true;
    } else if (c >= 0x7f && c <= 0x9f) return true;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i += 1;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

/**
 * Bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069): invisible, never needed
 * in Vietnamese or English, and able to make a stored text display in another order than it reads. They are
 * removed, not refused, because text pasted from elsewhere can carry them without the person seeing them.
 */
const bidiControls = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * The stated rule for text answers (docs/security.md): control characters and broken surrogates are refused, bidi
 * controls removed; then NFC and trimmed.
 */
export function cleanText(raw: string): { ok: true; text: string } | { ok: false } {
  if (hasForbiddenCharacter(raw)) return { ok: false };
  return { ok: true, text: raw.replace(bidiControls, '').normalize('NFC').trim() };
}

function coerceText(field: Field, raw: unknown): Coerced {
  if (typeof raw !== 'string') return { ok: false, code: 'invalid_type', params: { expected: 'text' } };
  const cleaned = cleanText(raw);
  if (!cleaned.ok) return { ok: false, code: 'invalid_characters' };
  const text = cleaned.text;
  const limit = field.maxLength ?? 2000;
  if ([...text].length > limit) return { ok: false, code: 'too_long', params: { max: limit } };
  if (field.pattern && !field.pattern.test(text)) return { ok: false, code: 'pattern_mismatch' };
  return { ok: true, value: text };
}
