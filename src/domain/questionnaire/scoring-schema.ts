// The `scoring` block of a definition: how the estimation engine turns answers into index scores, level by level
// of the framework. One variant per method: SIPAS (% satisfied), PAPI (1-10 rescaled indicators, summed) and
// the one-stop counter rating (0-2 points per indicator). Cross-references are checked by scoring-check.ts.
import { z } from 'zod';

// Repeated from schema.ts, which imports this file (importing back would be circular).
const identifier = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must start with a letter or _ and hold only letters, digits and _');
const nodeCode = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be a code such as "II.C" or "5.3.2"');

/** Kinds of missing-data option (see optionSchema.missing) left out of every denominator. */
export const missingKindSchema = z.enum(['dont_know', 'refused', 'not_applicable']);

/**
 * How one node's score is computed. Leaf rules (deepest framework level) work on answers; the others on the
 * scores of the node's children. Definitions, per node n with children c1..cm and measured items below:
 *   share_satisfied           SIPAS leaf: answers in satisfiedValues / valid answers, pooled over n's items, in %
 *   rescaled_estimate         PAPI leaf: estimate x of the item's indicator value, rescaled to [rescale.min,
 *                             rescale.max] over the item's measure.scale, reversed when polarity = -1
 *   mean_points               one-stop leaf: mean points of the item's valid answers (points = measure.recode)
 *   mean_of_children          (s(c1) + ... + s(cm)) / m
 *   weighted_mean_of_children sum(w(ci) s(ci)) / sum(w(ci)); `weights` names every child code of the level below
 *   mean_of_children_over_k   PAPI sub-dimension: mean of its indicator scores / k, k = number of sub-dimensions
 *                             in its dimension, so the sub-dimension lies in [min/k, max/k]
 *   sum_of_children           s(c1) + ... + s(cm)
 *   pooled                    SIPAS: share satisfied over all valid answers to every item below n (not a mean)
 *   direct_item               the share satisfied on one question that asks about n as a whole (`item` = its id)
 */
export const leafRuleSchema = z.discriminatedUnion('rule', [
  z.strictObject({ rule: z.literal('share_satisfied') }),
  z.strictObject({ rule: z.literal('rescaled_estimate') }),
  z.strictObject({ rule: z.literal('mean_points') }),
]);

export const rollupRuleSchema = z.discriminatedUnion('rule', [
  z.strictObject({ rule: z.literal('mean_of_children') }),
  z.strictObject({ rule: z.literal('weighted_mean_of_children'), weights: z.record(nodeCode, z.number().positive()) }),
  z.strictObject({ rule: z.literal('mean_of_children_over_k') }),
  z.strictObject({ rule: z.literal('sum_of_children') }),
  z.strictObject({ rule: z.literal('pooled') }),
]);

const directItemSchema = z.strictObject({ rule: z.literal('direct_item'), item: identifier });

/** A rule for one level: the leaf level takes a leaf rule, every other level a roll-up rule. */
export const levelRuleSchema = z.union([leafRuleSchema, rollupRuleSchema]);
/** A rule for one named node or for the whole index; may point at a question asked about that node as a whole. */
export const nodeRuleSchema = z.union([rollupRuleSchema, directItemSchema]);

const common = {
  /** The rule set the block implements, e.g. "BNV-1001-2023", "PAPI-2021", "TT01-2018". */
  ruleSet: z.string().min(1),
  /** Where the rules come from and which of them are assumptions (the references mark most as unconfirmed). */
  basis: z.string().min(1),
  /** One rule per framework level key; every level must have one. */
  levels: z.record(identifier, levelRuleSchema),
  /** Per-node overrides of the level rule, keyed by framework code. */
  nodes: z.record(nodeCode, nodeRuleSchema).optional(),
  /** How the index as a whole is computed from the top-level nodes. */
  overall: nodeRuleSchema,
  /** Missing-data kinds left out of denominators, unless an item's measure.recode maps the code explicitly. */
  exclude: z.array(missingKindSchema).min(1).default(['dont_know', 'refused', 'not_applicable']),
  decimals: z.number().int().min(0).max(6).default(2),
};

const satisfiedValues = z.array(z.number().int()).min(1);

/** SIPAS: % of valid answers that are "satisfied" per criterion, then rolled up. */
export const sipasScoringSchema = z.strictObject({
  method: z.literal('sipas'),
  ...common,
  /** The named scale every measured item must use (SAT5). */
  scale: identifier,
  /** Answer codes that count as satisfied (SAT5: 4 Hài lòng, 5 Rất hài lòng). */
  satisfiedValues,
  unit: z.literal('percent').default('percent'),
});

/** PAPI: indicator estimates rescaled to 1-10, averaged per sub-dimension / k, summed per dimension and overall. */
export const papiScoringSchema = z.strictObject({
  method: z.literal('papi'),
  ...common,
  rescale: z.strictObject({
    min: z.number(),
    max: z.number(),
    /** theoretical: over each item's measure.scale; observed: over the min and max across provinces that year. */
    range: z.enum(['theoretical', 'observed']).default('theoretical'),
    /** Respondent values outside measure.scale (open numeric answers) are clamped into it before estimation. */
    outOfRange: z.literal('clamp').default('clamp'),
  }),
  /** Expected number of children per node (PAPI: sub-dimensions per dimension); checked against the framework. */
  k: z.record(nodeCode, z.number().int().positive()).optional(),
  /** The range the overall score must span, e.g. [8, 80]; checked against the number of top-level nodes. */
  overallRange: z.tuple([z.number(), z.number()]).optional(),
});

/** One-stop rating (TT 01/2018): 0-2 points per indicator from measure.recode, a total, and % satisfied. */
export const oneStopScoringSchema = z.strictObject({
  method: z.literal('one_stop'),
  ...common,
  points: z.strictObject({ min: z.number(), max: z.number() }),
  /** Highest possible total (9 indicators x 2 = 18); checked against the framework. */
  maxTotal: z.number().positive(),
  /** The overall satisfaction tap: % satisfied = answers in satisfiedValues / valid answers. */
  satisfaction: z.strictObject({ item: identifier, satisfiedValues }),
});

export const scoringSchema = z.discriminatedUnion('method', [
  sipasScoringSchema,
  papiScoringSchema,
  oneStopScoringSchema,
]);

export type LeafRule = z.infer<typeof leafRuleSchema>;
export type RollupRule = z.infer<typeof rollupRuleSchema>;
export type LevelRule = z.infer<typeof levelRuleSchema>;
export type NodeRule = z.infer<typeof nodeRuleSchema>;
export type MissingKind = z.infer<typeof missingKindSchema>;
export type SipasScoring = z.infer<typeof sipasScoringSchema>;
export type PapiScoring = z.infer<typeof papiScoringSchema>;
export type OneStopScoring = z.infer<typeof oneStopScoringSchema>;
export type Scoring = z.infer<typeof scoringSchema>;
export type ScoringMethod = Scoring['method'];
