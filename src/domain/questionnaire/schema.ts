// The zod schema of a questionnaire definition file (surveys/*.json). Structure only: cross-references,
// expressions and framework paths are checked afterwards by compile.ts, which needs the whole document.
import { z } from 'zod';
import { scoringSchema } from './scoring-schema.js';

const identifier = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must start with a letter or _ and hold only letters, digits and _');
const nodeCode = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be a code such as "II.C" or "5.3.2"');
const expression = z.string().trim().min(1, 'must not be empty');

export const labelSchema = z.strictObject({
  vi: z.string().trim().min(1, 'Vietnamese text is required'),
  en: z.string().trim().min(1).optional(),
});

/** Answer codes are integers, as SPSS, Stata and R codebooks expect. Missing-data codes are flagged. */
export const optionSchema = z.strictObject({
  value: z.number().int().min(-999).max(9999),
  /** The XLSForm choice name when it is not the code ("yes", "male"): kept so an export writes it back. */
  name: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/, 'a choice name: a letter or _, then letters, digits, _ . -')
    .optional(),
  label: labelSchema,
  /** XLSForm choice columns a choice_filter reads (`province` of a commune list), as written. */
  columns: z.record(identifier, z.string().max(500)).optional(),
  missing: z.enum(['dont_know', 'refused', 'not_applicable']).optional(),
  exclusive: z.boolean().optional(),
  /**
   * What the answer says, for colour only (kiosk buttons): good news, neither, or bad news. Presentation: it is
   * left out of the content hash (meaning-content.ts), so adding it does not make a new version.
   */
  valence: z.enum(['positive', 'neutral', 'negative']).optional(),
});

export const scaleSchema = z.strictObject({
  label: labelSchema.optional(),
  ordinal: z.boolean().default(true),
  options: z.array(optionSchema).min(2, 'a scale needs at least 2 options'),
});

const polarity = z.union([z.literal(1), z.literal(-1)]);

/** Where an item feeds an index. Keys other than the reserved ones name framework levels (e.g. criterion). */
export const measureSchema = z
  .object({
    index: z.string().min(1),
    polarity: polarity.optional(),
    scale: z.tuple([z.number(), z.number()]).optional(),
    recode: z.record(z.string().regex(/^-?\d+$/, 'recode keys are answer codes'), z.number()).optional(),
    weight: z.number().positive().optional(),
  })
  .catchall(nodeCode);

const common = {
  id: identifier,
  label: labelSchema,
  hint: labelSchema.optional(),
  relevant: expression.optional(),
  measure: measureSchema.optional(),
  source: z.string().min(1).optional(),
};

const answerable = {
  ...common,
  required: z.union([z.boolean(), expression]).optional(),
  requiredMessage: labelSchema.optional(),
  constraint: expression.optional(),
  constraintMessage: labelSchema.optional(),
  /** Personal data (names, phones, addresses, identifying free text) never leaves in analyst downloads. */
  pii: z.boolean().optional(),
  /**
   * XLSForm's `default`: the answer a new interview starts with, in its stored form (a code, a number, a text,
   * 'YYYY-MM-DD', or a multi-select's codes); the interviewer can change it. Checked like an answer.
   */
  default: z.union([z.number(), z.string().min(1).max(500), z.array(z.number()).min(1).max(100)]).optional(),
};

const choiceSource = {
  options: z.array(optionSchema).min(1).optional(),
  scale: identifier.optional(),
  /**
   * XLSForm's choice_filter: the options shown are those for which it holds. Bare names are the option's columns
   * (`name` its name), and in it a question with named options reads as its name, as in XLSForm.
   */
  choiceFilter: expression.optional(),
};

