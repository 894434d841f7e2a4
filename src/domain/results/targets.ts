// Targets from the provinces' improvement plans: an absolute level ("SIPAS above 90%") or a change over the
// previous round ("+10 points per criterion", "+0.1 per PAPI sub-dimension"), each with an owning department.
export const departments = [
  'Sở Nội vụ',
  'Văn phòng UBND tỉnh',
  'Sở Tư pháp',
  'Sở Thông tin và Truyền thông',
  'Sở Tài chính',
  'Sở Kế hoạch và Đầu tư',
  'Sở Tài nguyên và Môi trường',
  'Sở Xây dựng',
  'Sở Y tế',
  'Sở Giáo dục và Đào tạo',
  'Sở Lao động - Thương binh và Xã hội',
  'Công an tỉnh',
] as const;

export type TargetKind = 'absolute' | 'change';

export interface Target {
  nodeCode: string;
  kind: TargetKind;
  /** In the score's own unit: a proportion for SIPAS (0.9 = 90%), points on 1-10 for PAPI. */
  value: number;
  owner: string;
}

/**
 * Where a node stands against its target at 95%: `met` (the whole interval is above the goal), `missed` (the whole
 * interval is below it), `indistinguishable` (the goal lies inside the interval), `no_baseline` (a change target
 * without a previous round). A change target compares the change's interval with the increase asked for.
 * Without an interval (df 0, self-selected ratings) the point estimate decides, and `basis` says so.
 */
export type TargetVerdict = 'met' | 'missed' | 'indistinguishable' | 'no_baseline';

export interface TargetStatus extends Target {
  /** The level the node must reach this round; null when a change target has no previous round to start from. */
  goal: number | null;
  estimate: number;
  /** goal − estimate: positive means below target. */
  gap: number | null;
  /** The point estimate is below the goal. */
  below: boolean;
  status: TargetVerdict;
  /** What decided the status: the interval, or the point estimate alone (no interval). */
  basis: 'interval' | 'point' | null;
}

/** What evaluateTarget needs of the node: its estimate and interval, and its change since the previous round. */
export interface TargetEvidence {
  estimate: number;
  ciLow: number;
  ciHigh: number;
  previous: number | null;
  change: { change: number; ciLow: number; ciHigh: number } | null;
}

function verdict(value: number, low: number, high: number, point: number): Pick<TargetStatus, 'status' | 'basis'> {
  if (Number.isFinite(low) && Number.isFinite(high)) {
    if (low > value) return { status: 'met', basis: 'interval' };
    if (high < value) return { status: 'missed', basis: 'interval' };
    return { status: 'indistinguishable', basis: 'interval' };
  }
  return { status: point >= value ? 'met' : 'missed', basis: 'point' };
}

/**
 * Where a node stands against its target.
 * @example evaluateTarget({ nodeCode: 'II.C', kind: 'absolute', value: 0.8407, owner: 'Sở Nội vụ' },
 *     { estimate: 0.836, ciLow: 0.798, ciHigh: 0.874, previous: null, change: null })
 *   // goal 0.8407, gap ≈ 0.0047, below: true, status: 'indistinguishable'
 */
export function evaluateTarget(target: Target, e: TargetEvidence): TargetStatus {
  const previous = e.previous;
  const goal = target.kind === 'absolute' ? target.value : previous === null ? null : previous + target.value;
  const gap = goal === null ? null : goal - e.estimate;
  const base = { ...target, goal, estimate: e.estimate, gap, below: gap !== null && gap > 0 };
  if (goal === null) return { ...base, status: 'no_baseline', basis: null };
  if (target.kind === 'absolute') return { ...base, ...verdict(goal, e.ciLow, e.ciHigh, e.estimate) };
  const c = e.change;
  return { ...base, ...verdict(target.value, c?.ciLow ?? NaN, c?.ciHigh ?? NaN, e.estimate - (previous as number)) };
}

const order: Record<TargetVerdict, number> = { missed: 0, indistinguishable: 1, met: 2, no_baseline: 3 };

/** Targets not shown to be met: missed first, then not distinguishable from the goal, each largest gap first. */
export function belowTarget(statuses: readonly TargetStatus[]): TargetStatus[] {
  return statuses
    .filter((s) => s.status === 'missed' || s.status === 'indistinguishable')
    .sort((a, b) => order[a.status] - order[b.status] || (b.gap ?? 0) - (a.gap ?? 0));
}
