// Turns a structurally valid definition into a Questionnaire, reporting every semantic problem with its JSON
// path: duplicate ids, unknown scales, broken expressions, measure tags that do not fit the framework.
import { checkExpression, type Expr } from '../expressions/index.js';
import { coerceAnswer } from './coerce.js';
import { checkFramework, checkMeasure } from './framework.js';
import { jsonPath, yesNoOptions, type DefinitionIssue, type Field, type Note, type Questionnaire } from './model.js';
import type { Definition, Label, Option, Question } from './schema.js';
import { checkScoring } from './scoring-check.js';
import { textRefs } from './text-refs.js';

type Path = readonly PropertyKey[];

class Collector {
  readonly issues: DefinitionIssue[] = [];
  add(path: Path, message: string, position?: number): void {
    this.issues.push(
      position === undefined ? { path: jsonPath(path), message } : { path: jsonPath(path), message, position },
    );
  }
}

export function compileDefinition(def: Definition): { questionnaire: Questionnaire | null; issues: DefinitionIssue[] } {
  const out = new Collector();
  const known = collectIds(def, out);
  checkLabels(def, out);
  checkTextRefs(def, known, out);
  const frameworkIndex = checkFramework(def.framework, (p, m) => out.add(['framework', ...p], m));
  const expr = (source: string | undefined, path: Path, allowCurrent = false, choiceColumns = false): Expr | null => {
    if (source === undefined) return null;
    const { expr: parsed, issues } = checkExpression(source, known, { allowCurrent, choiceColumns });
    for (const issue of issues) out.add(path, issue.message, issue.position);
    return parsed;
  };
  const fields: Field[] = [];
  const notes: Note[] = [];
  def.sections.forEach((section, s) => {
    const sectionRelevant = expr(section.relevant, ['sections', s, 'relevant']);
    section.questions.forEach((q, i) => {
      const path: Path = ['sections', s, 'questions', i];
      if (q.type === 'note') {
        const own = expr(q.relevant, [...path, 'relevant']);
        notes.push({ id: q.id, sectionId: section.id, relevant: chain(sectionRelevant, own) });
        return;
      }
      const options = resolveOptions(def, q, path, out);
      const ctx = { section: section.id, sectionRelevant, options, path, expr, issue: out.add.bind(out) };
      for (const field of fieldsOf(q, ctx)) {
        if (field.measure) checkMeasure(field.measure, frameworkIndex, field.options, ctx.path, out.add.bind(out));
        fields.push(field);
      }
    });
  });
  out.issues.push(...checkScoring(def, fields, frameworkIndex));
  if (out.issues.length > 0) return { questionnaire: null, issues: out.issues };
  return {
    questionnaire: { definition: def, fields, fieldById: new Map(fields.map((f) => [f.id, f])), notes },
    issues: [],
  };
}

interface FieldContext {
  section: string;
  sectionRelevant: Expr | null;
  options: readonly Option[] | null;
  path: Path;
  expr: (source: string | undefined, path: Path, allowCurrent?: boolean, choiceColumns?: boolean) => Expr | null;
  issue: (path: Path, message: string) => void;
}

/** The conditions that are present, in order (all must hold). */
const chain = (...exprs: (Expr | null)[]): Expr[] => exprs.filter((e): e is Expr => e !== null);

function fieldsOf(q: Exclude<Question, { type: 'note' }>, ctx: FieldContext): Field[] {
  if (q.type === 'calculate') {
    return [
      {
        ...blankField(q.id, 'calculate', q.label ?? { vi: q.id }, ctx),
        calculation: ctx.expr(q.calculation, [...ctx.path, 'calculation']),
        measure: q.measure ?? null,
      },
    ];
  }
  const questionRelevant = ctx.expr(q.relevant, [...ctx.path, 'relevant']);
  const required =
    typeof q.required === 'string' ? ctx.expr(q.required, [...ctx.path, 'required']) : (q.required ?? false);
  const shared = {
    required: required ?? false,
    requiredMessage: q.requiredMessage ?? null,
    constraint: ctx.expr(q.constraint, [...ctx.path, 'constraint'], true),
    constraintMessage: q.constraintMessage ?? null,
    pii: q.pii ?? false,
  };
  if (q.type === 'grid') {
    // Each item is its own answer, so a default belongs to an item, never to the grid as a whole.
    if (q.default !== undefined)
      ctx.issue([...ctx.path, 'default'], 'a grid takes a default on each item, not on itself');
    return q.items.map((item, k) => {
      const field: Field = {
        ...blankField(item.id, 'scale', item.label, ctx),
        ...shared,
        questionId: q.id,
        relevant: chain(
          ctx.sectionRelevant,
          questionRelevant,
          ctx.expr(item.relevant, [...ctx.path, 'items', k, 'relevant']),
        ),
        measure: item.measure ?? q.measure ?? null,
      };
      if (item.default !== undefined) setDefault(field, item.default, [...ctx.path, 'items', k, 'default'], ctx);
      return field;
    });
  }
  const field: Field = {
    ...blankField(q.id, q.type, q.label, ctx),
    ...shared,
    relevant: chain(ctx.sectionRelevant, questionRelevant),
    measure: q.measure ?? null,
  };
  if (q.type === 'integer' || q.type === 'decimal' || q.type === 'date') {
    field.min = q.min ?? null;
    field.max = q.max ?? null;
  }
  if (q.type === 'text') {
    field.maxLength = q.maxLength ?? null;
    field.pattern = q.pattern === undefined ? null : compilePattern(q.pattern);
  }
  if (q.default !== undefined) setDefault(field, q.default, [...ctx.path, 'default'], ctx);
  if ((q.type === 'single' || q.type === 'multi') && q.choiceFilter !== undefined)
    field.choiceFilter = ctx.expr(q.choiceFilter, [...ctx.path, 'choiceFilter'], false, true);
  if (q.type === 'multi') {
    field.minSelected = q.minSelected ?? null;
    field.maxSelected = q.maxSelected ?? null;
  }
  return [field];
}

