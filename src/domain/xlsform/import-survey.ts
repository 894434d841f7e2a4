// The survey sheet into sections and questions. Top-level groups are sections (questions outside any group get a
// section of their own); a nested table-list group of select_one rows on one list is a grid; other nested groups
// are flattened, their relevance ANDed into their children. Every value remembers its cell.
import { composeConstraint } from './constraint-parts.js';
import { cell, languageColumns, rowsOf, type Cell, type ImportIssue } from './columns-read.js';
import { labelIn, yes, type ChoiceList } from './import-choices.js';
import { translateExpression } from './import-expressions.js';
import { withOther } from './or-other.js';
import { readTypeCell } from './question-type.js';
import { rangeOf } from './range.js';
import { extraColumns as x, type Row, type Sheet } from './sheets.js';
import { metadataTypes, refusedColumns, refusedTypes } from './subset.js';

type Json = Record<string, unknown>;

interface Frame {
  kind: 'section' | 'flat' | 'grid';
  name: string;
  row: number;
  relevant?: string;
  /** section: its object; grid: the grid question being built. */
  target: Json;
  /** Rows collected inside a grid, decided at its end_group. */
  items: { q: Json; row: number; list: string | undefined }[];
}

export interface SurveyRead {
  sections: Json[];
  scalesUsed: Set<string>;
  dropped: string[];
}

export class SurveyReader {
  readonly sections: Json[] = [];
  readonly scalesUsed = new Set<string>();
  readonly dropped: string[] = [];
  private readonly stack: Frame[] = [];
  private implicit: Json | null = null;
  private readonly langs: ReturnType<typeof languageColumns>;

  constructor(
    private readonly sheet: Sheet,
    private readonly lists: ReadonlyMap<string, ChoiceList>,
    private readonly scaleNames: ReadonlySet<string>,
    private readonly issues: ImportIssue[],
    private readonly origin: (path: string, where: Cell) => void,
    private readonly formTitle: { vi: string; en?: string },
  ) {
    this.langs = languageColumns(sheet.columns);
  }

  read(): void {
    for (const { row, n } of rowsOf(this.sheet)) this.readRow(row, n);
    for (const frame of this.stack) this.issue(frame.row, 'type', `begin_group "${frame.name}" has no end_group`);
  }

  private issue(row: number, column: string | undefined, message: string): void {
    this.issues.push({ sheet: this.sheet.name, row, ...(column ? { column } : {}), message });
  }

  private readRow(row: Readonly<Row>, n: number): void {
    const typeCell = cell(row, 'type');
    if (typeCell === undefined) return this.issue(n, 'type', 'the row has values but no type');
    const type = readTypeCell(typeCell);
    if (type.kind === 'group') return type.edge === 'begin' ? this.beginGroup(row, n) : this.endGroup(n);
    // Refused at its beginning only; the questions inside are still read, so their own problems are listed too.
    if (type.kind === 'repeat')
      return type.edge === 'begin'
        ? this.issue(n, 'type', refusedTypes[type.word === 'loop' ? 'begin_loop' : 'begin_repeat'] ?? '')
        : undefined;
    for (const [column, reason] of Object.entries(refusedColumns))
      if (cell(row, column) !== undefined) return this.issue(n, column, reason);
    if (type.kind === 'select') return this.question(row, n, type.base, type.list, type.other);
    if (metadataTypes.has(type.base)) {
      this.dropped.push(`${this.sheet.name} row ${n}: ${type.base} (metadata, recorded by the engine itself)`);
      return;
    }
    const refused = refusedTypes[type.base];
    if (refused !== undefined) return this.issue(n, 'type', refused);
    this.question(row, n, type.base, undefined);
  }

  private expression(row: Readonly<Row>, n: number, column: string): string | undefined {
    const source = cell(row, column);
    if (source === undefined) return undefined;
    const result = translateExpression(source, column === 'choice_filter');
    if ('error' in result) {
      this.issue(n, column, result.error);
      return undefined;
    }
    return result.text;
  }

