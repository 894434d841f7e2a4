// The stored form of a target's aim (plan_targets.aim_json), checked when read back so a hand-edited or older
// row cannot reach the evaluation in a shape it does not know.
import { z } from 'zod';
import { compares, type Aim } from './model.js';

const baseline = z.object({ year: z.number().int(), value: z.number().nullable() }).nullable();
const compare = z.enum(compares);

const simple = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('level'), compare, value: z.number() }),
  z.object({ kind: z.literal('change'), compare, points: z.number(), baseline }),
  z.object({ kind: z.literal('relative'), compare, percent: z.number(), baseline: baseline.unwrap() }),
  z.object({ kind: z.literal('keep'), baseline }),
]);

export const aimSchema: z.ZodType<Aim> = z.union([
  simple,
  z.object({ kind: z.literal('rank'), atMost: z.number().int().positive() }),
  z.object({ kind: z.literal('group'), group: z.string() }),
  z.object({
    kind: z.literal('rule'),
    level: z.string().nullable(),
    where: z.object({ compare, value: z.number() }).nullable(),
    then: simple,
  }),
]);
