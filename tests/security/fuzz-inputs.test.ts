// Property-based fuzzing of the file inputs: questionnaire definitions (mutated copies of the shipped packs),
// sampling frame and household CSVs, and `langnghe estimate` flags and CSV files. Each either succeeds or
// fails with its own error type (DefinitionError, DomainError, exit code 2), never anything else, and a
// rejected household import leaves the database as it was.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateCommand } from '../../src/cli/estimate-command.js';
import { DomainError } from '../../src/domain/errors.js';
import { DefinitionError, parseDefinition, parseDefinitionText } from '../../src/domain/questionnaire/parse.js';
import { demoFrameCsv, demoHouseholdCsv } from '../../src/services/demo/province.js';
import { importHouseholds } from '../../src/services/sampling/households.js';
import {
  createDraw,
  importFrame,
  papiDefaultPlan,
  readFrameCsv,
} from '../../src/services/sampling/frames-and-draws.js';
import { createTestEnv, type TestEnv } from '../helpers/context.js';
import { damagedText, fingerprint, fuzzTimeout, mutated, nastyValue, runs } from './fuzz-helpers.js';

/** Runs `work`; a thrown error must be of the expected type. Returns whether it succeeded. */
function acceptsOrRejectsWith(expected: new (...args: never[]) => Error, work: () => unknown): boolean {
  try {
    work();
    return true;
  } catch (err) {
    if (!(err instanceof expected))
      throw new Error(`expected ${expected.name}, got ${String((err as Error)?.stack ?? err)}`);
    return false;
  }
}

/** Fragments of the expression language, so mutations reach its lexer, parser and checks. */
const expressionish = fc
  .array(
    fc.constantFrom(
      '${gender}',
      '${birth_year}',
      '${nope}',
      '.',
      '(',
      ')',
      ' and ',
      ' or ',
      'not(',
      ' = ',
      ' != ',
      ' >= ',
      '1',
      '-',
      '2.5',
      "'x'",
      "'",
      '"',
      'selected(',
      'count-selected(',
      'today()',
      ',',
      ' + ',
      ' * ',
      ' div ',
      ' mod ',
      '$',
      '{',
      '}',
      'if(',
      'regex(.',
      "'^[0-9]+$'",
      ' ',
    ),
    { maxLength: 14 },
  )
  .map((parts) => parts.join(''));

const packs = readdirSync('surveys')
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, text: readFileSync(join('surveys', file), 'utf8') }));

describe('questionnaire definitions', () => {
  it('ship at least one pack per kind and each parses as is', () => {
    expect(packs.length).toBeGreaterThanOrEqual(5);
    for (const p of packs)
      expect(acceptsOrRejectsWith(DefinitionError, () => parseDefinitionText(p.text, p.file))).toBe(true);
  });

  it.each(packs.map((p) => p.file))(
    '%s: a mutated copy either parses or throws DefinitionError',
    { timeout: fuzzTimeout },
    (file) => {
      const raw = JSON.parse(packs.find((p) => p.file === file)?.text ?? '{}') as unknown;
      const outcomes = new Set<boolean>();
      fc.assert(
        fc.property(mutated(raw, fc.oneof(nastyValue, expressionish)), (doc) => {
          outcomes.add(acceptsOrRejectsWith(DefinitionError, () => parseDefinition(doc, file)));
        }),
        runs(60),
      );
      expect(outcomes.has(false)).toBe(true);
    },
  );

  it('damaged definition text either parses or throws DefinitionError', { timeout: fuzzTimeout }, () => {
    const small = packs.filter((p) => p.text.length < 60_000);
    fc.assert(
      fc.property(fc.constantFrom(...small), fc.nat(), (pack, seed) => {
        const text = fc.sample(damagedText(pack.text), { numRuns: 1, seed })[0] ?? '';
        acceptsOrRejectsWith(DefinitionError, () => parseDefinitionText(text, pack.file));
      }),
      runs(100),
    );
  });
});

/** CSV cells that break naive parsers: quotes, separators, line breaks, BOMs, huge or negative numbers. */
const csvCell = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '',
    '"',
    '""',
    '"a,b"',
    'a"b',
    '\n',
    '\r\n',
    ',',
    ';',
    '\uFEFF',
    '-1',
    '1e309',
    '0x10',
    '  7 ',
    '1,5',
    'NaN',
    'province',
    'district',
    'commune',
    'village',
    '1',
    '0',
    'yes',
  ),
);
const csvGrid = (header: string[]): fc.Arbitrary<string> =>
  fc
    .array(fc.array(csvCell, { minLength: 0, maxLength: header.length + 2 }), { maxLength: 12 })
    .map((rows) =>
      [header.join(','), ...rows.map((r) => r.join(','))].join(fc.sample(fc.constantFrom('\n', '\r\n'), 1)[0] ?? '\n'),
    );

