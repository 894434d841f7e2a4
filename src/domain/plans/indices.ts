// The indices a plan can name and what the product knows of each. SIPAS, PAPI and the one-stop rating (TT01)
// take their nodes from the questionnaires' frameworks; the PAR Index is not surveyed here, so its eight fields
// are listed below and its criteria ("3.4.1") are accepted by shape under a known field, as the ministry renumbers
// them from year to year. Survey scores are proportions for SIPAS; plans and national tables speak in percent.
import type { IndexCode } from './model.js';

export interface IndexLabel {
  readonly vi: string;
  readonly en: string;
}

export const indexLabels: Record<IndexCode, IndexLabel> = {
  SIPAS: {
    vi: 'Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước (SIPAS)',
    en: 'Satisfaction index of public administrative services (SIPAS)',
  },
  PAPI: {
    vi: 'Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI)',
    en: 'Provincial governance and public administration performance index (PAPI)',
  },
  TT01: { vi: 'Đánh giá giải quyết thủ tục hành chính tại Bộ phận Một cửa', en: 'One-stop service rating (TT01)' },
  PAR: { vi: 'Chỉ số cải cách hành chính (PAR Index)', en: 'Public administration reform index (PAR Index)' },
};

/**
 * The PAR Index's eight fields (lĩnh vực) with the names of the 2023 index (seed 000, lines 35–125); the 2021
 * index numbered the same fields 1–8 under older names (seed 004: "Hiện đại hóa hành chính" for 7).
 */
export const parFields: readonly { code: string; label: IndexLabel }[] = [
  { code: '1', label: { vi: 'Công tác chỉ đạo, điều hành cải cách hành chính', en: 'Direction of reform' } },
  { code: '2', label: { vi: 'Cải cách thể chế', en: 'Institutional reform' } },
  { code: '3', label: { vi: 'Cải cách thủ tục hành chính', en: 'Administrative procedure reform' } },
  { code: '4', label: { vi: 'Cải cách tổ chức bộ máy hành chính', en: 'Organisational reform' } },
  { code: '5', label: { vi: 'Cải cách chế độ công vụ', en: 'Civil service reform' } },
  { code: '6', label: { vi: 'Cải cách tài chính công', en: 'Public finance reform' } },
  { code: '7', label: { vi: 'Xây dựng và phát triển chính quyền điện tử, chính quyền số', en: 'E-government' } },
  {
    code: '8',
    label: {
      vi: 'Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội',
      en: 'Impact of reform on people, organisations and development',
    },
  },
];

const parCriterion = /^[1-8](\.[1-9][0-9]?){1,2}$/;

/** A PAR Index code: "overall", a field "1"–"8", or a criterion ("3.4") or sub-criterion ("3.4.1") of a field. */
export function isParNode(code: string): boolean {
  return code === 'overall' || parFields.some((f) => f.code === code) || parCriterion.test(code);
}

/** The level of a PAR Index code: overall, field, criterion or subcriterion. */
export function parLevel(code: string): 'overall' | 'field' | 'criterion' | 'subcriterion' {
  if (code === 'overall') return 'overall';
  const depth = code.split('.').length;
  return depth === 1 ? 'field' : depth === 2 ? 'criterion' : 'subcriterion';
}

/** The parent of a PAR Index code ("3.4.1" → "3.4" → "3" → "overall"). */
export function parParent(code: string): string | null {
  if (code === 'overall') return null;
  const i = code.lastIndexOf('.');
  return i < 0 ? 'overall' : code.slice(0, i);
}

/**
 * Plans and national tables give SIPAS in percent (81,62%) while the survey scores it as a proportion; every
 * other index uses the same unit on both sides. Survey figures are multiplied by this before they meet a plan.
 */
export function surveyToPublished(index: IndexCode): number {
  return index === 'SIPAS' ? 100 : 1;
}

/** The unit a plan's values are written in, for people. */
export function indexUnit(index: IndexCode): '%' | 'điểm' {
  return index === 'SIPAS' || index === 'PAR' ? '%' : 'điểm';
}