  /** Relevance of the flattened groups above, ANDed with the row's own. */
  private inheritedRelevant(own: string | undefined): string | undefined {
    const parts = this.stack.filter((f) => f.kind === 'flat' && f.relevant).map((f) => `(${f.relevant})`);
    if (own !== undefined) parts.push(parts.length > 0 ? `(${own})` : own);
    if (parts.length === 1 && own !== undefined) return own;
    return parts.length === 0 ? undefined : translated(parts.join(' and '));
  }

  private beginGroup(row: Readonly<Row>, n: number): void {
    const name = cell(row, 'name') ?? '';
    const appearance = cell(row, 'appearance') ?? '';
    const relevant = this.expression(row, n, 'relevant');
    const label = labelIn(row, this.langs, 'label');
    if (this.stack.length === 0) {
      const section: Json = { id: name, title: label ?? { vi: name } };
      const description = labelIn(row, this.langs, 'hint');
      if (description) section['description'] = description;
      if (relevant !== undefined) section['relevant'] = relevant;
      this.implicit = null;
      this.sections.push(section);
      this.origin(`$.sections[${this.sections.length - 1}]`, { sheet: this.sheet.name, row: n });
      this.stack.push({ kind: 'section', name, row: n, target: section, items: [] });
      return;
    }
    const isGrid = cell(row, x.type) === 'grid' || /\btable-list\b/.test(appearance);
    if (!isGrid) {
      this.stack.push({ kind: 'flat', name, row: n, ...(relevant ? { relevant } : {}), target: {}, items: [] });
      return;
    }
    const grid: Json = { id: name, type: 'grid', label: label ?? { vi: name } };
    const hint = labelIn(row, this.langs, 'hint');
    if (hint) grid['hint'] = hint;
    const inherited = this.inheritedRelevant(relevant);
    if (inherited !== undefined) grid['relevant'] = inherited;
    this.extras(row, grid);
    this.stack.push({ kind: 'grid', name, row: n, ...(relevant ? { relevant } : {}), target: grid, items: [] });
  }

  private endGroup(n: number): void {
    const frame = this.stack.pop();
    if (frame === undefined) return this.issue(n, 'type', 'end_group without a begin_group');
    if (frame.kind !== 'grid') return;
    const lists = new Set(frame.items.map((i) => i.list));
    const allScale = frame.items.length > 0 && frame.items.every((i) => i.q['type'] === 'single' && i.list);
    if (!allScale || lists.size !== 1) {
      // Not a grid after all: its rows are plain questions, under the group's relevance.
      for (const item of frame.items) {
        if (frame.relevant !== undefined)
          item.q['relevant'] = translated(
            item.q['relevant'] === undefined
              ? frame.relevant
              : `(${frame.relevant}) and (${String(item.q['relevant'])})`,
          );
        this.place(item.q, item.row);
      }
      return;
    }
    const [list] = lists;
    const first = frame.items[0]?.q ?? {};
    const grid = frame.target;
    grid['scale'] = list;
    this.scalesUsed.add(list ?? '');
    for (const key of ['required', 'requiredMessage', 'constraint', 'constraintMessage'])
      if (first[key] !== undefined) grid[key] = first[key];
    grid['items'] = frame.items.map(({ q }) => {
      const item: Json = { id: q['id'], label: q['label'] };
      for (const key of ['relevant', 'measure', 'source', 'default']) if (q[key] !== undefined) item[key] = q[key];
      return item;
    });
    const at = this.place(grid, frame.row);
    frame.items.forEach((item, k) => this.origin(`${at}.items[${k}]`, { sheet: this.sheet.name, row: item.row }));
  }

  /** Puts a question in the current section (an implicit one outside groups); returns its JSON path. */
  private place(q: Json, row: number): string {
    const frame = this.stack.find((f) => f.kind === 'section');
    let section = frame?.target;
    if (section === undefined) {
      if (this.implicit === null) {
        this.implicit = { id: `section_${this.sections.length + 1}`, title: this.formTitle, questions: [] };
        this.sections.push(this.implicit);
      }
      section = this.implicit;
    }
    const questions = (section['questions'] ??= []) as Json[];
    questions.push(q);
    const path = `$.sections[${this.sections.indexOf(section)}].questions[${questions.length - 1}]`;
    this.origin(path, { sheet: this.sheet.name, row });
    return path;
  }

