// The one catalogue of user-visible errors. Every rejection in the system is a DomainError with one of these
// codes; the HTTP layer maps codes to statuses (src/http/error-status.ts) and never invents its own.

export const errorMessages = {
  invalid_json: { vi: 'Nội dung gửi lên không phải JSON hợp lệ.', en: 'The request body is not valid JSON.' },
  invalid_request: { vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The request is not valid.' },
  payload_too_large: { vi: 'Nội dung gửi lên quá lớn.', en: 'The request body is too large.' },
  unauthenticated: { vi: 'Cần đăng nhập.', en: 'Authentication is required.' },
  invalid_credentials: { vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'Wrong username or password.' },
  credentials_missing: { vi: 'Hãy nhập tên đăng nhập và mật khẩu.', en: 'Enter your username and password.' },
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
  survey_version_exists: {
    vi: 'Bộ câu hỏi đã có phiên bản này; hãy đặt một số phiên bản mới.',
    en: 'The questionnaire already has this version; give it a new version.',
  },
  definition_invalid: { vi: 'Định nghĩa bộ câu hỏi không hợp lệ.', en: 'The questionnaire definition is not valid.' },
  xlsform_invalid: {
    vi: 'Tệp XLSForm có lỗi; chưa nhập gì.',
    en: 'The XLSForm has errors; nothing was imported.',
  },
  username_taken: { vi: 'Tên đăng nhập đã tồn tại.', en: 'That username is already taken.' },
  server_busy: {
    vi: 'Máy chủ đang bận; hãy thử lại sau giây lát.',
    en: 'The server is busy; try again in a moment.',
  },
  database_busy: {
    vi: 'Cơ sở dữ liệu đang bị một tiến trình khác khoá; hãy thử lại sau giây lát.',
    en: 'The database is locked by another process; try again in a moment.',
  },
  database_unavailable: {
    vi: 'Máy chủ tạm thời không kết nối được cơ sở dữ liệu; dữ liệu chưa được lưu. Hãy thử lại sau giây lát.',
    en: 'The server cannot reach its database for now; nothing was saved. Try again in a moment.',
  },
  storage_full: {
    vi: 'Máy chủ hết chỗ lưu trữ; dữ liệu chưa được lưu. Hãy báo quản trị viên và thử lại sau.',
    en: 'The server is out of storage space; nothing was saved. Tell an administrator and try again later.',
  },
  too_many_attempts: {
    vi: 'Đăng nhập sai quá nhiều lần. Hãy thử lại sau.',
    en: 'Too many failed sign-in attempts. Try again later.',
  },
  invalid_csv: { vi: 'Tệp CSV không đọc được.', en: 'The CSV file cannot be read.' },
  invalid_crosswalk: {
    vi: 'Bảng chuyển đổi địa bàn có lỗi; chưa lưu gì.',
    en: 'The area crosswalk has errors; nothing was stored.',
  },
  invalid_frame: { vi: 'Khung mẫu có lỗi; chưa nhập gì.', en: 'The sampling frame has errors; nothing was imported.' },
  invalid_household_list: {
    vi: 'Danh sách hộ có lỗi; chưa nhập gì.',
    en: 'The household list has errors; nothing was imported.',
  },
  frame_not_found: { vi: 'Không tìm thấy khung mẫu.', en: 'Sampling frame not found.' },
  draw_not_found: { vi: 'Không tìm thấy lần chọn mẫu.', en: 'Sample draw not found.' },
  village_not_in_sample: { vi: 'Thôn/tổ này không có trong mẫu.', en: 'That village is not in the sample.' },
  households_already_imported: {
    vi: 'Thôn/tổ này đã có danh sách hộ.',
    en: 'That village already has its household list.',
  },
  assignment_not_found: { vi: 'Không tìm thấy phân công.', en: 'Assignment not found.' },
  user_not_found: { vi: 'Không tìm thấy tài khoản.', en: 'User not found.' },
  last_admin: {
    vi: 'Đây là tài khoản quản trị cuối cùng còn hoạt động; hãy tạo hoặc bật một tài khoản quản trị khác trước.',
    en: 'This is the last active admin account; create or enable another admin first.',
  },
  wrong_password: { vi: 'Mật khẩu hiện tại không đúng.', en: 'The current password is wrong.' },
  token_not_found: { vi: 'Không tìm thấy mã truy cập.', en: 'Token not found.' },
  api_key_not_found: { vi: 'Không tìm thấy khoá API.', en: 'API key not found.' },
  api_key_revoked: {
    vi: 'Khoá API này đã bị thu hồi; hãy xin quản trị viên một khoá mới.',
    en: 'This API key has been revoked; ask an administrator for a new one.',
  },
  api_key_out_of_scope: {
    vi: 'Khoá API này không được đọc đợt khảo sát này.',
    en: 'This API key may not read this survey round.',
  },
  api_key_read_only: {
    vi: 'Khoá API chỉ dùng để đọc nguồn dữ liệu (/api/v1/rounds).',
    en: 'API keys only read the data feed (/api/v1/rounds).',
  },
  api_key_analyst_only: {
    vi: 'Chỉ tài khoản phân tích viên mới có khoá API.',
    en: 'Only analyst accounts can have API keys.',
  },
  enrolment_code_invalid: {
    vi: 'Mã QR đăng nhập không dùng được.',
    en: 'The sign-in QR code cannot be used.',
  },
  enrolment_code_used: {
    vi: 'Mã QR đăng nhập này đã được dùng; mỗi mã chỉ dùng một lần.',
    en: 'This sign-in QR code has already been used; each code works once.',
  },
  enrolment_code_expired: {
    vi: 'Mã QR đăng nhập này đã hết hạn.',
    en: 'This sign-in QR code has expired.',
  },
  not_a_surveyor: { vi: 'Tài khoản này không phải điều tra viên.', en: 'That account is not a surveyor.' },
  disposition_invalid: { vi: 'Không thể ghi kết quả tiếp cận này.', en: 'That disposition cannot be recorded.' },
  submission_conflict: {
    vi: 'Mã phiếu này đã được gửi với nội dung khác; bản mới được giữ lại để giám sát viên xem xét.',
    en: 'This response id was already sent with different content; the new copy is kept for a supervisor to review.',
  },
  too_many_conflicts: {
    vi: 'Phiếu này đã có quá nhiều bản gửi lại khác nhau đang chờ giám sát viên xem xét; bản này không được giữ lại.',
    en: 'This response already has too many different resubmissions waiting for a supervisor; this one is not kept.',
  },
  invalid_answers: { vi: 'Có câu trả lời chưa hợp lệ.', en: 'Some answers are not valid.' },
  assignment_already_completed: {
    vi: 'Hộ này đã có phiếu hoàn thành từ một lần gửi khác.',
    en: 'This household already has a completed interview from another submission.',
  },
  conflict_not_found: { vi: 'Không tìm thấy phiếu xung đột.', en: 'Conflict not found.' },
  conflict_survey_mismatch: {
    vi: 'Bản gửi lại thuộc bộ câu hỏi hoặc phiên bản khác với phiếu đã lưu nên không thể thay thế phiếu đó.',
    en: 'The resubmission is for another questionnaire or version than the stored response, so it cannot replace it.',
  },
  interview_not_found: { vi: 'Không tìm thấy phiếu phỏng vấn.', en: 'Interview not found.' },
  review_stale: {
    vi: 'Điều tra viên đã gửi phiên bản mới của phiếu này; hãy xem lại phiên bản mới trước khi duyệt.',
    en: 'The surveyor has sent a newer version of this interview; look at it before reviewing.',
  },
  correction_mismatch: {
    vi: 'Bản sửa của phiếu bị trả lại phải giữ nguyên bộ câu hỏi, phiên bản, hộ và sự đồng ý của người trả lời.',
    en: 'The correction of a returned interview must keep its questionnaire, version, household and consent.',
  },
  rate_limited: { vi: 'Quá nhiều lượt đánh giá; hãy chờ một chút.', en: 'Too many ratings; wait a moment.' },
  already_rated: {
    vi: 'Hồ sơ này đã được đánh giá hôm nay tại quầy này.',
    en: 'This dossier was already rated at this counter today.',
  },
  invalid_link: {
    vi: 'Đường dẫn đánh giá không hợp lệ (sai chữ ký hoặc bị sửa). Hãy dùng đúng đường dẫn trên phiếu hẹn trả kết quả.',
    en: 'This rating link is not valid (bad signature or altered). Use the link exactly as printed on your receipt.',
  },
  link_expired: {
    vi: 'Đường dẫn đánh giá đã hết hạn; không ghi nhận đánh giá.',
    en: 'This rating link has expired; no rating was recorded.',
  },
  link_used: {
    vi: 'Đường dẫn đánh giá này đã được dùng; mỗi hồ sơ chỉ đánh giá một lần.',
    en: 'This rating link has already been used; each dossier is rated once.',
  },
  invalid_participant_list: {
    vi: 'Danh sách người được mời có lỗi; chưa tạo gì.',
    en: 'The participant list has errors; nothing was created.',
  },
  invitation_not_found: {
    vi: 'Không tìm thấy lời mời khảo sát này; hãy dùng đúng đường dẫn trong thư mời.',
    en: 'This survey invitation was not found; use the link exactly as in your letter.',
  },
  invitation_used: {
    vi: 'Phiếu khảo sát theo lời mời này đã được gửi; mỗi lời mời chỉ gửi một lần.',
    en: 'This invitation has already been answered; each invitation is submitted once.',
  },
  invitation_round_not_found: { vi: 'Không tìm thấy đợt khảo sát theo lời mời.', en: 'Invitation round not found.' },
  service_token_not_found: { vi: 'Không tìm thấy mã dịch vụ này.', en: 'Service token not found.' },
  service_token_revoked: { vi: 'Mã dịch vụ này đã bị thu hồi.', en: 'This service token is already revoked.' },
  invitation_round_taken: { vi: 'Mã đợt khảo sát đã tồn tại.', en: 'That round code is already taken.' },
  pairing_code_invalid: {
    vi: 'Mã ghép nối không đúng hoặc đã hết hạn.',
    en: 'The pairing code is wrong or has expired.',
  },
  counter_not_found: { vi: 'Không tìm thấy quầy.', en: 'Counter not found.' },
  counter_code_taken: { vi: 'Mã quầy đã tồn tại.', en: 'That counter code is already taken.' },
  invalid_margins: {
    vi: 'Số liệu tổng thể (biên) không hợp lệ; trọng số của đợt khảo sát giữ nguyên.',
    en: 'The population margins are not valid; the round keeps its weights.',
  },
  lonely_psu: {
    vi: 'Có tầng chỉ còn một đơn vị mẫu cấp 1 (PSU); vòng khảo sát cần chọn quy tắc xử lý.',
    en: 'A stratum has a single PSU; the round needs a lonely-PSU rule.',
  },
  round_not_found: { vi: 'Không tìm thấy đợt khảo sát.', en: 'Survey round not found.' },
  round_code_taken: { vi: 'Mã đợt khảo sát đã tồn tại.', en: 'That round code is already taken.' },
  survey_not_scored: {
    vi: 'Bảng hỏi của đợt này không có bộ chỉ số và cách tính điểm nên không có kết quả; dữ liệu vi mô và từ điển biến vẫn tải được.',
    en: "This round's questionnaire has no index framework and scoring, so it has no results; its microdata and codebook can still be downloaded.",
  },
  round_has_responses: {
    vi: 'Đợt khảo sát đã có phiếu trả lời nên không thể xoá.',
    en: 'The round already has responses, so it cannot be deleted.',
  },
  too_few_respondents: {
    vi: 'Đợt khảo sát chưa đủ người trả lời để tính kết quả (cần ít nhất 2).',
    en: 'The round has too few respondents for results (at least 2 are needed).',
  },
  node_not_found: {
    vi: 'Không có tiêu chí/chỉ số này trong bộ chỉ số.',
    en: 'The framework has no such criterion or indicator.',
  },
  invalid_plan: {
    vi: 'Kế hoạch có lỗi; chưa nhập gì.',
    en: 'The plan has errors; nothing was imported.',
  },
  plan_not_found: { vi: 'Không tìm thấy kế hoạch.', en: 'Plan not found.' },
  plan_code_taken: { vi: 'Mã kế hoạch đã tồn tại.', en: 'That plan code is already taken.' },
  confirmation_required: {
    vi: 'Chưa xác nhận: hãy đánh dấu ô xác nhận rồi bấm xoá lại.',
    en: 'Not confirmed: tick the confirmation box and delete again.',
  },
  department_not_found: { vi: 'Không tìm thấy cơ quan, đơn vị.', en: 'Department not found.' },
  department_taken: { vi: 'Mã hoặc tên cơ quan đã tồn tại.', en: 'That department code or name is already taken.' },
  indicator_not_found: { vi: 'Không tìm thấy chỉ tiêu hành chính.', en: 'Administrative indicator not found.' },
  invalid_national_table: {
    vi: 'Bảng kết quả công bố có lỗi; chưa nhập gì.',
    en: 'The published results table has errors; nothing was imported.',
  },
  invalid_indicator_values: {
    vi: 'Số liệu chỉ tiêu hành chính có lỗi; chưa nhập gì.',
    en: 'The indicator values have errors; nothing was imported.',
  },
  already_exists: {
    vi: 'Đã có một bản ghi giống như vậy.',
    en: 'A record with the same key already exists.',
  },
  reference_conflict: {
    vi: 'Thao tác mâu thuẫn với dữ liệu liên quan: bản ghi được nhắc tới không tồn tại, hoặc vẫn còn bản ghi khác dùng tới nó.',
    en: 'This conflicts with related records: one it refers to does not exist, or others still refer to it.',
  },
  not_implemented: {
    vi: 'Máy chủ chưa hỗ trợ yêu cầu này.',
    en: 'The server does not support this request.',
  },
  not_acceptable: {
    vi: 'Máy chủ không trả lời được ở định dạng được yêu cầu.',
    en: 'The server cannot answer in the requested format.',
  },
  internal: { vi: 'Đã có lỗi hệ thống.', en: 'Something went wrong on our side.' },
} as const;

export type ErrorCode = keyof typeof errorMessages;
export type Lang = 'vi' | 'en';
/** A text people read, in both languages. */
export interface LocalText {
  vi: string;
  en: string;
}

export interface ErrorDetail {
  field?: string;
  question?: string;
  code?: string;
  /** English, for logs and the command line; `text` when set gives both languages (the HTTP answer picks one). */
  message: string;
  text?: LocalText;
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
