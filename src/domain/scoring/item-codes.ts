// The answers a round's scores read, kept compact so a round can be scored again without its microdata: per scored
// item, each respondent's numeric answer as an index into that item's distinct answers (a 200,000-response SIPAS
// round holds a few codes per item: two bytes a cell instead of a parsed answer object). Rows are only appended, so
// new responses extend what is kept and give exactly the columns a full read gives.
import type { Field } from '../questionnaire/index.js';
import { numericAnswer, type CodeValue } from './item-values.js';
import { prepareFromColumns, scoredItems, itemValue, type ItemKind, type Prepared } from './prepare.js';
import type { ScoringTree } from './tree.js';
import type { AnswerRecord } from './types.js';

/** Index 0 stands for "no numeric answer" (NaN); distinct answers start at 1. */
const none = 0;
const maxCodes = 0xffff;

interface ItemColumn {
  readonly field: Field;
  /** Distinct answers seen, by index (index 0 unused: no answer). */
  readonly codes: number[];
  readonly indexOf: Map<number, number>;
  /** Two bytes a row while the item has fewer than 65,535 distinct answers, else the answers themselves. */
  cells: Uint16Array | Float64Array;
}

export class ItemCodes {
  readonly tree: ScoringTree;
  private readonly items: { kind: ItemKind; field: Field }[];
  private readonly columns: ItemColumn[];
  private size = 0;

  constructor(tree: ScoringTree) {
    this.tree = tree;
    this.items = scoredItems(tree);
    // One column per question, even when a question is both a leaf and a direct item.
    const byId = new Map<string, ItemColumn>();
    for (const { field } of this.items) {
      if (!byId.has(field.id))
        byId.set(field.id, { field, codes: [NaN], indexOf: new Map(), cells: new Uint16Array(1024) });
    }
    this.columns = [...byId.values()];
  }

  /** Respondents kept. */
  get rows(): number {
    return this.size;
  }

  /** Appends the answers of respondents, in order: one pass over each record, every item at once. */
  append(records: readonly AnswerRecord[]): void {
    this.reserve(this.size + records.length);
    for (const record of records) {
      const row = this.size;
      for (const c of this.columns) {
        const code = numericAnswer(record[c.field.id]);
        if (c.cells instanceof Float64Array) {
          c.cells[row] = code;
          continue;
        }
        if (Number.isNaN(code)) {
          c.cells[row] = none;
          continue;
        }
        let index = c.indexOf.get(code);
        if (index === undefined) {
          index = c.codes.length;
          if (index > maxCodes) {
            widen(c, row);
            c.cells[row] = code;
            continue;
          }
          c.codes.push(code);
          c.indexOf.set(code, index);
        }
        c.cells[row] = index;
      }
      this.size += 1;
    }
  }

  /** The value column of one item, as prepareScoring builds it from the answers. */
  column(kind: ItemKind, field: Field): Float64Array {
    const c = this.columns.find((x) => x.field.id === field.id);
    if (!c) throw new Error(`"${field.id}" is not a scored item`);
    const valueOf: CodeValue = itemValue(this.tree, kind, field);
    const out = new Float64Array(this.size);
    if (c.cells instanceof Float64Array) {
      for (let k = 0; k < this.size; k += 1) {
        const code = c.cells[k] as number;
        out[k] = Number.isNaN(code) ? NaN : valueOf(code);
      }
      return out;
    }
    const values = c.codes.map((code, i) => (i === none ? NaN : valueOf(code)));
    const cells = c.cells;
    for (let k = 0; k < this.size; k += 1) out[k] = values[cells[k] as number] as number;
    return out;
  }

  /** The prepared scoring of every respondent kept (prepareScoring over the same answers gives the same). */
  prepare(): Prepared {
    return prepareFromColumns(this.tree, this.size, (kind, field) => this.column(kind, field));
  }

  private reserve(rows: number): void {
    for (const c of this.columns) {
      if (c.cells.length >= rows) continue;
      const grown = c.cells instanceof Float64Array ? new Float64Array(rows * 2) : new Uint16Array(rows * 2);
      grown.set(c.cells.subarray(0, this.size));
      c.cells = grown;
    }
  }
}

/** An item with more distinct answers than two bytes index keeps its answers themselves from then on. */
function widen(c: ItemColumn, rows: number): void {
  const wide = new Float64Array(c.cells.length);
  for (let k = 0; k < rows; k += 1) wide[k] = c.codes[c.cells[k] as number] as number;
  c.cells = wide;
}
