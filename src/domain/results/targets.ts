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

export interface TargetStatus extends Target {
  /** The level the node must reach this round; null when a change target has no previous round to start from. */
  goal: number | null;
  estimate: number;
  /** goal − estimate: positive means below target. */
  gap: number | null;
  below: boolean;
}

/**
 * Where a node stands against its target.
 * @example evaluateTarget({ nodeCode: 'II.A.1', kind: 'change', value: 0.1, owner: 'Sở Nội vụ' }, 0.78, 0.72)
 *   // goal 0.82, gap ≈ 0.04, below: true
 */
export function evaluateTarget(target: Target, estimate: number, previous: number | null): TargetStatus {
  const goal = target.kind === 'absolute' ? target.value : previous === null ? null : previous + target.value;
  const gap = goal === null ? null : goal - estimate;
  return { ...target, goal, estimate, gap, below: gap !== null && gap > 0 };
}

/** Targets below goal, worst (largest gap) first. */
export function belowTarget(statuses: readonly TargetStatus[]): TargetStatus[] {
  return statuses.filter((s) => s.below).sort((a, b) => (b.gap ?? 0) - (a.gap ?? 0));
}
