// The quick count that refuses an oversized upload before it is parsed (attack run, finding 5) must agree with
// the parser: a file is refused early exactly when csv-parse would find more records than the limit.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRecordsExceed } from '../../src/services/sampling/csv-rows.js';

const parsedRecords = (text: string): number =>
  (parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true }) as unknown[]).length;

describe('csvRecordsExceed', () => {
  it('counts records as csv-parse does: quoted commas, quotes and line breaks, CRLF, blank lines, no final newline', () => {
    const field = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom('a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', 'Nguyễn', ''),
    );
    const file = fc.record({
      rows: fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 }),
      crlf: fc.boolean(),
      blankLines: fc.boolean(),
      finalNewline: fc.boolean(),
    });
    fc.assert(
      fc.property(file, ({ rows, crlf, blankLines, finalNewline }) => {
        const eol = crlf ? '\r\n' : '\n';
        let text = stringify(rows, { record_delimiter: crlf ? 'windows' : 'unix' });
        if (blankLines) text = text.split(eol).join(`${eol}${eol}`);
        if (!finalNewline) text = text.replace(/(\r\n|\n)+$/, '');
        let count: number;
        try {
          count = parsedRecords(text);
        } catch {
          return;
        }
        for (const limit of [count - 1, count, count + 1].filter((n) => n >= 0)) {
          expect(csvRecordsExceed(text, limit)).toBe(count > limit);
          expect(csvRecordsExceed(Buffer.from(text, 'utf8'), limit)).toBe(count > limit);
        }
      }),
      { numRuns: 500 },
    );
  });
});
