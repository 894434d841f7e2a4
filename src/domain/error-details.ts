// Bilingual texts of error details (the `details` of a catalogue error): each names what went wrong with one
// field. A detail carries both languages; the HTTP layer answers in the request's language, logs and the
// command line use English.
import type { ErrorDetail, LocalText } from './errors.js';

const texts = {
  // submissions
  id_taken: { vi: 'Mã phiếu này thuộc về một lần gửi khác.', en: 'this id belongs to another submission' },
  conflicts_waiting: {
    vi: 'Đã có {max} bản khác của phiếu này đang chờ giám sát viên xem xét.',
    en: '{max} other versions of this response are already waiting for review',
  },
  kept_for_review: { vi: 'Bản này được giữ lại để giám sát viên xem xét.', en: 'kept aside for review' },
  no_assignment: { vi: 'Không có phân công này.', en: 'no such assignment' },
  not_your_assignment: { vi: 'Hộ này không được giao cho bạn.', en: 'this assignment is not yours' },
  household_has_interview: {
    vi: 'Hộ này đã có một phỏng vấn trên máy chủ.',
    en: 'the household already has an interview',
  },
  backup_not_json: { vi: 'Tệp sao lưu không phải JSON.', en: 'the backup file is not JSON' },
  // fieldwork
  reserve_not_released: { vi: 'Hộ dự phòng này chưa được dùng đến.', en: 'this reserve has not been released' },
  outcome_recorded: {
    vi: 'Máy chủ đã ghi kết quả “{recorded}” cho hộ này; không ghi đè được.',
    en: 'already recorded as {recorded}',
  },
  no_account: { vi: 'Không có tài khoản “{username}”.', en: 'no account "{username}"' },
  role_is: { vi: '{username} có vai trò {role}.', en: '{username} is {role}' },
  not_supervisor: {
    vi: '{username} có vai trò {role}, không phải giám sát viên.',
    en: '{username} is {role}, not a supervisor',
  },
  village_without_households: {
    vi: 'Thôn/tổ {village} không có hộ nào trong lần chọn mẫu {draw}.',
    en: 'village {village} has no households in draw {draw}',
  },
  village_outside_areas: {
    vi: 'Thôn/tổ {village} nằm ngoài địa bàn của bạn.',
    en: 'village {village} is outside your areas',
  },
  frame_without_unit: {
    vi: 'Khung mẫu {frame} không có đơn vị {code} ở cấp ngay dưới tỉnh (huyện, hoặc xã trên khung hai cấp).',
    en: 'frame {frame} has no unit {code} at its first level below the province (a district, or a commune on a two-tier frame)',
  },
  district_in_no_frame: {
    vi: 'Không khung mẫu nào có huyện {code}; hãy chỉ rõ khung và đơn vị bằng --frame F --unit CODE.',
    en: 'no imported frame has a district {code}; name the frame and unit with --frame F --unit CODE',
  },
  district_in_frames: {
    vi: 'Các khung mẫu {frames} đều có huyện {code}; hãy chọn một bằng --frame F --unit {code}.',
    en: 'frames {frames} all have a district {code}; name one with --frame F --unit {code}',
  },
  // kiosk
  not_kiosk_survey: { vi: '{survey} không phải bộ câu hỏi cho kiosk.', en: '{survey} is not a kiosk questionnaire' },
  counter_exists: { vi: 'Đã có quầy {code}.', en: 'counter {code} exists' },
  pairing_code_unusable: {
    vi: 'Mã không có, đã dùng hoặc đã hết hạn.',
    en: 'unknown, used or expired code',
  },
  no_device: { vi: 'Không có thiết bị đang hoạt động với mã này.', en: 'no active device with that id' },
  counter_rates_with: {
    vi: 'Quầy {counter} đánh giá bằng bộ câu hỏi {survey}.',
    en: 'counter {counter} rates with {survey}',
  },
  no_counter: { vi: 'Không có quầy “{counter}”.', en: 'no counter "{counter}"' },
  device_cookie_missing: {
    vi: 'Trình duyệt chưa có mã thiết bị; hãy mở lại trang đánh giá từ mã QR (cần bật cookie).',
    en: 'the browser has no device cookie; open the rating page from the QR code again (cookies needed)',
  },
  device_rated_today: {
    vi: 'Điện thoại này đã đánh giá quầy này hôm nay.',
    en: 'this phone already rated this counter today',
  },
  dossier_rated: { vi: 'Hồ sơ {dossier} đã được đánh giá.', en: '{dossier} was already rated' },
  link_forged: { vi: 'Chữ ký của đường dẫn không đúng.', en: 'the link signature is not valid' },
  link_expired_on: { vi: 'Đường dẫn hết hạn lúc {at}.', en: 'the link expired at {at}' },
  link_used_before: { vi: 'Đường dẫn đã được dùng để đánh giá.', en: 'the link was already used' },
  service_token_unknown: { vi: 'Mã dịch vụ không đúng hoặc đã bị thu hồi.', en: 'unknown or revoked service token' },
  service_token_revoked: { vi: 'Mã dịch vụ này đã bị thu hồi trước đó.', en: 'the service token was already revoked' },
  scope_missing: { vi: 'Mã dịch vụ không có quyền “{scope}”.', en: 'the token lacks the "{scope}" scope' },
  invitation_flood: {
    vi: 'Quá nhiều lượt lưu hoặc gửi phiếu từ địa chỉ này; hãy thử lại sau {seconds} giây.',
    en: 'too many saves or submissions from this address; try again in {seconds} s',
  },
  rating_flood: {
    vi: 'Quá nhiều lượt đánh giá; hãy thử lại sau {seconds} giây.',
    en: 'too many ratings; try again in {seconds} s',
  },
  dossier_rated_today: {
    vi: 'Hồ sơ {dossier} đã được đánh giá hôm nay tại quầy {counter}.',
    en: '{dossier} was rated today at {counter}',
  },
  // results
  no_breakdown_question: { vi: '{survey} không có câu hỏi về {by}.', en: '{survey} has no {by} question' },
  too_few_responses: {
    vi: 'Đợt {round} có {count} phiếu; cần ít nhất 2 phiếu để tính kết quả.',
    en: 'round {round} has {count} responses; results need at least 2',
  },
  no_breakdown: { vi: 'Đợt {round} không phân tổ được theo {by}.', en: 'round {round} cannot be broken down by {by}' },
  no_framework: {
    vi: '{survey} không có bộ chỉ số và phần tính điểm; kết quả được tính từ phần tính điểm của bảng hỏi.',
    en: "{survey} has no index framework and scoring block; results are computed from a questionnaire's scoring",
  },
  no_scoring: {
    vi: '{survey} không có phần tính điểm; kết quả được tính từ phần tính điểm của bảng hỏi.',
    en: "{survey} has no scoring block; results are computed from a questionnaire's scoring",
  },
  no_question: { vi: '{survey} không có câu hỏi {question}.', en: '{survey} has no question {question}' },
  round_exists: { vi: 'Đã có đợt khảo sát {code}.', en: 'round {code} exists' },
  no_round: { vi: 'Không có đợt khảo sát “{code}”.', en: 'no round "{code}"' },
  round_of_other_survey: {
    vi: 'Đợt {code} không phải một đợt của {survey}.',
    en: 'round {code} is not a round of {survey}',
  },
  node_outside_framework: {
    vi: '“{node}” không có trong bộ chỉ số {index}.',
    en: '"{node}" is not in the {index} framework',
  },
  // surveys
  version_content_changed: {
    vi: '{survey} phiên bản {version} đã được lưu với nội dung khác; hãy đặt số phiên bản mới cho tệp đã sửa.',
    en: '{survey} version {version} is stored with different content; give the changed file a new version',
  },
  no_survey: { vi: 'Không có bộ câu hỏi “{code}”.', en: 'no survey "{code}"' },
  no_survey_version: { vi: '{code} không có phiên bản “{version}”.', en: '{code} has no version "{version}"' },
  // accounts
  username_exists: { vi: 'Đã có tài khoản “{username}”.', en: '"{username}" already exists' },
  no_token: { vi: 'Không có mã truy cập số {id}.', en: 'no token {id}' },
  last_active_admin: {
    vi: '{username} là tài khoản quản trị cuối cùng còn hoạt động.',
    en: '{username} is the last active admin',
  },
  current_password_wrong: { vi: 'Mật khẩu hiện tại không đúng.', en: 'the current password is wrong' },
  // sampling and uploads
  crosswalk_same_frame: {
    vi: 'Bảng chuyển đổi phải nối hai khung mẫu khác nhau.',
    en: 'a crosswalk links two different frames',
  },
  not_utf8: {
    vi: 'Byte thứ {byte} không phải UTF-8: hãy lưu tệp dạng "CSV UTF-8" rồi tải lên lại.',
    en: 'byte {byte} is not UTF-8: save the file as "CSV UTF-8" and upload it again',
  },
  too_many_rows: {
    vi: 'Tệp có hơn {max} dòng, giới hạn của loại danh sách này.',
    en: 'the file has more than {max} rows, the limit for this kind of list',
  },
  csv_unreadable: { vi: 'Không đọc được CSV: {reason}', en: '{reason}' },
  file_empty: { vi: 'Tệp trống.', en: 'the file is empty' },
  more_row_problems: {
    vi: '… và {more} lỗi khác (chỉ liệt kê {listed} lỗi đầu).',
    en: '… and {more} more problems (the first {listed} are listed)',
  },
  reading_stopped: {
    vi: 'Đã dừng đọc sau dòng {line}: hãy sửa các lỗi trên rồi tải tệp lên lại.',
    en: 'reading stopped after line {line}: correct these problems and upload the file again',
  },
  village_in_no_draw: { vi: 'Thôn/tổ {village} không thuộc lần chọn mẫu nào.', en: 'village {village} is in no draw' },
  no_selected_village: {
    vi: 'Không có thôn/tổ nào trong {villages} được chọn vào mẫu.',
    en: 'none of {villages} is a selected village',
  },
  choose_csv_file: { vi: 'Hãy chọn một tệp CSV.', en: 'choose a CSV file' },
  choose_xlsx_file: { vi: 'Hãy chọn một tệp XLSX (XLSForm).', en: 'choose an XLSX file (XLSForm)' },
  choose_backup_file: { vi: 'Hãy chọn một tệp sao lưu.', en: 'choose a backup file' },
  choose_margins_file: { vi: 'Hãy chọn tệp CSV số liệu tổng thể.', en: 'choose a margins CSV file' },
  upload_unreadable: { vi: 'Không đọc được tệp tải lên: {reason}', en: '{reason}' },
  // requests
  bearer_expected: { vi: 'Cần tiêu đề "Bearer <mã truy cập>".', en: 'expected "Bearer <token>"' },
  api_key_unknown: { vi: 'Khoá API không đúng.', en: 'unknown API key' },
  api_key_revoked: { vi: 'Khoá API đã bị thu hồi.', en: 'the API key is revoked' },
  api_key_feed_only: { vi: 'Khoá API chỉ đọc được nguồn dữ liệu.', en: 'an API key only reads the data feed' },
  // the OData feed
  odata_version: {
    vi: 'Nguồn OData chỉ dùng OData 4.0; yêu cầu chỉ chấp nhận đến phiên bản {version}.',
    en: 'the feed speaks OData 4.0; the request accepts at most version {version}',
  },
  odata_option_unsupported: {
    vi: 'Tuỳ chọn truy vấn {option} chưa được hỗ trợ.',
    en: 'the query option {option} is not supported',
  },
  odata_option_unknown: {
    vi: 'Tuỳ chọn truy vấn {option} không có hoặc không dùng được ở đây.',
    en: 'there is no query option {option} here',
  },
  odata_option_repeated: { vi: 'Tuỳ chọn {option} xuất hiện nhiều lần.', en: '{option} is given more than once' },
  odata_option_invalid: {
    vi: 'Giá trị “{value}” của {option} không hợp lệ.',
    en: 'the value "{value}" of {option} is not valid',
  },
  odata_property_unknown: { vi: 'Không có thuộc tính “{name}”.', en: 'there is no property "{name}"' },
  odata_key_malformed: {
    vi: "Khoá “{key}” phải là một chuỗi trong dấu nháy đơn, ví dụ rounds('sipas-2026'); dấu nháy bên trong viết hai lần.",
    en: "the key {key} must be a string in single quotes, e.g. rounds('sipas-2026'), with a quote inside written twice",
  },
  odata_path_unsupported: { vi: 'Đường dẫn “{path}” chưa được hỗ trợ.', en: 'the path "{path}" is not supported' },
  odata_format: {
    vi: 'Chỉ có định dạng JSON; định dạng “{format}” không được hỗ trợ.',
    en: 'only JSON is served, not "{format}"',
  },
  round_outside_key: {
    vi: 'Khoá API không bao gồm đợt “{code}”.',
    en: 'the API key does not cover round "{code}"',
  },
  survey_version_taken: {
    vi: '{code} đã có phiên bản {version}.',
    en: '{code} already has version {version}',
  },
  no_api_key: { vi: 'Không có khoá API số {id}.', en: 'no API key {id}' },
  too_many_rounds: { vi: 'Nhiều nhất {max} đợt khảo sát.', en: 'at most {max} rounds' },
  device_bearer_expected: {
    vi: 'Cần tiêu đề "Bearer <mã thiết bị>".',
    en: 'expected "Bearer <device token>"',
  },
  unsupported_charset: { vi: 'Không hỗ trợ bảng mã {charset}.', en: 'unsupported charset {charset}' },
  body_unreadable: { vi: 'Không đọc được nội dung gửi lên: {reason}', en: '{reason}' },
  nul_character: {
    vi: 'Có ký tự NUL (mã 0) trong dữ liệu gửi lên; ký tự này không được phép.',
    en: 'contains a NUL character (code 0), which is not allowed',
  },
  too_deep: { vi: 'JSON lồng sâu quá {max} cấp.', en: 'JSON nested deeper than {max} levels' },
  disk_free: { vi: 'Chỉ còn {mb} MB trống nơi lưu cơ sở dữ liệu.', en: '{mb} MB free where the database is' },
  // enrolment codes
  enrolment_code_unknown: {
    vi: 'Máy chủ không có mã này. Hãy xin quản trị viên một mã mới.',
    en: 'the server has no such code; ask an administrator for a new one',
  },
  enrolment_code_used: {
    vi: 'Mã đã được dùng lúc {at}. Hãy xin quản trị viên một mã mới.',
    en: 'used at {at}; ask an administrator for a new one',
  },
  enrolment_code_expired: {
    vi: 'Mã đã hết hạn lúc {at}. Hãy xin quản trị viên một mã mới.',
    en: 'expired at {at}; ask an administrator for a new one',
  },
  account_unusable: {
    vi: 'Tài khoản {username} đã bị khoá hoặc không còn là điều tra viên.',
    en: 'the account {username} is disabled or no longer a surveyor',
  },
} as const satisfies Record<string, LocalText>;

