// What the evaluation of a plan reads: the province's survey estimates (with SE and design df), the published
// national figures (score, rank among provinces, group), the administrative indicators' values, and the
// framework's children. All figures are in the unit the index publishes (SIPAS %, PAPI points, PAR Index %).
import type { IndexCode, Subject } from './model.js';

export type Basis = 'survey' | 'published' | 'indicator';

/** One figure for one year: a survey estimate with its uncertainty, or an exact number (se 0, df Infinity). */
export interface Figure {
  readonly value: number;
  readonly se: number;
  /** Design degrees of freedom of the estimate; Infinity for an exact figure. */
  readonly df: number;
  /** The estimate's own 95% CI as the results pages show it (for an exact figure, the value itself). */
  readonly ciLow: number;
  readonly ciHigh: number;
  readonly basis: Basis;
  readonly year: number;
  /** Where it comes from: a round code, "published", an indicator's period ("2024", "2024-09"). */
  readonly source: string;
}

/** A row of the national tables for the plan's province. */
export interface PublishedFigure {
  readonly year: number;
  readonly score: number | null;
  readonly rank: number | null;
  /** How many provinces were ranked (63 before 2025, 34 after). */
  readonly provinces: number | null;
  readonly group: string | null;
}

export type NodeSubject = Extract<Subject, { type: 'node' }>;

export interface Facts {
  survey(subject: NodeSubject, year: number): Figure | null;
  published(index: IndexCode, node: string, year: number): PublishedFigure | null;
  indicator(code: string, year: number): Figure | null;
  /** The node's children at `level` (a level key), or its direct children when null; [] when none are known. */
  children(index: IndexCode, node: string, level: string | null): readonly string[];
  /** 'lower' for indicators where less is better (waiting time); survey and index scores are 'higher'. */
  direction(subject: Subject): 'higher' | 'lower';
}

/** An exact figure (published or administrative): no sampling error. */
export function exactFigure(value: number, basis: Basis, year: number, source: string): Figure {
  return { value, se: 0, df: Infinity, ciLow: value, ciHigh: value, basis, year, source };
}
