// A questionnaire definition as an XLSForm workbook (survey, choices and settings sheets), with the fields XLSForm
// lacks in extra columns and the framework and scoring in extra sheets, so that importXlsForm gives it back.
// Sections are field-list groups, grids table-list groups; expressions are printed as XPath.
import { parseExpression, printXPath } from '../expressions/index.js';
import type { Definition, GridItem, Option, Question, Section } from '../questionnaire/index.js';
import { yesNoOptions } from '../questionnaire/index.js';
import { choiceSpellings, respellExpression, type ChoiceSpellings } from './choice-names.js';
import { composeConstraint } from './constraint-parts.js';
import {
  extraColumns as x,
  labelColumns,
  putLabel,
  sheetNames,
  type Row,
  type Sheet,
  type Workbook,
} from './sheets.js';
import { frameworkSheets, scoringSheet } from './framework-sheets.js';

export const surveyColumns: readonly string[] = [
  'type',
  'name',
  ...labelColumns('label'),
  ...labelColumns('hint'),
  'required',
  ...labelColumns('required_message'),
  'relevant',
  'constraint',
  ...labelColumns('constraint_message'),
  'calculation',
  'choice_filter',
  'default',
  'appearance',
  ...Object.values(x).filter((c) => ![x.missing, x.exclusive, x.valence, x.ordinal, x.code].includes(c as never)),
];

const choiceColumnsFixed: readonly string[] = [
  'list_name',
  'name',
  ...labelColumns('label'),
  x.missing,
  x.exclusive,
  x.valence,
  x.code,
];

function set(row: Row, column: string, value: string | number | boolean | undefined): void {
  if (value === undefined) return;
  row[column] = typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
}

/** A default as XLSForm writes it: choices by name (else code), a multi-select's separated by spaces. */
function defaultText(q: Question | GridItem, options: readonly Option[]): string | undefined {
  if (!('default' in q) || q.default === undefined) return undefined;
  const word = (code: number): string => options.find((o) => o.value === code)?.name ?? String(code);
  if (Array.isArray(q.default)) return q.default.map(word).join(' ');
  return typeof q.default === 'number' && options.length > 0 ? word(q.default) : String(q.default);
}

/** Names of the option lists: scales keep their names; a question's own options and yes/no lists get one each. */
class ChoiceLists {
  readonly rows: Row[] = [];
  /** Choice columns a choice_filter reads, in first-seen order. */
  readonly extraColumns = new Set<string>();
  private readonly used = new Set<string>();
  /** Codes back to the XLSForm names of options that have one, by question. */
  private readonly spellings: ChoiceSpellings;

  private readonly scales: Definition['scales'];

  constructor(def: Definition) {
    this.scales = def.scales;
    for (const [name, scale] of Object.entries(def.scales)) this.add(name, scale.options);
    this.spellings = choiceSpellings(def, false);
  }

  /** The options a question answers from (its own, its scale's, or yes/no), for writing its default. */
  optionsOf(q: Question): readonly Option[] {
    if (q.type === 'yesno') return yesNoOptions(q.dontKnow ?? false, q.refuse ?? false);
    if (q.type === 'single' || q.type === 'multi' || q.type === 'scale' || q.type === 'grid')
      return (
        (q.scale !== undefined ? this.scales[q.scale]?.options : undefined) ?? ('options' in q ? (q.options ?? []) : [])
      );
    return [];
  }

  /** An expression as XPath, with the choice codes of named options written as their names. */
  xpath(source: string | undefined, self?: string): string | undefined {
    return source === undefined
      ? undefined
      : respellExpression(printXPath(parseExpression(source)), this.spellings, self);
  }

