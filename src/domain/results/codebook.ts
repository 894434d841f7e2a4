// The analyst microdata layout and its codebook, from the questionnaire: one column per answerable item (a
// multi-select becomes one 0/1 column per option, as Stata and SPSS users expect). Personal data never
// appears: items flagged `pii` and every free-text item are left out.
import type { AnswerValue, Field, Label, Option, Questionnaire } from '../questionnaire/index.js';
import { reviewStatusLabels, reviewStatuses } from '../review/review-status.js';

export interface CodebookVariable {
  name: string;
  question: string;
  label: Label;
  type: 'code' | 'binary' | 'integer' | 'decimal' | 'date' | 'computed';
  /** Value labels; codes are numbers for answers, words for computed states such as review_status. */
  values: readonly { code: number | string; label: Label; missing: string | null; name?: string }[];
  /** The XLSForm choice name of a multi-select's option column (`yes` for q_1), when the option has one. */
  choiceName?: string;
}

/** The columns of codebook.csv (and of the XLSX codebook sheet). */
export const codebookColumns = [
  'variable',
  'question',
  'type',
  'label_vi',
  'label_en',
  'values_vi',
  'values_en',
  'choice_names',
] as const;

/**
 * `1=yes; 2=no`: the XLSForm choice names of the stored codes, for a questionnaire authored in XLSForm with names
 * that are not numbers; empty otherwise. A multi-select's 0/1 column gives the name of its own option.
 */
function choiceNames(v: CodebookVariable): string {
  if (v.choiceName !== undefined) return v.choiceName;
  return v.values
    .filter((x) => x.name !== undefined)
    .map((x) => `${x.code}=${x.name}`)
    .join('; ');
}

/** One variable as a codebook record; missing-data codes are marked with their kind. */
export function codebookRecord(v: CodebookVariable): string[] {
  return [
    v.name,
    v.question,
    v.type,
    v.label.vi,
    v.label.en ?? '',
    v.values.map((x) => `${x.code}=${x.label.vi}${x.missing ? ` [${x.missing}]` : ''}`).join('; '),
    v.values.map((x) => `${x.code}=${x.label.en ?? x.label.vi}`).join('; '),
    choiceNames(v),
  ];
}

/** Design and identification columns that precede the answers. */
export const designVariables: readonly CodebookVariable[] = [
  {
    name: 'response_id',
    question: '',
    label: { vi: 'Mã phiếu (ngẫu nhiên, không định danh)', en: 'Response id (random, not identifying)' },
    type: 'computed',
    values: [],
  },
  {
    name: 'stratum',
    question: '',
    label: { vi: 'Tầng (thiết kế mẫu)', en: 'Stratum (sample design)' },
    type: 'computed',
    values: [],
  },
  {
    name: 'psu',
    question: '',
    label: { vi: 'Đơn vị mẫu cấp 1 (PSU)', en: 'Primary sampling unit' },
    type: 'computed',
    values: [],
  },
  {
    name: 'base_weight',
    question: '',
    label: {
      vi: 'Trọng số cơ bản = 1 / xác suất chọn (địa bàn, hộ, người trong hộ)',
      en: 'Base weight = 1 / selection probability (areas, household, person in the household)',
    },
    type: 'decimal',
    values: [],
  },
  {
    name: 'nonresponse_factor',
    question: '',
    label: {
      vi: 'Hệ số điều chỉnh không trả lời theo lớp (thôn/tổ dân phố)',
      en: 'Non-response adjustment factor of the weighting class (village)',
    },
    type: 'decimal',
    values: [],
  },
  {
    name: 'final_weight',
    question: '',
    label: {
      vi: 'Trọng số cuối cùng = cơ bản × hệ số không trả lời × hệ số hiệu chỉnh theo tổng thể (dùng để ước lượng)',
      en: 'Final weight = base × non-response factor × calibration factor (used for estimates)',
    },
    type: 'decimal',
    values: [],
  },
  { name: 'district', question: '', label: { vi: 'Mã huyện', en: 'District code' }, type: 'computed', values: [] },
  { name: 'commune', question: '', label: { vi: 'Mã xã', en: 'Commune code' }, type: 'computed', values: [] },
  {
    name: 'fpc',
    question: '',
    label: {
      vi: 'Cỡ tổng thể N của mẫu ngẫu nhiên đơn giản (hiệu chỉnh tổng thể hữu hạn); trống nếu không dùng',
      en: 'Population size N of a simple random sample (finite population correction); empty when not used',
    },
    type: 'integer',
    values: [],
  },
  {
    // Rejected interviews are not respondents: they never reach the file (nor the estimates), but the code is listed.
    name: 'review_status',
    question: '',
    label: {
      vi: 'Trạng thái duyệt phiếu của giám sát viên (phiếu bị loại bỏ không có trong tệp và không được tính)',
      en: "Supervisor's review state (rejected interviews are not in the file and not counted)",
    },
    type: 'computed',
    values: reviewStatuses.map((code) => ({ code, label: reviewStatusLabels[code], missing: null })),
  },
];