const singleSchema = z.strictObject({ ...answerable, ...choiceSource, type: z.literal('single') });
const multiSchema = z.strictObject({
  ...answerable,
  ...choiceSource,
  type: z.literal('multi'),
  minSelected: z.number().int().min(0).optional(),
  maxSelected: z.number().int().min(1).optional(),
});
const scaleQuestionSchema = z.strictObject({ ...answerable, type: z.literal('scale'), scale: identifier });
const yesnoSchema = z.strictObject({
  ...answerable,
  type: z.literal('yesno'),
  dontKnow: z.boolean().optional(),
  refuse: z.boolean().optional(),
});
const numberBounds = { min: z.number().optional(), max: z.number().optional() };
const integerSchema = z.strictObject({ ...answerable, ...numberBounds, type: z.literal('integer') });
const decimalSchema = z.strictObject({ ...answerable, ...numberBounds, type: z.literal('decimal') });
const textSchema = z.strictObject({
  ...answerable,
  type: z.literal('text'),
  maxLength: z.number().int().positive().max(10_000).optional(),
  multiline: z.boolean().optional(),
  pattern: z.string().min(1).optional(),
});
const dateSchema = z.strictObject({
  ...answerable,
  type: z.literal('date'),
  min: z.iso.date().optional(),
  max: z.iso.date().optional(),
});
const noteSchema = z.strictObject({ ...common, type: z.literal('note') });
const calculateSchema = z.strictObject({
  id: identifier,
  label: labelSchema.optional(),
  type: z.literal('calculate'),
  calculation: expression,
  measure: measureSchema.optional(),
});

export const gridItemSchema = z.strictObject({
  id: identifier,
  label: labelSchema,
  relevant: expression.optional(),
  /** XLSForm's `default` of one item: the code of the grid's scale it starts with (checked like an answer). */
  default: z.number().int().optional(),
  measure: measureSchema.optional(),
  source: z.string().min(1).optional(),
});

const gridSchema = z.strictObject({
  ...answerable,
  type: z.literal('grid'),
  scale: identifier,
  items: z.array(gridItemSchema).min(1, 'a grid needs at least one item'),
});

export const questionSchema = z.discriminatedUnion('type', [
  singleSchema,
  multiSchema,
  scaleQuestionSchema,
  yesnoSchema,
  integerSchema,
  decimalSchema,
  textSchema,
  dateSchema,
  noteSchema,
  calculateSchema,
  gridSchema,
]);

export const sectionSchema = z.strictObject({
  id: identifier,
  title: labelSchema,
  description: labelSchema.optional(),
  relevant: expression.optional(),
  questions: z.array(questionSchema).min(1, 'a section needs at least one question'),
});

export interface FrameworkNode {
  code: string;
  label: z.infer<typeof labelSchema>;
  owner?: string | undefined;
  children?: FrameworkNode[] | undefined;
}

const frameworkNodeSchema: z.ZodType<FrameworkNode> = z.lazy(() =>
  z.strictObject({
    code: nodeCode,
    label: labelSchema,
    owner: z.string().min(1).optional(),
    children: z.array(frameworkNodeSchema).min(1).optional(),
  }),
);

export const frameworkSchema = z.strictObject({
  index: z.string().min(1),
  label: labelSchema,
  levels: z.array(z.strictObject({ key: identifier, label: labelSchema })).min(1),
  nodes: z.array(frameworkNodeSchema).min(1),
});

export const definitionSchema = z.strictObject({
  $schema: z.string().optional(),
  code: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and -'),
  version: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z.-]*$/, 'must be a version such as "2024.1"'),
  kind: z.enum(['household', 'kiosk', 'online']),
  title: labelSchema,
  description: labelSchema.optional(),
  languages: z
    .array(z.enum(['vi', 'en']))
    .min(1)
    .refine((l) => l[0] === 'vi', 'Vietnamese must come first'),
  source: z.string().min(1).optional(),
  scales: z.record(identifier, scaleSchema).default({}),
  framework: frameworkSchema.optional(),
  scoring: scoringSchema.optional(),
  sections: z.array(sectionSchema).min(1, 'a questionnaire needs at least one section'),
});

export type Label = z.infer<typeof labelSchema>;
export type Option = z.infer<typeof optionSchema>;
export type Scale = z.infer<typeof scaleSchema>;
export type Measure = z.infer<typeof measureSchema>;
export type Question = z.infer<typeof questionSchema>;
export type GridItem = z.infer<typeof gridItemSchema>;
export type Section = z.infer<typeof sectionSchema>;
export type Framework = z.infer<typeof frameworkSchema>;
export type Definition = z.infer<typeof definitionSchema>;
export type QuestionType = Question['type'];
