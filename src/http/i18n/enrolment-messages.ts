// Screen text of the enrolment QR on a surveyor's account page: a one-time code that signs a phone in to the
// field app without a password. Spread into messages.ts.
const enrolmentText = {
  'enrol.title': { vi: 'Đăng nhập điện thoại bằng mã QR', en: 'Sign a phone in with a QR code' },
  'enrol.help': {
    vi: 'Tạo mã QR dùng một lần cho điều tra viên này: quét bằng camera điện thoại sẽ mở ứng dụng thực địa và đăng nhập luôn, không cần mật khẩu. Mã hết hạn sau {minutes} phút.',
    en: 'Make a one-time QR code for this surveyor: scanning it with the phone camera opens the field app already signed in, with no password. The code expires after {minutes} minutes.',
  },
  'enrol.create': { vi: 'Tạo mã QR đăng nhập', en: 'Make a sign-in QR code' },
  'enrol.scan': {
    vi: 'Điều tra viên quét mã này bằng điện thoại của mình. Chỉ dùng được một lần, đến {time} (giờ Việt Nam).',
    en: 'The surveyor scans this code with their own phone. It works once, until {time} (Vietnam time).',
  },
  'enrol.qrAlt': { vi: 'Mã QR đăng nhập ứng dụng thực địa', en: 'QR code that signs in to the field app' },
  'enrol.keepPrivate': {
    vi: 'Ai quét được mã này sẽ đăng nhập bằng tài khoản này: đừng chụp hay gửi nó đi.',
    en: 'Whoever scans this code signs in as this account: do not photograph or send it.',
  },
} satisfies Record<string, { vi: string; en: string }>;

type EnrolmentKey = keyof typeof enrolmentText;

export function enrolmentMessagesIn<L extends 'vi' | 'en'>(lang: L): Record<EnrolmentKey, string> {
  return Object.fromEntries(Object.entries(enrolmentText).map(([key, both]) => [key, both[lang]])) as Record<
    EnrolmentKey,
    string
  >;
}
