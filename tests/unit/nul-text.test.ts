// Finding NUL in what a request sends: the field of JSON text that holds it (a name or a text, at any depth), never a
// false alarm for an escaped backslash, and `%00` in URL-encoded text.
import { describe, expect, it } from 'vitest';
import { jsonNulField, nulError, urlEncodedNul } from '../../src/domain/nul-text.js';

describe('jsonNulField', () => {
  it('names the field whose text or name holds NUL, at any depth, or the body itself', () => {
    expect(jsonNulField(JSON.stringify({ a: 1, b: { c: ['x', 'y\u0000'] } }))).toBe('b.c[1]');
    expect(jsonNulField(JSON.stringify({ answers: { comment: 'tốt\u0000' } }))).toBe('answers.comment');
    expect(jsonNulField(JSON.stringify({ a: { 'k\u0000': 1 } }))).toBe('a.k\\u0000');
    expect(jsonNulField(JSON.stringify('\u0000'))).toBe('body');
  });

  it('finds nothing in text without NUL, in an escaped backslash before u0000, or in text that does not parse', () => {
    expect(jsonNulField(JSON.stringify({ a: 'b', n: 0 }))).toBeNull();
    expect(jsonNulField(JSON.stringify({ a: '\\u0000' }))).toBeNull();
    expect(jsonNulField('{"a": "\\u0000"')).toBeNull();
  });

  it('is refused as invalid_request naming the field', () => {
    const err = nulError('username');
    expect(err.code).toBe('invalid_request');
    expect(err.details[0]).toMatchObject({ field: 'username' });
  });
});

describe('urlEncodedNul', () => {
  it('sees %00 in a path, a query or a form body, and nothing else', () => {
    expect(urlEncodedNul('/results/a%00')).toBe(true);
    expect(urlEncodedNul('username=a%00&password=x')).toBe(true);
    expect(urlEncodedNul('/results/a%2500')).toBe(false);
    expect(urlEncodedNul('a=%20')).toBe(false);
  });
});
