// zod wherever outside data comes in (request bodies, service inputs, uploaded files): a failed parse is the
// catalogue's invalid_request with one detail per problem, so every entry point reports bad input the same way.
// Each detail carries zod's own message in Vietnamese and English (its locales), or a schema's custom message.
import { z } from 'zod';
import { DomainError, type LocalText } from './errors.js';

export interface ParseInputOptions {
  /** Put before each field path, for a value nested in a larger input (e.g. "plan" in the draw form). */
  prefix?: string;
  /** The field named when the value as a whole is wrong: "(body)" for a request, "file" for an upload. */
  root?: string;
}

type LocaleError = (issue: z.core.$ZodRawIssue) => string | { message: string } | undefined | null;
const locales: Record<keyof LocalText, LocaleError> = {
  vi: z.locales.vi().localeError as LocaleError,
  en: z.locales.en().localeError as LocaleError,
};
const localeText = (lang: keyof LocalText, issue: z.core.$ZodIssue): string | undefined => {
  const out = locales[lang](issue as unknown as z.core.$ZodRawIssue);
  return typeof out === 'string' ? out : (out?.message ?? undefined);
};

/** Vietnamese for the custom messages the schemas give (zod's locales cover its own messages). */
const customVi: Readonly<Record<string, string>> = {
  'choose a frame unit': 'Hãy chọn một đơn vị của khung mẫu.',
  'password: at least 10 characters': 'Mật khẩu phải có ít nhất 10 ký tự.',
  'code: letters, digits, . _ -': 'Mã chỉ gồm chữ cái, chữ số, dấu . _ -',
  'username: 3-40 characters, letters, digits, . _ -': 'Tên đăng nhập dài 3–40 ký tự: chữ cái, chữ số, dấu . _ -',
  'a date as YYYY-MM-DD': 'Ngày viết dạng NNNN-TT-NN.',
  'to: before from': '“Đến ngày” ở trước “từ ngày”.',
  'confirm: the two new passwords differ': 'Hai lần nhập mật khẩu mới không giống nhau.',
  'dossier code format: e.g. 000.00.12.H56-240315-0001': 'Mã hồ sơ có dạng như 000.00.12.H56-240315-0001.',
  'the period must not end before it starts': 'Kỳ khảo sát không được kết thúc trước khi bắt đầu.',
  'a round outside a sample draw declares its design: srs (simple random sample) or stratified':
    'Đợt khảo sát không gắn với lần chọn mẫu phải khai báo thiết kế: srs (ngẫu nhiên đơn giản) hoặc stratified (phân tầng).',
  "a round on a sample draw uses the draw's design; design is for rounds outside a draw":
    'Đợt khảo sát gắn với lần chọn mẫu dùng thiết kế của lần chọn mẫu đó; chỉ khai báo thiết kế cho đợt không gắn với lần chọn mẫu.',
  'a stratified round names the question whose answer is the stratum, and only a stratified one':
    'Chỉ đợt phân tầng mới cần, và phải có, câu hỏi xác định tầng.',
  'a population size is for a simple random sample outside a draw':
    'Quy mô tổng thể chỉ dành cho mẫu ngẫu nhiên đơn giản không gắn với lần chọn mẫu.',
};

/** Both languages of an issue: zod's locale texts for its own message, else the schema's custom one. */
function issueText(issue: z.core.$ZodIssue): LocalText {
  const en = localeText('en', issue);
  if (en !== undefined && en === issue.message) return { vi: localeText('vi', issue) ?? issue.message, en };
  return { vi: customVi[issue.message] ?? issue.message, en: issue.message };
}

/**
 * The parsed value, or invalid_request with `{ field, code, message }` per zod issue.
 * @example parseInput(z.object({ id: z.uuid() }), req.params) // `{ id }`, or 400 with field "id"
 */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown, opts: ParseInputOptions = {}): z.output<S> {
  // reportInput: the locales word an issue by the value it got ("received string"); the value itself is not kept.
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  const root = opts.root ?? '(body)';
  throw new DomainError(
    'invalid_request',
    result.error.issues.map((i) => ({
      field: [...(opts.prefix ? [opts.prefix] : []), ...i.path.map(String)].join('.') || root,
      code: i.code,
      message: i.message,
      text: issueText(i),
    })),
  );
}