/** A default is stored as the answer it stands for, checked like one. */
function setDefault(field: Field, value: unknown, path: Path, ctx: FieldContext): void {
  const checked = coerceAnswer(field, value);
  if (checked.ok) field.default = checked.value;
  else ctx.issue(path, `the default is not a valid answer (${checked.code})`);
}

function blankField(id: string, type: Field['type'], label: Label, ctx: FieldContext): Field {
  return {
    id,
    type,
    label,
    sectionId: ctx.section,
    questionId: id,
    options: ctx.options,
    relevant: ctx.sectionRelevant ? [ctx.sectionRelevant] : [],
    required: false,
    requiredMessage: null,
    constraint: null,
    constraintMessage: null,
    calculation: null,
    default: null,
    choiceFilter: null,
    min: null,
    max: null,
    maxLength: null,
    pattern: null,
    minSelected: null,
    maxSelected: null,
    measure: null,
    pii: false,
  };
}

/** An invalid pattern was already reported by resolveOptions; here it only yields no RegExp. */
function compilePattern(pattern: string): RegExp | null {
  return isValidPattern(pattern) ? new RegExp(`^(?:${pattern})$`, 'u') : null;
}

function resolveOptions(def: Definition, q: Question, path: Path, out: Collector): Option[] | null {
  let options: Option[] | null = null;
  if (q.type === 'yesno') options = yesNoOptions(q.dontKnow ?? false, q.refuse ?? false);
  if (q.type === 'scale' || q.type === 'grid' || q.type === 'single' || q.type === 'multi') {
    const own = 'options' in q ? q.options : undefined;
    if (own && q.scale) out.add([...path, 'scale'], 'give either options or scale, not both');
    if (q.scale !== undefined) {
      const scale = def.scales[q.scale];
      if (!scale) out.add([...path, 'scale'], `unknown scale "${q.scale}"`);
      options = scale?.options ?? null;
    } else if (own) {
      options = own;
    } else {
      out.add(path, `a ${q.type} question needs options or a scale`);
    }
  }
  if (q.type === 'text' && q.pattern !== undefined && !isValidPattern(q.pattern)) {
    out.add([...path, 'pattern'], 'not a valid regular expression');
  }
  if (options && q.type !== 'multi' && options.some((o) => o.exclusive)) {
    out.add(path, '"exclusive" options only make sense in a multi question');
  }
  return options;
}

function isValidPattern(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/** Every id that answers can be stored under; duplicates are issues. */
function collectIds(def: Definition, out: Collector): Set<string> {
  const seen = new Map<string, string>();
  const answerable = new Set<string>();
  const note = (id: string, path: Path, holdsAnswer: boolean): void => {
    if (holdsAnswer) answerable.add(id);
    const where = jsonPath(path);
    const first = seen.get(id);
    if (first !== undefined) out.add([...path, 'id'], `duplicate id "${id}" (first used at ${first})`);
    else seen.set(id, where);
  };
  def.sections.forEach((section, s) => {
    section.questions.forEach((q, i) => {
      note(q.id, ['sections', s, 'questions', i], q.type !== 'note' && q.type !== 'grid');
      if (q.type === 'grid')
        q.items.forEach((item, k) => note(item.id, ['sections', s, 'questions', i, 'items', k], true));
    });
  });
  const sectionIds = new Set<string>();
  def.sections.forEach((section, s) => {
    if (sectionIds.has(section.id)) out.add(['sections', s, 'id'], `duplicate section id "${section.id}"`);
    sectionIds.add(section.id);
  });
  for (const [name, scale] of Object.entries(def.scales))
    checkOptionList(scale.options, ['scales', name, 'options'], out);
  def.sections.forEach((section, s) =>
    section.questions.forEach((q, i) => {
      if ('options' in q && q.options) checkOptionList(q.options, ['sections', s, 'questions', i, 'options'], out);
    }),
  );
  return answerable;
}

function checkOptionList(options: readonly Option[], path: Path, out: Collector): void {
  const values = new Set<number>();
  options.forEach((o, k) => {
    if (values.has(o.value)) out.add([...path, k, 'value'], `duplicate option value ${o.value}`);
    values.add(o.value);
  });
}

/** When the definition offers English, every label must have it: half-translated screens are worse than none. */
function checkLabels(def: Definition, out: Collector): void {
  if (!def.languages.includes('en')) return;
  const walk = (value: unknown, path: PropertyKey[]): void => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value && typeof value === 'object') {
      const obj = value as Record<string, unknown>;
      if (typeof obj['vi'] === 'string' && obj['en'] === undefined)
        out.add(path, 'English text is missing (languages lists "en")');
      for (const [k, v] of Object.entries(obj)) if (k !== 'scoring') walk(v, [...path, k]);
    }
  };
  walk(def, []);
}

/** A ${q} in a question's text must name a question: it is shown as that answer (text-refs.ts). */
function checkTextRefs(def: Definition, known: ReadonlySet<string>, out: Collector): void {
  const walk = (value: unknown, path: PropertyKey[]): void => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value && typeof value === 'object') {
      const obj = value as Record<string, unknown>;
      for (const lang of ['vi', 'en'])
        if (typeof obj[lang] === 'string')
          for (const id of textRefs(obj[lang]))
            if (!known.has(id)) out.add([...path, lang], `Unknown question "${id}"`);
      for (const [k, v] of Object.entries(obj)) if (k !== 'vi' && k !== 'en') walk(v, [...path, k]);
    }
  };
  walk(def.sections, ['sections']);
}
