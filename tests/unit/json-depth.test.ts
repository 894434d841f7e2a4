// The nesting check that runs on every JSON body before it is parsed (attack run, finding 8).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonNestsDeeperThan } from '../../src/domain/json-depth.js';

/** The nesting depth of a parsed value, for comparison. */
function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(depthOf));
}

describe('jsonNestsDeeperThan', () => {
  it('counts arrays and objects, not brackets inside strings or after escaped quotes', () => {
    expect(jsonNestsDeeperThan('[[[]]]', 3)).toBe(false);
    expect(jsonNestsDeeperThan('[[[[]]]]', 3)).toBe(true);
    expect(jsonNestsDeeperThan('{"a":{"b":[1]}}', 3)).toBe(false);
    expect(jsonNestsDeeperThan('{"a":{"b":[{}]}}', 3)).toBe(true);
    expect(jsonNestsDeeperThan('["[[[[", "\\"[[[[", "\\\\"]', 1)).toBe(false);
    expect(jsonNestsDeeperThan('["\\\\", [[]]]', 2)).toBe(true);
  });

  it('reads UTF-8 bytes as it reads text', () => {
    const text = '{"tên":"Nguyễn [[[","a":[[["ễ"]]]}';
    expect(jsonNestsDeeperThan(Buffer.from(text, 'utf8'), 4)).toBe(false);
    expect(jsonNestsDeeperThan(Buffer.from(text, 'utf8'), 3)).toBe(true);
  });

  it('agrees with the depth of the parsed value for any JSON', () => {
    fc.assert(
      fc.property(fc.json({ depthSize: 'medium' }), fc.integer({ min: 0, max: 8 }), (text, max) => {
        const depth = depthOf(JSON.parse(text));
        expect(jsonNestsDeeperThan(text, max)).toBe(depth > max);
        expect(jsonNestsDeeperThan(Buffer.from(text, 'utf8'), max)).toBe(depth > max);
      }),
      { numRuns: 500 },
    );
  });
});
