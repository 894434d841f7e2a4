// The disposition codes of a household assignment with their labels, apart from the zod schema so that the
// browser bundle (public/js/rules.js) can carry them without zod.

/** interview: counts as completed; nonresponse: an eligible household not interviewed; ineligible: out of scope. */
export type DispositionOutcome = 'interview' | 'nonresponse' | 'ineligible';

export const dispositions = {
  completed: { vi: 'Hoàn thành phỏng vấn', en: 'Completed', outcome: 'interview' },
  refused: { vi: 'Từ chối trả lời', en: 'Refused', outcome: 'nonresponse' },
  not_at_home_3_visits: { vi: 'Vắng nhà sau 3 lần đến', en: 'Not at home after 3 visits', outcome: 'nonresponse' },
  moved: { vi: 'Đã chuyển đi nơi khác', en: 'Moved away', outcome: 'nonresponse' },
  ineligible: { vi: 'Không thuộc đối tượng khảo sát', en: 'Ineligible', outcome: 'ineligible' },
  other: { vi: 'Lý do khác', en: 'Other', outcome: 'nonresponse' },
} as const satisfies Record<string, { vi: string; en: string; outcome: DispositionOutcome }>;

export type DispositionCode = keyof typeof dispositions;

/** Visits an interviewer must make before "not at home" becomes final. */
export const requiredVisitsForNotAtHome = 3;