  add(name: string, options: readonly Option[]): string {
    let unique = name;
    for (let n = 2; this.used.has(unique); n++) unique = `${name}_${n}`;
    this.used.add(unique);
    for (const o of options) {
      const row: Row = { list_name: unique, name: o.name ?? String(o.value) };
      if (o.name !== undefined) row[x.code] = String(o.value);
      for (const [column, value] of Object.entries(o.columns ?? {})) {
        row[column] = value;
        this.extraColumns.add(column);
      }
      putLabel(row, 'label', o.label);
      set(row, x.missing, o.missing);
      set(row, x.exclusive, o.exclusive);
      set(row, x.valence, o.valence);
      this.rows.push(row);
    }
    return unique;
  }

  /** One list per yes/no variant, shared by every yes/no question of that variant. */
  yesNo(dontKnow: boolean, refuse: boolean): string {
    const name = `yesno${dontKnow ? '_dk' : ''}${refuse ? '_rf' : ''}`;
    return this.yesNoNames.get(name) ?? this.remember(name, this.add(name, yesNoOptions(dontKnow, refuse)));
  }

  private readonly yesNoNames = new Map<string, string>();
  private remember(key: string, name: string): string {
    this.yesNoNames.set(key, name);
    return name;
  }
}

function answerableColumns(row: Row, q: Exclude<Question, { type: 'note' | 'calculate' }>, lists: ChoiceLists): void {
  set(row, 'required', typeof q.required === 'string' ? lists.xpath(q.required) : q.required);
  putLabel(row, 'required_message', q.requiredMessage);
  putLabel(row, 'constraint_message', q.constraintMessage);
  set(row, x.pii, q.pii);
  const bounds = {
    constraint: lists.xpath(q.constraint, q.id),
    ...('min' in q ? { min: q.min, max: q.max } : {}),
    ...(q.type === 'text' ? { maxLength: q.maxLength, pattern: q.pattern } : {}),
    ...(q.type === 'multi' ? { minSelected: q.minSelected, maxSelected: q.maxSelected } : {}),
  };
  set(row, 'constraint', composeConstraint(bounds));
  set(row, x.constraint, bounds.constraint);
  set(row, x.min, bounds.min);
  set(row, x.max, bounds.max);
  set(row, x.maxLength, bounds.maxLength);
  set(row, x.pattern, bounds.pattern);
  set(row, x.minSelected, bounds.minSelected);
  set(row, x.maxSelected, bounds.maxSelected);
}

const xlsType: Record<Exclude<Question['type'], 'grid'>, string> = {
  single: 'select_one',
  multi: 'select_multiple',
  scale: 'select_one',
  yesno: 'select_one',
  integer: 'integer',
  decimal: 'decimal',
  text: 'text',
  date: 'date',
  note: 'note',
  calculate: 'calculate',
};

function questionRows(q: Question, lists: ChoiceLists): Row[] {
  const row: Row = { name: q.id, [x.type]: q.type };
  putLabel(row, 'label', q.label);
  set(row, x.measure, q.measure === undefined ? undefined : JSON.stringify(q.measure));
  if (q.type === 'calculate') return [{ ...row, type: 'calculate', calculation: lists.xpath(q.calculation) ?? '' }];
  putLabel(row, 'hint', q.hint);
  set(row, 'relevant', lists.xpath(q.relevant));
  set(row, x.source, q.source);
  if (q.type === 'note') return [{ ...row, type: 'note' }];
  answerableColumns(row, q, lists);
  if (q.type === 'grid') return gridRows(q, row, lists);
  let type = xlsType[q.type];
  if (q.type === 'scale') type += ` ${q.scale}`;
  if (q.type === 'single' || q.type === 'multi') {
    type += ` ${q.scale ?? lists.add(q.id, q.options ?? [])}`;
    // As written in XLSForm: bare choice columns, and named options compared by name.
    if (q.choiceFilter !== undefined)
      row['choice_filter'] = printXPath(parseExpression(q.choiceFilter, { choiceColumns: true }));
  }
  if (q.type === 'yesno') {
    type += ` ${lists.yesNo(q.dontKnow ?? false, q.refuse ?? false)}`;
    set(row, x.dontKnow, q.dontKnow);
    set(row, x.refuse, q.refuse);
  }
  if (q.type === 'text' && q.multiline) row['appearance'] = 'multiline';
  set(row, 'default', defaultText(q, lists.optionsOf(q)));
  return [{ ...row, type }];
}

