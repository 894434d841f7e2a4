// Types of the scoring layer: what goes in (a compiled questionnaire, answers aligned with a survey design) and
// what comes out (one score per framework node with its linearised SE, CI, n and df).
import type { SurveyDesign } from '../estimation/index.js';
import type { AnswerValue, Label, Questionnaire, ScoringMethod } from '../questionnaire/index.js';

/**
 * How node CIs are computed (level = `ScoringOptions.level`, df = the domain's design df, PSUs − strata):
 *   auto    (default) logit for SIPAS proportions estimated from one 0/1 column (criteria with one item, direct
 *           items, the one-stop satisfaction tap): svyciprop(method="logit"); Wald with t on df for the rest
 *   wald    Wald with t on df everywhere
 *   normal  Wald with the normal quantile everywhere (R's confint(svymean()) and svyby CIs)
 *   logit   every proportion node on the logit scale: svyciprop's logit for one-column proportions, the delta
 *           method ("xlogit") for roll-ups; non-proportions (PAPI scores, points) use Wald with t on df
 */
export type ScoreCiMethod = 'auto' | 'wald' | 'normal' | 'logit';

/** The interval a node actually got. */
export type IntervalKind = 'logit' | 'xlogit' | 'wald_t' | 'wald_normal';

export type AnswerRecord = Readonly<Record<string, AnswerValue | null | undefined>>;

export interface ScoringOptions {
  readonly ci?: ScoreCiMethod | undefined;
  /** Confidence level, default 0.95. */
  readonly level?: number | undefined;
  /** Fewer respondents than this flags a domain, and a node whose weakest leaf has fewer, as unreliable (30). */
  readonly minRespondents?: number | undefined;
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
  readonly ciLow: number;
  readonly ciHigh: number;
  readonly interval: IntervalKind;
  /**
   * Respondents (in scope) with a valid answer to at least one item that enters the score: a leaf's items; for a
   * roll-up the union over its children (a child scored by a direct item counts that item); for a pooled node
   * every leaf item below it; for a direct item, that item.
   */
  readonly n: number;
  /** Leaves and direct items: n; roll-ups: the smallest nMin among the children (the weakest leaf below). */
  readonly nMin: number;
  /** Design df of the domain: PSUs − strata among its rows (R's degf of the subset design). */
  readonly df: number;
  /** nMin below ScoringOptions.minRespondents. */
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
