// Column builders for the estimation CSV reader: numbers parsed straight from bytes (missing = NaN) and
// categories dictionary-encoded from bytes, so that a million rows make no per-cell strings.
import { EstimationError } from '../../domain/estimation/index.js';

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
const numberPattern = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses a numeric cell; NaN for missing (empty, blank or NA). Plain decimals take an exact fast path
 * (integer mantissa < 2^53 divided by an exact power of ten is correctly rounded, as Number() is).
 */
export function parseNumber(buf: Buffer, start: number, end: number, row: number, column: string): number {
  let i = start;
  let negative = false;
  if (i < end && (buf[i] === 0x2d || buf[i] === 0x2b)) {
    negative = buf[i] === 0x2d;
    i += 1;
  }
  let mantissa = 0;
  let digits = 0;
  let decimals = 0;
  let dot = false;
  for (; i < end; i += 1) {
    const c = buf[i] as number;
    if (c >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      digits += 1;
      if (dot) decimals += 1;
    } else if (c === 0x2e && !dot) dot = true;
    else break;
  }
  if (i === end && digits > 0 && digits <= 15 && decimals <= 22) {
    const v = decimals === 0 ? mantissa : mantissa / (POW10[decimals] as number);
    return negative ? -v : v;
  }
  const text = buf.toString('utf8', start, end).trim();
  if (text === '' || text === 'NA') return NaN;
  if (!numberPattern.test(text)) {
    throw new EstimationError(
      'invalid_variable',
      `row ${row}: column "${column}" has the non-numeric value "${text}"`,
      { row, column, value: text },
    );
  }
  return Number(text);
}

export class NumericBuilder {
  values = new Float64Array(1 << 16);
  push(row: number, v: number): void {
    if (row >= this.values.length) {
      const next = new Float64Array(this.values.length * 2);
      next.set(this.values);
      this.values = next;
    }
    this.values[row] = v;
  }
}

function sameBytes(a: Buffer, buf: Buffer, start: number, end: number): boolean {
  if (a.length !== end - start) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== buf[start + i]) return false;
  return true;
}

/**
 * Dictionary-encodes a categorical column from raw bytes: a repeat of the previous value costs a byte
 * comparison and a new value a hash lookup, so no string is made per row (only one per level).
 */
export class CategoricalBuilder {
  codes = new Int32Array(1 << 16);
  levels: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly byHash = new Map<number, number[]>();
  private readonly levelBytes: Buffer[] = [];
  private lastCode = -2;

  private grow(row: number): void {
    if (row < this.codes.length) return;
    const next = new Int32Array(this.codes.length * 2);
    next.set(this.codes);
    this.codes = next;
  }

  pushText(row: number, text: string): void {
    this.grow(row);
    this.codes[row] = text === '' || text === 'NA' ? -1 : this.codeOf(text);
    this.lastCode = -2;
  }

  pushBytes(row: number, buf: Buffer, start: number, end: number): void {
    this.grow(row);
    if (start === end) {
      this.codes[row] = -1;
      return;
    }
    const last = this.lastCode >= 0 ? (this.levelBytes[this.lastCode] as Buffer) : null;
    if (last && sameBytes(last, buf, start, end)) {
      this.codes[row] = this.lastCode;
      return;
    }
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i += 1) hash = Math.imul(hash ^ (buf[i] as number), 0x01000193);
    const bucket = this.byHash.get(hash);
    if (bucket) {
      for (const code of bucket) {
        const bytes = this.levelBytes[code] as Buffer;
        if (sameBytes(bytes, buf, start, end)) {
          this.codes[row] = code;
          this.lastCode = code;
          return;
        }
      }
    }
    const text = buf.toString('utf8', start, end);
    if (text === 'NA') {
      this.codes[row] = -1;
      return;
    }
    const code = this.codeOf(text);
    this.levelBytes[code] = Buffer.from(buf.subarray(start, end));
    if (bucket) bucket.push(code);
    else this.byHash.set(hash, [code]);
    this.codes[row] = code;
    this.lastCode = code;
  }

  private codeOf(text: string): number {
    let code = this.index.get(text);
    if (code === undefined) {
      code = this.levels.length;
      this.index.set(text, code);
      this.levels.push(text);
      this.levelBytes.push(Buffer.from(text, 'utf8'));
    }
    return code;
  }
}