describe('sampling frame CSV', () => {
  it('readFrameCsv returns units or throws DomainError for damaged and random files', { timeout: fuzzTimeout }, () => {
    const frame = demoFrameCsv();
    const outcomes = new Set<boolean>();
    fc.assert(
      fc.property(
        fc.oneof(
          damagedText(frame),
          csvGrid(['level', 'code', 'name', 'parent_code', 'population', 'is_seat']),
          fc.string({ unit: 'binary', maxLength: 300 }),
        ),
        (text) => {
          outcomes.add(acceptsOrRejectsWith(DomainError, () => readFrameCsv(text)));
        },
      ),
      { ...runs(300), examples: [[frame], ['']] },
    );
    expect(outcomes).toEqual(new Set([true, false]));
  });
});

describe('household list CSV', () => {
  let env: TestEnv;
  let drawId: number;
  let villages: string[];
  beforeAll(async () => {
    env = await createTestEnv();
    const actor = { userId: null, label: 'fuzz', role: 'admin' as const };
    const { frameId } = await importFrame(env.ctx, demoFrameCsv(), 'demo', actor);
    const created = await createDraw(env.ctx, frameId, papiDefaultPlan, '4', actor);
    drawId = created.drawId;
    villages = created.draw.units.filter((u) => u.level === 'village').map((u) => u.code);
  });
  afterAll(async () => env.close());

  it(
    'importHouseholds stores a list or throws DomainError, and a rejected file changes nothing',
    { timeout: fuzzTimeout },
    async () => {
      const good = demoHouseholdCsv(villages.slice(0, 2), 25);
      const header = ['village_code', 'household_id', 'head_name', 'address', 'phone', 'eligible_adults'];
      let rejected = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(damagedText(good), csvGrid(header), fc.string({ unit: 'binary', maxLength: 300 })),
          async (text) => {
            const before = await fingerprint(env.ctx.db);
            try {
              await importHouseholds(env.ctx, text, { userId: null, label: 'fuzz', role: 'admin' as const }, drawId);
            } catch (err) {
              if (!(err instanceof DomainError)) throw err;
              rejected += 1;
              expect(await fingerprint(env.ctx.db)).toBe(before);
            }
          },
        ),
        runs(150),
      );
      expect(rejected).toBeGreaterThan(0);
    },
  );
});

describe('langnghe estimate', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'langnghe-fuzz-est-'));
    const rows = Array.from(
      { length: 40 },
      (_, i) => `${i % 2},${1 + (i % 5)},${1 + (i % 3) / 2},s${i % 4},p${i % 8},${i % 3 === 0 ? 'a' : 'b'}`,
    );
    writeFileSync(join(dir, 'data.csv'), ['y,score,w,stratum,psu,g', ...rows].join('\n'));
    writeFileSync(join(dir, 'margins.csv'), 'variable,level,total\ng,a,20\ng,b,30\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const flag = fc.constantFrom(
    '--csv',
    '--vars',
    '--weight',
    '--strata',
    '--psu',
    '--fpc',
    '--by',
    '--stat',
    '--ci',
    '--level',
    '--lonely-psu',
    '--poststratify',
    '--calibrate',
    '--calfun',
    '--format',
    '--nope',
    '-x',
  );
  const value = fc.oneof(
    fc.constantFrom(
      'data.csv',
      'broken.csv',
      'missing.csv',
      'margins.csv',
      'y',
      'score',
      'y,score',
      'w',
      'stratum',
      'psu',
      'g',
      'mean',
      'total',
      'wald',
      'logit',
      'beta',
      '0.95',
      '1',
      '-3',
      'NaN',
      'fail',
      'adjust',
      'remove',
      'average',
      'certainty',
      'raking',
      'linear',
      'json',
      'csv',
      '',
      ',',
      'y,,score',
    ),
    fc.string({ maxLength: 8 }),
  );
  const args = fc.array(fc.oneof(flag, value), { maxLength: 16 });
  const pairs = fc.array(fc.tuple(flag, value), { maxLength: 4 }).map((ps) => ps.flat());
  const required = fc
    .tuple(
      fc.constantFrom('data.csv', 'broken.csv', 'missing.csv'),
      fc.constantFrom('y', 'score', 'y,score', 'g', 'nope'),
      fc.constantFrom('w', 'y', 'g', 'nope'),
    )
    .chain(([csv, vars, weight]) => pairs.map((rest) => ['--csv', csv, '--vars', vars, '--weight', weight, ...rest]));

  it(
    'answers exit 0 or 2 for any flags and damaged files, never an unexpected error',
    { timeout: fuzzTimeout },
    async () => {
      const codes = new Set<number>();
      const data = readFileSync(join(dir, 'data.csv'), 'utf8');
      await fc.assert(
        fc.asyncProperty(fc.oneof(args, required), damagedText(data), async (argv, broken) => {
          writeFileSync(join(dir, 'broken.csv'), broken);
          let out = '';
          const code = await estimateCommand(
            argv,
            {
              stdout: (s) => {
                out += s;
              },
              stderr: () => undefined,
            },
            dir,
          );
          expect([0, 2]).toContain(code);
          if (code === 2) expect(out).toBe('');
          codes.add(code);
        }),
        {
          ...runs(250),
          examples: [
            [['--csv', 'data.csv', '--vars', 'y', '--weight', 'w', '--strata', 'stratum', '--psu', 'psu'], data],
          ],
        },
      );
      expect(codes).toEqual(new Set([0, 2]));
    },
  );
});
