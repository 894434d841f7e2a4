// Bilingual messages for answer validation errors; shown to surveyors and citizens on screen and in the API.
import type { Lang } from '../errors.js';

export const answerErrorCodes = [
  'unknown_question',
  'not_answerable',
  'not_relevant',
  'required',
  'invalid_type',
  'invalid_option',
  'out_of_range',
  'too_long',
  'pattern_mismatch',
  'invalid_date',
  'too_few_selected',
  'too_many_selected',
  'exclusive_option',
  'constraint',
  'too_many_answers',
  'invalid_characters',
] as const;
export type AnswerErrorCode = (typeof answerErrorCodes)[number];

type Params = Readonly<Record<string, string | number>>;

const messages: Record<AnswerErrorCode, Record<Lang, string>> = {
  unknown_question: { vi: 'Bộ câu hỏi không có câu này.', en: 'The questionnaire has no such question.' },
  not_answerable: {
    vi: 'Câu này được tính tự động, không nhận câu trả lời.',
    en: 'This item is calculated and takes no answer.',
  },
  not_relevant: {
    vi: 'Câu này không được hỏi với các câu trả lời trước đó.',
    en: 'This question does not apply given the earlier answers.',
  },
  required: { vi: 'Vui lòng trả lời câu này.', en: 'Please answer this question.' },
  invalid_type: { vi: 'Câu trả lời phải là {expected}.', en: 'The answer must be {expected}.' },
  invalid_option: { vi: 'Lựa chọn {value} không có trong danh sách.', en: 'Option {value} is not in the list.' },
  out_of_range: {
    vi: 'Giá trị phải nằm trong khoảng {min} – {max}.',
    en: 'The value must be between {min} and {max}.',
  },
  too_long: { vi: 'Tối đa {max} ký tự.', en: 'At most {max} characters.' },
  pattern_mismatch: { vi: 'Định dạng không đúng.', en: 'The format is not right.' },
  invalid_date: {
    vi: 'Ngày phải có dạng NNNN-TT-NN và là ngày có thật.',
    en: 'The date must be a real date written YYYY-MM-DD.',
  },
  too_few_selected: { vi: 'Chọn ít nhất {min} mục.', en: 'Choose at least {min}.' },
  too_many_selected: { vi: 'Chọn nhiều nhất {max} mục.', en: 'Choose at most {max}.' },
  exclusive_option: {
    vi: 'Lựa chọn {value} không thể chọn cùng các lựa chọn khác.',
    en: 'Option {value} cannot be combined with other options.',
  },
  constraint: { vi: 'Câu trả lời không hợp lệ.', en: 'This answer is not valid.' },
  invalid_characters: {
    vi: 'Câu trả lời có ký tự không được phép (ký tự điều khiển hoặc lỗi mã hoá).',
    en: 'The answer contains characters that are not allowed (control characters or broken encoding).',
  },
  too_many_answers: {
    vi: 'Quá nhiều câu trả lời: bộ câu hỏi này nhận tối đa {max}.',
    en: 'Too many answers: this questionnaire takes at most {max}.',
  },
};

const moreErrors: Record<Lang, string> = {
  vi: '… và {count} lỗi khác (chỉ liệt kê {listed} lỗi đầu).',
  en: '… and {count} more problems (the first {listed} are listed).',
};

/** The line that ends a list of answer errors cut at `listed`. */
export function moreAnswerErrorsMessage(count: number, listed: number, lang: Lang): string {
  return moreErrors[lang].replace('{count}', String(count)).replace('{listed}', String(listed));
}

const expectedType: Record<string, Record<Lang, string>> = {
  code: { vi: 'một mã lựa chọn (số nguyên)', en: 'an option code (an integer)' },
  codes: { vi: 'danh sách mã lựa chọn', en: 'a list of option codes' },
  integer: { vi: 'một số nguyên', en: 'a whole number' },
  number: { vi: 'một số', en: 'a number' },
  text: { vi: 'một đoạn chữ', en: 'text' },
  date: { vi: 'một ngày', en: 'a date' },
};

export function answerMessage(code: AnswerErrorCode, lang: Lang, params: Params = {}): string {
  let text = messages[code][lang];
  for (const [key, value] of Object.entries(params)) {
    const shown = key === 'expected' ? (expectedType[String(value)]?.[lang] ?? String(value)) : String(value);
    text = text.replace(`{${key}}`, shown);
  }
  return text;
}
