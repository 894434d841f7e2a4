// Admin and analyst words for ratings from citizens' phones (counter QR posters, held ratings, channels).
const text = {
  'kiosks.phoneToday': { vi: 'Đánh giá qua điện thoại hôm nay', en: 'Phone ratings today' },
  'kiosks.qr': { vi: 'mã QR', en: 'QR code' },
  'kiosks.link': { vi: 'đường dẫn hồ sơ', en: 'dossier links' },
  'kiosks.held': { vi: 'Đánh giá bị giữ lại chờ xem xét', en: 'Ratings held for review' },
  'kiosks.heldHelp': {
    vi: 'Quầy nhận lượng đánh giá bất thường; các đánh giá này chưa được tính cho đến khi quản trị viên quyết định.',
    en: 'Unusual volume at this counter; these ratings are not counted until an admin decides.',
  },
  'kiosks.release': { vi: 'Tính các đánh giá này', en: 'Count them' },
  'kiosks.reject': { vi: 'Loại bỏ', en: 'Reject them' },
  'kiosks.poster': { vi: 'Áp phích QR', en: 'QR poster' },
  'poster.print': { vi: 'In áp phích', en: 'Print the poster' },
  'results.channel': { vi: 'Kênh', en: 'Channel' },
  'results.channel.kiosk': { vi: 'Máy tính bảng tại quầy', en: 'Counter tablet' },
  'results.channel.qr': { vi: 'Mã QR tại quầy (điện thoại)', en: 'Counter QR code (phones)' },
  'results.channel.link': { vi: 'Đường dẫn theo hồ sơ', en: 'Per-dossier links' },
  'results.linksIssued': { vi: 'Đường dẫn đã cấp', en: 'Links issued' },
  'results.linkResponseRate': { vi: 'Tỷ lệ phản hồi', en: 'Response rate' },
  'results.selfSelectedNote': {
    vi: 'Người đánh giá tự chọn tham gia: đây là số đếm và tỷ lệ, không phải ước lượng có khoảng tin cậy cho toàn bộ người dân đến quầy. Đánh giá bị giữ lại chờ xem xét không được tính.',
    en: 'Raters choose to take part: these are counts and shares, not estimates with confidence intervals for everyone served. Ratings held for review are not counted.',
  },
  'results.linkNote': {
    vi: 'Mỗi hồ sơ được đánh giá một lần. Tỷ lệ phản hồi = số đánh giá / số đường dẫn cấp trong kỳ (đường dẫn do hệ thống một cửa tự tạo ngoài máy chủ chỉ được biết khi đã dùng).',
    en: 'Each dossier is rated once. Response rate = ratings / links issued in the period (links the dossier system mints offline are known only once used).',
  },
  'invitations.title': { vi: 'Khảo sát theo danh sách mời', en: 'Invitation surveys' },
  'invitations.add': { vi: 'Tạo đợt khảo sát theo danh sách', en: 'New invitation round' },
  'invitations.code': { vi: 'Mã đợt', en: 'Round code' },
  'invitations.label': { vi: 'Tên đợt', en: 'Round name' },
  'invitations.survey': { vi: 'Bộ câu hỏi', en: 'Questionnaire' },
  'invitations.file': {
    vi: 'Danh sách (CSV: name,email_or_phone,organisation,role,group)',
    en: 'List (CSV: name,email_or_phone,organisation,role,group)',
  },
  'invitations.submit': { vi: 'Tạo đợt và mã mời', en: 'Create the round and invitations' },
  'invitations.invited': { vi: 'Được mời', en: 'Invited' },
  'invitations.answered': { vi: 'Đã trả lời', en: 'Answered' },
  'invitations.rate': { vi: 'Tỷ lệ phản hồi', en: 'Response rate' },
  'invitations.group': { vi: 'Nhóm', en: 'Group' },
  'invitations.all': { vi: 'Tất cả', en: 'All' },
  'invitations.letters': { vi: 'In thư mời (có mã QR)', en: 'Print the letters (with QR codes)' },
  'invitations.lettersDocx': { vi: 'Tải thư mời (Word, có mã QR)', en: 'Letters as Word (with QR codes)' },
  'invitations.reminders': { vi: 'Danh sách cần nhắc (chưa trả lời)', en: 'Reminder list (not yet answered)' },
  'invitations.mailMerge': { vi: 'Tải CSV trộn thư (kèm đường dẫn riêng)', en: 'Mail-merge CSV (with personal links)' },
  'invitations.census': {
    vi: 'Khảo sát toàn bộ danh sách: kết quả là tổng điều tra có người không trả lời; xem tỷ lệ phản hồi từng nhóm trước khi đọc kết quả.',
    en: 'A census of the list with non-response: check each group’s response rate before reading results.',
  },
  'invitations.anonymity': {
    vi: 'Quản trị viên thấy ai đã trả lời (để nhắc) nhưng không thấy họ trả lời gì: khi gửi, câu trả lời được tách khỏi tên và chỉ giữ nhóm và ngày.',
    en: 'Admins see who has answered (for reminders) but not what: at submission the answers are separated from the name, keeping only the group and the day.',
  },
  'invitations.results': { vi: 'Kết quả của đợt', en: 'Round results' },
  'invitations.roundsTitle': { vi: 'Khảo sát theo danh sách mời', en: 'Invitation surveys' },
  'invitations.noIntervals': {
    vi: 'Không tính khoảng tin cậy: đây không phải mẫu ngẫu nhiên mà là những người trong danh sách đã chọn trả lời.',
    en: 'No confidence intervals: this is not a random sample but those on the list who chose to answer.',
  },
  'invitations.summary': { vi: 'Tóm tắt câu trả lời theo lĩnh vực', en: 'Answers by field' },
  'invitations.summaryHelp': {
    vi: 'Điểm trung bình trên thang 1–5 (Rất kém = 1 … Rất tốt = 5) và tỷ lệ đánh giá Tốt hoặc Rất tốt, không tính “Không biết”. Đây là mô tả của những người đã trả lời, không phải điểm Chỉ số PAR Index chính thức. Số điều chỉnh theo nhóm là hậu phân tầng theo nhóm của danh sách.',
    en: 'Mean on a 1–5 scale (Very poor = 1 … Very good = 5) and the share rating Good or Very good, leaving out “Don’t know”. This describes those who answered; it is not the official PAR Index score. The figures reweighted to groups are post-stratified by the list’s groups.',
  },
  'invitations.tooFew': {
    vi: 'Chưa hiển thị kết quả: cần ít nhất {n} người trả lời để không ai bị nhận ra qua câu trả lời (hiện có {answered}).',
    en: 'No results yet: at least {n} answers are needed so that no one can be recognised by their answers (now {answered}).',
  },
  'invitations.noReweight.group_without_answers': {
    vi: 'Không điều chỉnh theo nhóm: có nhóm chưa ai trả lời.',
    en: 'Not reweighted to groups: a group has no answer yet.',
  },
  'invitations.noReweight.single_group': {
    vi: 'Không điều chỉnh theo nhóm: danh sách chỉ có một nhóm.',
    en: 'Not reweighted to groups: the list has a single group.',
  },
  'invitations.field': { vi: 'Lĩnh vực', en: 'Field' },
  'invitations.item': { vi: 'Nội dung', en: 'Item' },
  'invitations.mean': { vi: 'Điểm TB (1–5)', en: 'Mean (1–5)' },
  'invitations.positive': { vi: 'Tỷ lệ Tốt/Rất tốt', en: 'Share Good/Very good' },
  'invitations.reweightKey': {
    vi: 'Số nhỏ bên dưới: điều chỉnh theo nhóm (mỗi nhóm có trọng số = số được mời / số đã trả lời).',
    en: 'Small figure below: reweighted to groups (each group weighted by invited / answered).',
  },
  'invitations.answeredItem': { vi: 'Số trả lời', en: 'Answered' },
  'invitations.dontKnow': { vi: 'không biết', en: 'don’t know' },
  'invitations.counts': { vi: 'Số người theo mức', en: 'Counts by level' },
  'invitations.summaryCsv': { vi: 'Tải bảng tóm tắt (CSV)', en: 'Download the summary (CSV)' },
} satisfies Record<string, { vi: string; en: string }>;

type Key = keyof typeof text;

export function phoneRatingMessagesIn(lang: 'vi' | 'en'): Record<Key, string> {
  return Object.fromEntries(Object.entries(text).map(([k, v]) => [k, v[lang]])) as Record<Key, string>;
}
