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

function coerceText(field: Field, raw: unknown): Coerced {
  if (typeof raw !== 'string') return { ok: false, code: 'invalid_type', params: { expected: 'text' } };
  const text = raw.normalize('NFC').trim();
  const limit = field.maxLength ?? 2000;
  if ([...text].length > limit) return { ok: false, code: 'too_long', params: { max: limit } };
  if (field.pattern && !field.pattern.test(text)) return { ok: false, code: 'pattern_mismatch' };
  return { ok: true, value: text };
}
