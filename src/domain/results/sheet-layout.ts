// How the XLSX download lays out a round's results: a sheet per framework level named after the level, a header
// in Vietnamese and English over the machine column names, and an Excel number format per column (percent with
// the pack's decimals for shares, the pack's decimals for scores, whole numbers for counts).
import type { Label } from '../questionnaire/index.js';

/** Column headers people read; a column not listed is headed by its name. */
export const columnHeaders: Readonly<Record<string, Label>> = {
  round: { vi: 'Kỳ', en: 'Round' },
  index: { vi: 'Chỉ số', en: 'Index' },
  domain: { vi: 'Phân tổ', en: 'Breakdown' },
  domain_level: { vi: 'Nhóm', en: 'Group' },
  node: { vi: 'Mã', en: 'Code' },
  level: { vi: 'Cấp', en: 'Level' },
  label_vi: { vi: 'Tên (tiếng Việt)', en: 'Name (Vietnamese)' },
  label_en: { vi: 'Tên (tiếng Anh)', en: 'Name (English)' },
  estimate: { vi: 'Ước lượng', en: 'Estimate' },
  se: { vi: 'Sai số chuẩn', en: 'Standard error' },
  ci_low: { vi: 'Cận dưới 95%', en: '95% CI lower' },
  ci_high: { vi: 'Cận trên 95%', en: '95% CI upper' },
  interval_method: { vi: 'Cách tính khoảng', en: 'Interval method' },
  n: { vi: 'Số người trả lời (n)', en: 'Respondents (n)' },
  df: { vi: 'Bậc tự do', en: 'Degrees of freedom' },
  deff: { vi: 'Hiệu ứng thiết kế', en: 'Design effect' },
  n_eff: { vi: 'Cỡ mẫu hiệu dụng', en: 'Effective n' },
  cv: { vi: 'Hệ số biến thiên', en: 'Coefficient of variation' },
  reliability: { vi: 'Độ tin cậy', en: 'Reliability' },
  unreliable: { vi: 'Kém tin cậy', en: 'Unreliable' },
  previous: { vi: 'Kỳ trước', en: 'Previous round' },
  change: { vi: 'Thay đổi', en: 'Change' },
  change_se: { vi: 'Sai số chuẩn của thay đổi', en: 'SE of the change' },
  change_significant: { vi: 'Thay đổi có ý nghĩa', en: 'Significant change' },
  target_kind: { vi: 'Loại chỉ tiêu', en: 'Target kind' },
  target_value: { vi: 'Chỉ tiêu', en: 'Target' },
  goal: { vi: 'Mức cần đạt', en: 'Goal' },
  gap: { vi: 'Khoảng cách', en: 'Gap' },
  owner: { vi: 'Đơn vị chủ trì', en: 'Owner' },
  scale_min: { vi: 'Thang: nhỏ nhất', en: 'Scale minimum' },
  scale_max: { vi: 'Thang: lớn nhất', en: 'Scale maximum' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  decimals: { vi: 'Số chữ số thập phân', en: 'Decimals' },
  change_df: { vi: 'Bậc tự do của thay đổi', en: 'df of the change' },
  change_ci_low: { vi: 'Thay đổi: cận dưới 95%', en: 'Change: 95% CI lower' },
  change_ci_high: { vi: 'Thay đổi: cận trên 95%', en: 'Change: 95% CI upper' },
  target_status: { vi: 'Tình trạng chỉ tiêu', en: 'Target status' },
  variable: { vi: 'Biến', en: 'Variable' },
  question: { vi: 'Câu hỏi', en: 'Question' },
  type: { vi: 'Kiểu', en: 'Type' },
  values_vi: { vi: 'Nhãn giá trị (tiếng Việt)', en: 'Value labels (Vietnamese)' },
  values_en: { vi: 'Nhãn giá trị (tiếng Anh)', en: 'Value labels (English)' },
  choice_names: { vi: 'Tên lựa chọn (XLSForm)', en: 'Choice names (XLSForm)' },
  item: { vi: 'Mục', en: 'Item' },
  value: { vi: 'Giá trị', en: 'Value' },
  rule: { vi: 'Quy tắc', en: 'Rule' },
  formula: { vi: 'Công thức', en: 'Formula' },
  recode: { vi: 'Mã hóa lại', en: 'Recode' },
  polarity: { vi: 'Chiều', en: 'Polarity' },
};

const levelColumns = new Set([
  'estimate',
  'ci_low',
  'ci_high',
  'previous',
  'target_value',
  'goal',
  'scale_min',
  'scale_max',
]);
const spreadColumns = new Set(['se', 'change_se']);
const changeColumns = new Set(['change', 'gap', 'change_ci_low', 'change_ci_high']);

/**
 * The Excel number format of a column: shares (SIPAS, one-stop satisfaction) as percent with the pack's decimals,
 * changes signed; scores with the pack's decimals; counts whole; null for text and flags.
 * @example numberFormat('estimate', true, 2) // '0.00%'
 * @example numberFormat('change', false, 3) // '+0.000;-0.000;0.000'
 */
export function numberFormat(column: string, share: boolean, decimals: number): string | null {
  const d = decimals > 0 ? `.${'0'.repeat(decimals)}` : '';
  const unit = share ? '%' : '';
  if (levelColumns.has(column) || spreadColumns.has(column)) return `0${d}${unit}`;
  if (changeColumns.has(column)) return `+0${d}${unit};-0${d}${unit};0${d}${unit}`;
  if (column === 'n' || column === 'df') return '#,##0';
  if (column === 'n_eff' || column === 'change_df') return '#,##0.0';
  if (column === 'deff') return '0.00';
  if (column === 'cv') return '0.0%';
  return null;
}

/**
 * A worksheet name Excel accepts (at most 31 characters, none of : \ / ? * [ ]), not yet taken: a long label is
 * cut before " / " or "(", then after the last word that fits in 31 characters.
 * @example sheetName('Nhóm tiêu chí (chính sách) / yếu tố (dịch vụ)', new Set()) // 'Nhóm tiêu chí (chính sách)'
 */
export function sheetName(label: string, taken: Set<string>): string {
  let name = label.replace(/\s+\/\s+.*$/, '').trim();
  if (name.length > 31) name = name.replace(/\s*\(.*$/, '').trim();
  name = name
    .replace(/[:\\/?*[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (name.length > 31) {
    const cut = name.slice(0, 32);
    name = cut.includes(' ') ? cut.slice(0, cut.lastIndexOf(' ')).trim() : cut.slice(0, 31);
  }
  name ||= 'Sheet';
  let unique = name;
  for (let k = 2; taken.has(unique.toLowerCase()); k += 1) unique = `${name.slice(0, 31 - String(k).length - 1)} ${k}`;
  taken.add(unique.toLowerCase());
  return unique;
}