/** A grid: a table-list group holding one select_one per item; the grid's rules repeat on each item, as in XLSForm. */
function gridRows(q: Extract<Question, { type: 'grid' }>, row: Row, lists: ChoiceLists): Row[] {
  const rules = ['required', 'constraint', ...labelColumns('required_message'), ...labelColumns('constraint_message')];
  const group: Row = { type: 'begin_group', appearance: 'table-list' };
  const perItem: Row = {};
  for (const [k, v] of Object.entries(row)) (rules.includes(k) ? perItem : group)[k] = v;
  const items = q.items.map((item) => {
    const r: Row = { type: `select_one ${q.scale}`, name: item.id, ...perItem };
    putLabel(r, 'label', item.label);
    set(r, 'relevant', lists.xpath(item.relevant));
    set(r, x.measure, item.measure === undefined ? undefined : JSON.stringify(item.measure));
    set(r, x.source, item.source);
    set(r, 'default', defaultText(item, lists.optionsOf(q)));
    return r;
  });
  return [group, ...items, { type: 'end_group', name: q.id }];
}

function sectionRows(s: Section, lists: ChoiceLists): Row[] {
  const begin: Row = { type: 'begin_group', name: s.id, appearance: 'field-list' };
  putLabel(begin, 'label', s.title);
  putLabel(begin, 'hint', s.description);
  set(begin, 'relevant', lists.xpath(s.relevant));
  return [begin, ...s.questions.flatMap((q) => questionRows(q, lists)), { type: 'end_group', name: s.id }];
}

function settingsSheet(def: Definition): Sheet {
  const row: Row = {
    form_title: def.title.vi,
    form_id: def.code,
    version: def.version,
    default_language: 'Tiếng Việt (vi)',
    langnghe_kind: def.kind,
    langnghe_languages: def.languages.join(','),
  };
  set(row, 'langnghe_title_en', def.title.en);
  putLabel(row, 'langnghe_description', def.description);
  set(row, 'langnghe_source', def.source);
  set(row, 'langnghe_framework_index', def.framework?.index);
  putLabel(row, 'langnghe_framework_label', def.framework?.label);
  const columns = [
    'form_title',
    'form_id',
    'version',
    'default_language',
    'langnghe_kind',
    'langnghe_languages',
    'langnghe_title_en',
    ...labelColumns('langnghe_description'),
    'langnghe_source',
    'langnghe_framework_index',
    ...labelColumns('langnghe_framework_label'),
  ];
  return { name: sheetNames.settings, columns, rows: [row] };
}

function scalesSheet(def: Definition): Sheet {
  const rows = Object.entries(def.scales).map(([name, scale]) => {
    const row: Row = { list_name: name };
    putLabel(row, 'label', scale.label);
    set(row, x.ordinal, scale.ordinal);
    return row;
  });
  return { name: sheetNames.scales, columns: ['list_name', ...labelColumns('label'), x.ordinal], rows };
}

/**
 * The workbook for a definition. Expressions must already be valid (the definition was compiled).
 * @example exportXlsForm(registry.current('sipas-2024').questionnaire.definition).sheets[0].name === 'survey'
 */
export function exportXlsForm(def: Definition): Workbook {
  const lists = new ChoiceLists(def);
  const survey = def.sections.flatMap((s) => sectionRows(s, lists));
  const sheets: Sheet[] = [
    { name: sheetNames.survey, columns: surveyColumns, rows: survey },
    { name: sheetNames.choices, columns: [...choiceColumnsFixed, ...lists.extraColumns], rows: lists.rows },
    settingsSheet(def),
    scalesSheet(def),
    ...frameworkSheets(def.framework),
  ];
  if (def.scoring !== undefined) sheets.push(scoringSheet(def.scoring));
  return { sheets };
}
