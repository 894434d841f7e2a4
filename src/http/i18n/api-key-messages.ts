// Screen text of the API keys section of an analyst's account page (admin), Vietnamese and English side by side;
// messages.ts merges them into its catalogues.
export const apiKeyText = {
  'apiKeys.title': { vi: 'Khoá API chỉ đọc (Excel, Power BI)', en: 'Read-only API keys (Excel, Power BI)' },
  'apiKeys.help': {
    vi: 'Khoá API cho phép Excel (“Từ Web”) và Power BI làm mới số liệu từ /api/v1/rounds mà không cần đăng nhập. Khoá không hết hạn; thu hồi có hiệu lực ngay.',
    en: 'An API key lets Excel ("From Web") and Power BI refresh data from /api/v1/rounds without signing in. Keys do not expire; revoking takes effect at once.',
  },
  'apiKeys.none': { vi: 'Chưa có khoá API nào.', en: 'No API keys yet.' },
  'apiKeys.label': { vi: 'Tên khoá', en: 'Key name' },
  'apiKeys.labelHint': { vi: 'Ví dụ: Power BI Sở Nội vụ', en: 'For example: Power BI, Department of Home Affairs' },
  'apiKeys.rounds': { vi: 'Đợt khảo sát được đọc', en: 'Rounds it may read' },
  'apiKeys.allRounds': { vi: 'Tất cả các đợt', en: 'Every round' },
  'apiKeys.roundsHelp': {
    vi: 'Không chọn đợt nào: khoá đọc được mọi đợt mà tài khoản này được xem.',
    en: 'No round ticked: the key reads every round this account may see.',
  },
  'apiKeys.create': { vi: 'Tạo khoá API', en: 'Create an API key' },
  'apiKeys.shownOnce': {
    vi: 'Khoá API mới, chỉ hiện một lần. Hãy sao chép ngay vào Excel hoặc Power BI (tiêu đề Authorization: Bearer <khoá>).',
    en: 'The new API key, shown once. Copy it now into Excel or Power BI (header Authorization: Bearer <key>).',
  },
  'apiKeys.created': { vi: 'Tạo lúc', en: 'Created' },
  'apiKeys.createdBy': { vi: 'Người tạo', en: 'Created by' },
  'apiKeys.lastUsed': { vi: 'Dùng lần cuối', en: 'Last used' },
  'apiKeys.state': { vi: 'Trạng thái', en: 'State' },
  'apiKeys.live': { vi: 'Đang dùng', en: 'Live' },
  'apiKeys.revoked': { vi: 'Đã thu hồi', en: 'Revoked' },
  'apiKeys.revoke': { vi: 'Thu hồi khoá', en: 'Revoke the key' },
  'apiKeys.analystOnly': {
    vi: 'Chỉ tài khoản phân tích viên mới có khoá API.',
    en: 'Only analyst accounts have API keys.',
  },
} satisfies Record<string, { vi: string; en: string }>;

type ApiKeyKey = keyof typeof apiKeyText;

/** The catalogue for one language, spread into messages.ts. */
export function apiKeyMessagesIn<L extends 'vi' | 'en'>(lang: L): Record<ApiKeyKey, string> {
  return Object.fromEntries(Object.entries(apiKeyText).map(([key, both]) => [key, both[lang]])) as Record<
    ApiKeyKey,
    string
  >;
}