  private extras(row: Readonly<Row>, q: Json): void {
    const measure = cell(row, x.measure);
    if (measure !== undefined) {
      try {
        q['measure'] = JSON.parse(measure) as unknown;
      } catch {
        q['measure'] = measure;
      }
    }
    const source = cell(row, x.source);
    if (source !== undefined) q['source'] = source;
    const pii = yes(cell(row, x.pii));
    if (pii !== undefined) q['pii'] = pii;
  }

  private question(row: Readonly<Row>, n: number, base: string, list: string | undefined, other = false): void {
    const name = cell(row, 'name');
    if (name === undefined) return this.issue(n, 'name', 'every question needs a name');
    const q: Json = { id: name };
    const label = labelIn(row, this.langs, 'label');
    if (label) q['label'] = label;
    const kind = this.kindOf(row, n, base, list, q);
    if (kind === null) return;
    q['type'] = kind;
    const inGrid = this.stack[this.stack.length - 1]?.kind === 'grid';
    const specify = other ? withOther(q, inGrid) : null;
    if (specify !== null && 'error' in specify) return this.issue(n, 'type', specify.error);
    if (kind === 'calculate') {
      const calculation = this.expression(row, n, 'calculation');
      if (calculation === undefined && cell(row, 'calculation') === undefined)
        this.issue(n, 'calculation', 'a calculate row needs a calculation');
      q['calculation'] = calculation ?? '0';
      this.extras(row, q);
      return this.add(q, n, list);
    }
    if (!label) q['label'] = { vi: '' };
    const hint = labelIn(row, this.langs, 'hint');
    if (hint) q['hint'] = hint;
    const relevant = this.expression(row, n, 'relevant');
    const own = inGrid ? relevant : this.inheritedRelevant(relevant);
    if (own !== undefined) q['relevant'] = own;
    this.extras(row, q);
    if (kind !== 'note') this.answerable(row, n, q, kind);
    if (kind !== 'note') this.defaultOf(row, n, q, kind, list);
    this.add(q, n, list);
    if (specify !== null) this.add(specify.followUp, n, undefined);
  }

