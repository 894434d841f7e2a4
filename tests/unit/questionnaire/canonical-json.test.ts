// canonicalJson feeds stored hashes (questionnaire versions, submissions): its text must stay what the first
// implementation produced, for every JSON value, or stored duplicates would start to look like conflicts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/domain/questionnaire/index.js';

/** The plain definition the fast implementation must keep matching. */
function reference(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const shuffledCopy = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(shuffledCopy);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, shuffledCopy(v)]),
    );
  }
  return value;
};

describe('canonicalJson', () => {
  it('gives the reference text for any JSON value, including unicode and escaped keys and odd numbers', () => {
    const numbers = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
      fc.constantFrom(-0, 1e21, 5e-324, 0.1 + 0.2),
    );
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null),
        fc.boolean(),
        numbers,
        fc.string({ unit: 'grapheme' }),
        tie('array'),
        tie('object'),
      ),
      array: fc.array(tie('value'), { maxLength: 6 }),
      object: fc.dictionary(
        fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('10', '9', '__proto__', 'a"b', 'x\\y', '\u0001')),
        tie('value'),
        { maxKeys: 8 },
      ),
    })).value;
    fc.assert(
      fc.property(json, (v) => canonicalJson(v) === reference(v)),
      { numRuns: 2000 },
    );
  });

  it('does not depend on key order and parses back to the same value', () => {
    const value = { b: [1, { d: 2, c: '3' }], a: null, é: -0.5, 10: true, 9: [] };
    expect(canonicalJson(value)).toBe('{"10":true,"9":[],"a":null,"b":[1,{"c":"3","d":2}],"é":-0.5}');
    expect(canonicalJson(shuffledCopy(value))).toBe(canonicalJson(value));
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });

  it('leaves out undefined properties and writes non-finite numbers as JSON does', () => {
    expect(canonicalJson({ a: undefined, b: Number.NaN, c: [Number.POSITIVE_INFINITY] })).toBe('{"b":null,"c":[null]}');
  });

  it('walks values nested 20,000 deep without the call stack (attack run, finding 8)', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i += 1) deep = i % 2 === 0 ? [deep] : { k: deep };
    const text = canonicalJson({ answers: { q: deep } });
    expect(text.length).toBeGreaterThan(20_000);
    expect(canonicalJson(JSON.parse(text))).toBe(text);
    const arrays = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    expect(canonicalJson(JSON.parse(arrays))).toBe(arrays);
  });

  it('refuses a cyclic value instead of looping', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(RangeError);
  });
});