export type DetailCode = keyof typeof texts;
export type DetailParams = Readonly<Record<string, string | number | LocalText>>;

const fill = (template: string, params: DetailParams, lang: keyof LocalText): string =>
  Object.entries(params).reduce(
    (out, [key, value]) => out.split(`{${key}}`).join(typeof value === 'object' ? value[lang] : String(value)),
    template,
  );

/** The text of a detail in both languages, with its {placeholders} filled (a LocalText value per language). */
export function detailText(code: DetailCode, params: DetailParams = {}): LocalText {
  return { vi: fill(texts[code].vi, params, 'vi'), en: fill(texts[code].en, params, 'en') };
}

/**
 * One detail of a catalogue error, naming its field (or none) and carrying its text in both languages.
 * @example detail('username', 'no_account', { username: 'lan' })
 *   // → { field: 'username', message: 'no account "lan"', text: { vi: 'Không có tài khoản “lan”.', en: … } }
 */
export function detail(
  field: string | undefined,
  code: DetailCode,
  params: DetailParams = {},
  extra: Readonly<Record<string, unknown>> = {},
): ErrorDetail {
  const text = detailText(code, params);
  return { ...(field === undefined ? {} : { field }), ...extra, message: text.en, text };
}

export const detailCodes = Object.keys(texts) as DetailCode[];
