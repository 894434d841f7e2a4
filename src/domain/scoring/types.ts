// Types of the scoring layer: what goes in (a compiled questionnaire, answers aligned with a survey design) and
// what comes out (one score per framework node with its linearised SE, CI, n and df).
import type { IntervalMethod, SurveyDesign } from '../estimation/index.js';
import type { AnswerValue, Label, Questionnaire, ScoringMethod } from '../questionnaire/index.js';

/**
 * The interval of a share (SIPAS nodes, the one-stop satisfaction tap), chosen per round: `logit` (default)
 * expit(logit(p) ∓ t(df)·se/(p(1 − p))), or `beta` (Korn–Graubard). Bounded scores always use the logit of the
 * rescaled score; every interval uses t on the domain's design df (docs/sampling.md, "Intervals").
 */
export type ShareInterval = 'logit' | 'beta';

/**
 * Why an estimate is flagged, the first that applies in this order: `self_selected` (counter ratings: counts and
 * shares only), `no_df` (df 0: no interval), `n_lt_30`, `df_lt_8`, `cv_gt_30`; `ok` otherwise.
 */
export type Reliability = 'ok' | 'self_selected' | 'no_df' | 'n_lt_30' | 'df_lt_8' | 'cv_gt_30';

export type AnswerRecord = Readonly<Record<string, AnswerValue | null | undefined>>;

export interface ScoringOptions {
  /** The interval of shares (default logit). */
  readonly shareInterval?: ShareInterval | undefined;
  /** Confidence level, default 0.95. */
  readonly level?: number | undefined;
  /** An estimate with fewer respondents than this is flagged n_lt_30 (default 30). */
  readonly minRespondents?: number | undefined;
  /**
   * Self-selected responses (kiosk ratings): plain counts and shares, with no standard error, interval or design
   * effect (reliability `self_selected`).
   */
  readonly selfSelected?: boolean | undefined;
  /** Compute design effects (default true); a round scored only for its trend point or a change can skip them. */
  readonly designEffects?: boolean | undefined;
}

export interface ScoringInput extends ScoringOptions {
  readonly questionnaire: Questionnaire;
  /**
   * One record per respondent; record k is row k of `design`. An absent field means not asked (skipped by its
   * relevance condition) or not answered: missing, never "not satisfied". Calculated fields are not read.
   */
  readonly answers: readonly AnswerRecord[];
  /** From createDesign (optionally calibrated), built by the caller over the same rows. */
  readonly design: SurveyDesign;
}

/** A node's indicator estimate on its own measure scale before PAPI rescaling (e.g. a share on [0, 1]). */
export interface RawEstimate {
  readonly estimate: number;
  readonly se: number;
  readonly scale: readonly [number, number];
}

export interface NodeScore {
  /** Framework code; the overall index uses the framework's index name (e.g. "SIPAS", "PAPI"). */
  readonly code: string;
  /** Framework level key ("criterion", "dimension", ...), "overall", or "satisfaction" (one-stop tap). */
  readonly level: string;
  readonly label: Label;
  readonly parent: string | null;
  /**
   * The rule that produced the score: share_satisfied (share_satisfied_pooled for a criterion with several items),
   * mean_of_children, direct_item, ...
   */
  readonly rule: string;
  /** SIPAS and % satisfied: a proportion in [0, 1]; PAPI: points on the rescaled scale; one-stop: points. */
  readonly estimate: number;
  readonly se: number;
  /** Bounds of the interval (NaN when `interval` is none). */
  readonly ciLow: number;
  readonly ciHigh: number;
  readonly interval: IntervalMethod;
  /** The range the score can take ([0, 1] for a share, [1, 10] for a PAPI item, [8, 80] the total); null: unbounded. */
  readonly scale: readonly [number, number] | null;
  /** The score is a share (proportion in [0, 1]). */
  readonly share: boolean;
  /**
   * Respondents (in scope) with a valid answer to at least one item that enters the score: a leaf's items; for a
   * roll-up the union over its children (a child scored by a direct item counts that item); for a pooled node
   * every leaf item below it; for a direct item, that item.
   */
  readonly n: number;
  /** Leaves and direct items: n; roll-ups: the smallest nMin among the children (the weakest leaf below). */
  readonly nMin: number;
  /** Design df of the domain: PSUs − strata among its rows (R's degf of the subset design); NaN when self-selected. */
  readonly df: number;
  /**
   * V / V_srs(with replacement): R's deff(svymean(~u, des, deff = "replace")) with u the score's linearised variable
   * (the item itself for a one-item score); null when it cannot be computed or was not asked for.
   */
  readonly deff: number | null;
  /** n / deff. */
  readonly nEff: number | null;
  /** se / estimate; null when the estimate is 0 or there is no SE. */
  readonly cv: number | null;
  readonly reliability: Reliability;
  /** reliability is not ok. */
  readonly unreliable: boolean;
  /** PAPI indicators only: the estimate before rescaling. */
  readonly raw: RawEstimate | null;
}

export interface ScoreResult {
  readonly method: ScoringMethod;
  /** The framework's index name. */
  readonly index: string;
  /** Rows in scope (the sample or the domain). */
  readonly respondents: number;
  readonly df: number;
  readonly overall: NodeScore;
  /** Every framework node, parents before children, in framework order. */
  readonly nodes: readonly NodeScore[];
  /** One-stop only: % satisfied on the satisfaction tap. */
  readonly satisfaction: NodeScore | null;
}
