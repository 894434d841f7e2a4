// Screen text of the counter kiosk, Vietnamese (default) and English side by side. The page is rendered in
// Vietnamese; its scripts get both languages as /kiosk/i18n.js, since a citizen may switch while rating.
const text = {
  'app.title': { vi: 'Đánh giá sự hài lòng', en: 'Rate our service' },
  'app.loading': { vi: 'Đang tải…', en: 'Loading…' },
  'lang.switch': { vi: 'English', en: 'Tiếng Việt' },
  'pair.title': { vi: 'Ghép nối thiết bị', en: 'Pair this device' },
  'pair.help': { vi: 'Nhập mã ghép nối do quản trị viên cấp', en: 'Enter the pairing code from the administrator' },
  'pair.submit': { vi: 'Ghép nối', en: 'Pair' },
  'pair.badCode': { vi: 'Mã không đúng hoặc đã hết hạn.', en: 'Wrong or expired code.' },
  'rate.start': { vi: 'Mời ông/bà đánh giá sự phục vụ', en: 'Please rate our service' },
  'rate.next': { vi: 'Tiếp', en: 'Next' },
  'rate.back': { vi: 'Quay lại', en: 'Back' },
  'rate.send': { vi: 'Gửi đánh giá', en: 'Send rating' },
  'thanks.title': { vi: 'Cảm ơn ông/bà!', en: 'Thank you!' },
  'thanks.sub': { vi: 'Ý kiến của ông/bà đã được ghi nhận.', en: 'Your rating has been recorded.' },
  'thanks.alreadyRated': {
    vi: 'Hồ sơ này đã được đánh giá hôm nay tại quầy, nên lần này không ghi thêm. Đánh giá trước của ông/bà vẫn được giữ nguyên.',
    en: 'This dossier has already been rated at this counter today, so this rating was not added. The earlier rating is kept.',
  },
  'question.several': { vi: 'Có thể chọn nhiều ý', en: 'You may choose more than one' },
  'rate.skipInvalid': { vi: 'Bỏ qua, không nhập mã', en: 'Skip it, leave the code out' },
  'idle.reset': { vi: 'Tự động làm mới sau', en: 'Resets in' },
  'idle.seconds': { vi: 'giây', en: 's' },
  'queue.waiting': { vi: 'đánh giá chờ gửi', en: 'ratings waiting to send' },
  // Rating on one's own phone (/r/<counter>, /r/d/<link>)
  'phone.title': { vi: 'Đánh giá sự phục vụ', en: 'Rate the service' },
  'phone.counter': { vi: 'Quầy', en: 'Counter' },
  'phone.dossier': { vi: 'Hồ sơ', en: 'Dossier' },
  'phone.privacy': {
    vi: 'Đánh giá không ghi tên, số điện thoại hay vị trí của ông/bà. Mỗi điện thoại đánh giá một quầy một lần mỗi ngày.',
    en: 'Your rating records no name, phone number or location. Each phone rates a counter once a day.',
  },
  'phone.sending': { vi: 'Đang gửi…', en: 'Sending…' },
  'phone.retry': { vi: 'Gửi lại', en: 'Send again' },
  'phone.offline': {
    vi: 'Chưa gửi được (mất kết nối). Đánh giá vẫn còn trên máy; hãy bấm Gửi lại.',
    en: 'Not sent (no connection). Your rating is kept on this page; press Send again.',
  },
  'phone.alreadyToday': {
    vi: 'Điện thoại này đã đánh giá quầy này hôm nay. Cảm ơn ông/bà!',
    en: 'This phone has already rated this counter today. Thank you!',
  },
  'phone.dossierRated': {
    vi: 'Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ đánh giá một lần.',
    en: 'This dossier has already been rated; each dossier is rated once.',
  },
  'phone.rateLimited': {
    vi: 'Có quá nhiều lượt đánh giá từ mạng này; hãy thử lại sau ít phút.',
    en: 'Too many ratings from this network; try again in a few minutes.',
  },
  'phone.linkProblem': { vi: 'Không dùng được đường dẫn', en: 'This link cannot be used' },
  'phone.linkHelp': {
    vi: 'Nếu cần, hãy hỏi cán bộ Bộ phận Một cửa hoặc quét mã QR tại quầy.',
    en: 'If needed, ask the one-stop office staff or scan the QR code at the counter.',
  },
  'phone.failed': { vi: 'Không gửi được đánh giá', en: 'The rating was not sent' },
  // Invitation surveys (/i/<token>)
  'invite.save': { vi: 'Lưu để làm tiếp', en: 'Save for later' },
  'invite.saved': {
    vi: 'Đã lưu. Mở lại đường dẫn này để làm tiếp.',
    en: 'Saved. Open this link again to continue.',
  },
  'invite.submit': { vi: 'Gửi phiếu', en: 'Submit' },
  'invite.done': {
    vi: 'Cảm ơn ông/bà! Phiếu đã được gửi và tách khỏi tên của ông/bà.',
    en: 'Thank you! Your answers were submitted and separated from your name.',
  },
  'invite.already': {
    vi: 'Phiếu theo lời mời này đã được gửi; mỗi lời mời chỉ gửi một lần.',
    en: 'This invitation has already been answered; each invitation is submitted once.',
  },
  'invite.notSent': { vi: 'Chưa gửi được; hãy thử lại.', en: 'Not sent; try again.' },
} satisfies Record<string, { vi: string; en: string }>;

export type KioskMessageKey = keyof typeof text;
type Catalogue = Record<KioskMessageKey, string>;

const inLang = (lang: 'vi' | 'en'): Catalogue =>
  Object.fromEntries(Object.entries(text).map(([key, both]) => [key, both[lang]])) as Catalogue;

/** One catalogue per language, the shape the field app's scripts get too. */
export const kioskMessages: { vi: Catalogue; en: Catalogue } = { vi: inLang('vi'), en: inLang('en') };
