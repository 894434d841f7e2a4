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
  'results.responseRate': { vi: 'Tỷ lệ phản hồi', en: 'Response rate' },
  'results.selfSelectedNote': {
    vi: 'Người đánh giá tự chọn tham gia: đây là số đếm và tỷ lệ, không phải ước lượng có khoảng tin cậy cho toàn bộ người dân đến quầy. Đánh giá bị giữ lại chờ xem xét không được tính.',
    en: 'Raters choose to take part: these are counts and shares, not estimates with confidence intervals for everyone served. Ratings held for review are not counted.',
  },
  'results.linkNote': {
    vi: 'Mỗi hồ sơ được đánh giá một lần. Tỷ lệ phản hồi = số đánh giá / số đường dẫn cấp trong kỳ (đường dẫn do hệ thống một cửa tự tạo ngoài máy chủ chỉ được biết khi đã dùng).',
    en: 'Each dossier is rated once. Response rate = ratings / links issued in the period (links the dossier system mints offline are known only once used).',
  },
} satisfies Record<string, { vi: string; en: string }>;

type Key = keyof typeof text;

export function phoneRatingMessagesIn(lang: 'vi' | 'en'): Record<Key, string> {
  return Object.fromEntries(Object.entries(text).map(([k, v]) => [k, v[lang]])) as Record<Key, string>;
}