/**
 * The `commune_today` column of a round drawn from an older frame with a crosswalk to a newer one: today's commune
 * of the interview's commune. Old communes split between several of today's communes are named in the label and
 * left empty, never assigned to one of them.
 */
export function communeTodayVariable(split: readonly string[]): CodebookVariable {
  const list = split.join(', ');
  return {
    name: 'commune_today',
    question: '',
    label: {
      vi: `Mã xã hiện nay (theo bảng chuyển đổi địa bàn)${split.length > 0 ? `; để trống với xã cũ bị chia tách: ${list}` : ''}`,
      en: `Commune code today (area crosswalk)${split.length > 0 ? `; empty for old communes split since: ${list}` : ''}`,
    },
    type: 'computed',
    values: [],
  };
}

/** The `province_today` column beside `commune_today`: the province the interview's area lies in today. */
export function provinceTodayVariable(): CodebookVariable {
  return {
    name: 'province_today',
    question: '',
    label: {
      vi: 'Mã tỉnh hiện nay (sau sắp xếp 63 tỉnh thành 34 từ 1/7/2025, theo bảng chuyển đổi địa bàn)',
      en: 'Province code today (after 63 provinces became 34 on 1 July 2025; area crosswalk)',
    },
    type: 'computed',
    values: [],
  };
}

export function isExportable(field: Field): boolean {
  return !field.pii && field.type !== 'text';
}

const valueList = (options: readonly Option[] | null) =>
  (options ?? []).map((o) => ({
    code: o.value,
    label: o.label,
    missing: o.missing ?? null,
    ...(o.name !== undefined ? { name: o.name } : {}),
  }));

export function codebook(q: Questionnaire): CodebookVariable[] {
  const vars: CodebookVariable[] = [];
  for (const f of q.fields.filter(isExportable)) {
    if (f.type === 'multi') {
      for (const o of f.options ?? []) {
        vars.push({
          name: `${f.id}_${o.value < 0 ? `m${-o.value}` : o.value}`,
          question: f.id,
          label: {
            vi: `${f.label.vi} — ${o.label.vi}`,
            en: `${f.label.en ?? f.label.vi} — ${o.label.en ?? o.label.vi}`,
          },
          type: 'binary',
          values: [
            { code: 0, label: { vi: 'Không chọn', en: 'Not selected' }, missing: null },
            { code: 1, label: { vi: 'Có chọn', en: 'Selected' }, missing: null },
          ],
          ...(o.name !== undefined ? { choiceName: o.name } : {}),
        });
      }
      continue;
    }
    const type =
      f.type === 'integer'
        ? 'integer'
        : f.type === 'decimal'
          ? 'decimal'
          : f.type === 'date'
            ? 'date'
            : f.type === 'calculate'
              ? 'computed'
              : 'code';
    vars.push({ name: f.id, question: f.id, label: f.label, type, values: valueList(f.options) });
  }
  return vars;
}

/** One microdata row's answer cells, in codebook order; empty string for not asked or not answered. */
export function answerCells(
  vars: readonly CodebookVariable[],
  answers: Readonly<Record<string, AnswerValue>>,
): (string | number)[] {
  return vars.map((v) => {
    const value = answers[v.question];
    if (value === undefined) return '';
    if (v.type === 'binary') {
      const code = Number(v.name.slice(v.question.length + 1).replace(/^m/, '-'));
      return Array.isArray(value) && value.includes(code) ? 1 : 0;
    }
    return Array.isArray(value) ? value.join(' ') : (value as string | number);
  });
}
