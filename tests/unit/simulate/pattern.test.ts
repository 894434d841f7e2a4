// Texts made to match a question's pattern: the supported regular-expression subset, and refusals.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/domain/sampling/index.js';
import { textMatching, UnsupportedPattern } from '../../../src/domain/simulate/index.js';

const patterns = [
  '[A-Za-z0-9]{1,5}(\\.[A-Za-z0-9]{1,5}){0,5}-[0-9]{6}-[0-9]{4,6}',
  '[A-Za-z0-9-]{2,20}',
  '^(?:DTV|GSV)-\\d{2,3}$',
  '0[35789]\\d{8}',
  'x+y*z?',
  '[^a-z]{3}\\.\\w+',
  'ab{2,}c',
];

describe('textMatching', () => {
  it.each(patterns)('makes texts that match %s', (source) => {
    const re = new RegExp(`^(?:${source})$`, 'u');
    const rng = createRng(source);
    const texts = Array.from({ length: 200 }, () => textMatching(rng, source));
    for (const t of texts) expect(re.test(t)).toBe(true);
    expect(new Set(texts).size).toBeGreaterThan(1);
  });

  it('prefers upper-case letters and digits where a class allows them, so codes look like codes', () => {
    const rng = createRng(3);
    const text = Array.from({ length: 100 }, () => textMatching(rng, '[A-Za-z0-9-]{5}')).join('');
    expect(text.replace(/[A-Z0-9]/g, '').length / text.length).toBeLessThan(0.2);
  });

  it.each(['(?=a)b', '(a)\\1', '\\p{L}+', '\\bword', '*a'])('refuses %s', (source) => {
    expect(() => textMatching(createRng(1), source)).toThrow(UnsupportedPattern);
  });
});