  /** XLSForm's `default` in the stored form of the answer: choice names become codes, numbers numbers. */
  private defaultOf(row: Readonly<Row>, n: number, q: Json, kind: string, list: string | undefined): void {
    const text = cell(row, 'default');
    if (text === undefined) return;
    if (/\$\{|\(/.test(text))
      return this.issue(
        n,
        'default',
        'a default must be a fixed value: dynamic defaults (expressions) are not supported',
      );
    const options = list === undefined ? undefined : this.lists.get(list)?.options;
    const code = (word: string): number | undefined =>
      options?.find((o) => o.name === word || (o.name === undefined && String(o.value) === word))?.value;
    let value: unknown = text;
    if (kind === 'integer' || kind === 'decimal') value = Number(text);
    else if (kind === 'multi') value = text.split(/\s+/).map(code);
    else if (kind === 'single' || kind === 'scale' || kind === 'yesno') value = code(text);
    const bad = value === undefined || (Array.isArray(value) && value.includes(undefined)) || Number.isNaN(value);
    if (bad) return this.issue(n, 'default', `"${text}" is not an answer to this question`);
    q['default'] = value;
  }

  private add(q: Json, n: number, list: string | undefined): void {
    const top = this.stack[this.stack.length - 1];
    if (top?.kind === 'grid') top.items.push({ q, row: n, list });
    else this.place(q, n);
  }

  private kindOf(row: Readonly<Row>, n: number, base: string, list: string | undefined, q: Json): string | null {
    const declared = cell(row, x.type);
    if (base === 'range') {
      const range = rangeOf(cell(row, 'parameters'), q);
      if ('error' in range) this.issue(n, 'parameters', range.error);
      return 'error' in range ? null : range.kind;
    }
    // pyxform's "phone number": text of digits only.
    if (base === 'phone_number') {
      q['pattern'] = '^[0-9]*$';
      return 'text';
    }
    if (['text', 'integer', 'decimal', 'date', 'note', 'calculate'].includes(base)) {
      if (base === 'text' && /\bmultiline\b/.test(cell(row, 'appearance') ?? '')) q['multiline'] = true;
      return base;
    }
    if (base !== 'select_one' && base !== 'select_multiple') {
      this.issue(n, 'type', `unknown question type "${base}"`);
      return null;
    }
    const choices = list === undefined ? undefined : this.lists.get(list);
    if (list === undefined || choices === undefined) {
      this.issue(
        n,
        'type',
        list === undefined ? `${base} needs a list name` : `no list "${list}" on the choices sheet`,
      );
      return null;
    }
    const filter = this.expression(row, n, 'choice_filter');
    if (filter !== undefined) q['choiceFilter'] = filter;
    if (base === 'select_multiple') {
      this.choicesOf(q, list, choices);
      return 'multi';
    }
    if (declared === 'yesno') {
      const values = new Set(choices.options.map((o) => o.value));
      q['dontKnow'] = yes(cell(row, x.dontKnow)) ?? values.has(98);
      q['refuse'] = yes(cell(row, x.refuse)) ?? values.has(99);
      if (cell(row, x.dontKnow) === undefined && !values.has(98)) delete q['dontKnow'];
      if (cell(row, x.refuse) === undefined && !values.has(99)) delete q['refuse'];
      return 'yesno';
    }
    if (declared === 'scale' && this.scaleNames.has(list)) {
      q['scale'] = list;
      this.scalesUsed.add(list);
      return 'scale';
    }
    this.choicesOf(q, list, choices);
    return 'single';
  }

  /** A named scale stays a reference to it; any other list is copied into the question. */
  private choicesOf(q: Json, list: string, choices: ChoiceList): void {
    if (this.scaleNames.has(list)) {
      q['scale'] = list;
      this.scalesUsed.add(list);
    } else {
      q['options'] = choices.options;
      q['__list'] = list;
    }
  }

  private answerable(row: Readonly<Row>, n: number, q: Json, kind: string): void {
    const required = cell(row, 'required');
    if (required !== undefined) {
      const flag = ['yes', 'true', 'true()'].includes(required.toLowerCase())
        ? true
        : ['no', 'false', 'false()'].includes(required.toLowerCase())
          ? false
          : undefined;
      q['required'] = flag ?? this.expression(row, n, 'required');
    }
    const requiredMessage = labelIn(row, this.langs, 'required_message');
    if (requiredMessage) q['requiredMessage'] = requiredMessage;
    const constraintMessage = labelIn(row, this.langs, 'constraint_message');
    if (constraintMessage) q['constraintMessage'] = constraintMessage;
    this.bounds(row, n, q, kind);
  }

  /** The constraint column as written, or, when it is exactly what the extra columns compose, those bounds. */
  private bounds(row: Readonly<Row>, n: number, q: Json, kind: string): void {
    const constraint = this.expression(row, n, 'constraint');
    if (constraint === undefined) return;
    const num = (c: string): number | undefined => {
      const v = cell(row, c);
      return v === undefined || Number.isNaN(Number(v)) ? undefined : Number(v);
    };
    const bound = (c: string): number | string | undefined => (kind === 'date' ? cell(row, c) : num(c));
    const own = cell(row, x.constraint);
    const b = {
      constraint: own === undefined ? undefined : translateOrUndefined(own),
      min: bound(x.min),
      max: bound(x.max),
      maxLength: num(x.maxLength),
      pattern: cell(row, x.pattern),
      minSelected: num(x.minSelected),
      maxSelected: num(x.maxSelected),
    };
    let composed: string | undefined;
    try {
      composed = composeConstraint(b);
    } catch {
      composed = undefined;
    }
    if (composed === undefined || translateOrUndefined(composed) !== constraint) {
      q['constraint'] = constraint;
      return;
    }
    for (const [key, value] of Object.entries(b)) if (value !== undefined) q[key] = value;
  }
}

function translateOrUndefined(source: string): string | undefined {
  const r = translateExpression(source);
  return 'text' in r ? r.text : undefined;
}

/** Re-prints a combination of already translated parts (always valid). */
function translated(source: string): string {
  return translateOrUndefined(source) ?? source;
}
