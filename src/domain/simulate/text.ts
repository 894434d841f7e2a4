// Short Vietnamese free text for simulated interviews, chosen by what the question asks (an "other, specify"
// ethnicity or occupation, a name, a place, a comment). Plausible, never real personal data.
import type { Field } from '../questionnaire/index.js';
import type { Rng } from '../sampling/prng.js';
import { pick } from './random.js';

const texts = {
  ethnicity: ['Chăm', 'Ê Đê', 'Gia Rai', 'Ba Na', 'Xơ Đăng', 'Sán Dìu', 'Cơ Ho', 'Giáy', 'Sán Chay'],
  occupation: [
    'Thợ may',
    'Chạy xe ôm',
    'Bán hàng rong',
    'Thợ xây',
    'Làm thuê theo thời vụ',
    'Nuôi ong',
    'Thợ sửa xe máy',
  ],
  education: ['Bổ túc văn hóa', 'Trung cấp nghề', 'Học nghề ngắn hạn', 'Sơ cấp nghề'],
  channel: [
    'Qua Zalo của tổ dân phố',
    'Qua tờ rơi phát tận nhà',
    'Qua bảng tin nhà văn hóa',
    'Qua hội phụ nữ',
    'Qua đoàn thanh niên',
  ],
  name: [
    'Nguyễn Thị Lan',
    'Trần Văn Hùng',
    'Lê Minh Tuấn',
    'Phạm Thu Hà',
    'Hoàng Văn Nam',
    'Vũ Thị Mai',
    'Đặng Quốc Bảo',
    'Bùi Thị Hằng',
  ],
  place: [
    'Nhà văn hóa thôn Đông',
    'Trụ sở UBND xã An Bình',
    'Bộ phận Một cửa xã Hòa Phú',
    'Tại nhà người trả lời',
    'Tổ dân phố số 3, phường Tân Tiến',
  ],
  comment: [
    'Cán bộ nhiệt tình, hướng dẫn chu đáo.',
    'Thủ tục còn rườm rà, cần giảm bớt giấy tờ.',
    'Mong chính quyền sửa đường liên thôn.',
    'Thời gian chờ còn lâu.',
    'Nên công khai thêm thông tin trên mạng.',
    'Người trả lời hợp tác tốt.',
    'Không có ý kiến gì thêm.',
    'Cần thêm ghế chờ ở bộ phận một cửa.',
    'Phỏng vấn tại nhà, có người nhà ngồi cùng.',
    'Đề nghị hướng dẫn nộp hồ sơ trực tuyến rõ hơn.',
  ],
  other: ['Khác', 'Qua người quen', 'Chưa rõ', 'Theo hướng dẫn của cán bộ thôn'],
} as const;

type Kind = keyof typeof texts;

/** What a text question asks, from its id and Vietnamese label. */
export function textKind(field: Field): Kind {
  const label = field.label.vi.toLowerCase();
  const id = field.id.toLowerCase();
  const about = (...words: string[]): boolean => words.some((w) => label.includes(w));
  if (about('dân tộc')) return 'ethnicity';
  if (about('nghề', 'công việc')) return 'occupation';
  if (about('học vấn')) return 'education';
  if (about('kênh', 'hình thức')) return 'channel';
  if (about('họ và tên', 'họ tên') || /(^|_)(name|ten)($|_)/.test(id)) return 'name';
  if (about('địa điểm', 'địa chỉ', 'nơi ')) return 'place';
  if (id.endsWith('_other') || (about('ghi rõ', 'cụ thể') && !about('ý kiến'))) return 'other';
  return 'comment';
}

/** A text for the question, cut to its length limit on a word boundary where one is close. */
export function pickText(rng: Rng, field: Field): string {
  const text = pick(rng, texts[textKind(field)]).normalize('NFC');
  return truncate(text, field.maxLength ?? 2000);
}

function truncate(text: string, limit: number): string {
  const chars = [...text];
  if (chars.length <= limit) return text;
  const cut = chars.slice(0, limit).join('');
  const space = cut.lastIndexOf(' ');
  return (space >= limit / 2 ? cut.slice(0, space) : cut).trim();
}
