// The response rate of a draw's households in the AAPOR RR1 sense: completed interviews over every sampled
// household that is not known to be ineligible. Households released but without a final outcome count in the
// denominator (RR1 treats unknown eligibility as eligible), so the rate never flatters an unfinished fieldwork.

export interface DispositionTally {
  /** Completed interviews (I). */
  completed: number;
  /** Eligible households not interviewed: refusals, not at home, moved, other (R + NC + O). */
  nonresponse: number;
  /** Released households without a final outcome yet (unknown eligibility). */
  open: number;
  /** Known ineligible: outside the denominator. */
  ineligible: number;
}

export interface ResponseRate extends DispositionTally {
  /** completed + nonresponse + open. */
  eligible: number;
  /** completed / eligible; null when no household was released. */
  rate: number | null;
}

/**
 * RR1 = I / (I + R + NC + O + unknown).
 * Example: responseRateRR1({ completed: 180, nonresponse: 15, open: 5, ineligible: 4 }).rate → 0.9 (180 / 200).
 */
export function responseRateRR1(t: DispositionTally): ResponseRate {
  const eligible = t.completed + t.nonresponse + t.open;
  return { ...t, eligible, rate: eligible > 0 ? t.completed / eligible : null };
}
