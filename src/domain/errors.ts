// The one catalogue of user-visible errors. Every rejection in the system is a DomainError with one of these
// codes; the HTTP layer maps codes to statuses (src/http/error-status.ts) and never invents its own.

export const errorMessages = {
  invalid_json: { vi: 'Nội dung gửi lên không phải JSON hợp lệ.', en: 'The request body is not valid JSON.' },
  invalid_request: { vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The request is not valid.' },
  payload_too_large: { vi: 'Nội dung gửi lên quá lớn.', en: 'The request body is too large.' },
  unauthenticated: { vi: 'Cần đăng nhập.', en: 'Authentication is required.' },
  invalid_credentials: { vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'Wrong username or password.' },
  token_expired: { vi: 'Phiên làm việc đã hết hạn, hãy đăng nhập lại.', en: 'The token has expired; sign in again.' },
  forbidden: { vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
  csrf_invalid: {
    vi: 'Biểu mẫu đã hết hạn hoặc không hợp lệ. Hãy tải lại trang và thử lại.',
    en: 'The form has expired or is not valid. Reload the page and try again.',
  },
  not_found: { vi: 'Không tìm thấy trang.', en: 'Not found.' },
  survey_not_found: { vi: 'Không tìm thấy bộ câu hỏi.', en: 'Survey not found.' },
  survey_version_not_found: { vi: 'Không tìm thấy phiên bản bộ câu hỏi.', en: 'Survey version not found.' },
  survey_version_changed: {
    vi: 'Bộ câu hỏi đã thay đổi nhưng vẫn giữ số phiên bản cũ; hãy tăng số phiên bản.',
    en: 'The questionnaire changed under an existing version; give it a new version.',
  },
  definition_invalid: { vi: 'Định nghĩa bộ câu hỏi không hợp lệ.', en: 'The questionnaire definition is not valid.' },
  username_taken: { vi: 'Tên đăng nhập đã tồn tại.', en: 'That username is already taken.' },
  too_many_attempts: {
    vi: 'Đăng nhập sai quá nhiều lần. Hãy thử lại sau.',
    en: 'Too many failed sign-in attempts. Try again later.',
  },
  internal: { vi: 'Đã có lỗi hệ thống.', en: 'Something went wrong on our side.' },
} as const;

export type ErrorCode = keyof typeof errorMessages;
export type Lang = 'vi' | 'en';

export interface ErrorDetail {
  field?: string;
  question?: string;
  code?: string;
  message: string;
  [key: string]: unknown;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: readonly ErrorDetail[];
  /** Extra fields that belong to the code (for example `retryAfterSeconds` for throttling). */
  readonly meta: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, details: readonly ErrorDetail[] = [], meta: Record<string, unknown> = {}) {
    super(errorMessages[code].en);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
    this.meta = meta;
  }
}

export function errorMessage(code: ErrorCode, lang: Lang): string {
  return errorMessages[code][lang];
}
