// A CSV that is not UTF-8 (a frame saved as Windows-1258, a file cut inside a character) is refused with the
// line of its first bad byte, never read with U+FFFD in place of Vietnamese letters (attack run, finding 13).
import { describe, expect, it } from 'vitest';
import type { DomainError } from '../../src/domain/errors.js';
import { decodeCsvFile } from '../../src/services/sampling/csv-rows.js';

function refusal(bytes: Uint8Array): DomainError {
  try {
    decodeCsvFile(bytes);
  } catch (err) {
    return err as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('decodeCsvFile', () => {
  it('reads UTF-8 with or without a BOM (dropped), U+FFFD written on purpose included', () => {
    const text = 'level,code,name\nprovince,01,Tỉnh Hà Giang �\n';
    expect(decodeCsvFile(Buffer.from(text, 'utf8'))).toBe(text);
    expect(decodeCsvFile(Buffer.from(`\uFEFF${text}`, 'utf8'))).toBe(text);
  });

  it('names the line of a Windows-1258 byte', () => {
    const bytes = Buffer.concat([
      Buffer.from('level,code,name\nprovince,01,T', 'utf8'),
      Buffer.from([0xec, 0x6e, 0x68]),
    ]);
    const err = refusal(bytes);
    expect(err.code).toBe('invalid_csv');
    expect(err.details[0]).toMatchObject({ line: 2 });
    expect(err.details[0]?.message).toMatch(/UTF-8/);
  });

  it('refuses a character cut off at the end, an overlong form and a surrogate', () => {
    const cut = Buffer.from('a\nb\nTỉ', 'utf8').subarray(0, -1);
    expect(refusal(cut).details[0]).toMatchObject({ line: 3 });
    expect(refusal(Uint8Array.from([0x61, 0xc0, 0xaf])).details[0]).toMatchObject({ line: 1 });
    expect(refusal(Uint8Array.from([0x0a, 0xed, 0xa0, 0x80])).details[0]).toMatchObject({ line: 2 });
  });
});
