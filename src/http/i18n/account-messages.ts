// Screen text of the accounts pages (admin), one's own account page and the audit log, Vietnamese and English
// side by side; messages.ts merges them into its catalogues.
export const accountText = {
  'home.accounts': { vi: 'Tài khoản', en: 'Accounts' },
  'home.audit': { vi: 'Nhật ký hệ thống', en: 'Audit log' },
  'nav.account': { vi: 'Tài khoản của tôi', en: 'My account' },
  'accounts.title': { vi: 'Tài khoản', en: 'Accounts' },
  'accounts.username': { vi: 'Tên đăng nhập', en: 'Username' },
  'accounts.displayName': { vi: 'Họ và tên', en: 'Name' },
  'accounts.role': { vi: 'Vai trò', en: 'Role' },
  'accounts.created': { vi: 'Ngày tạo', en: 'Created' },
  'accounts.lastLogin': { vi: 'Đăng nhập lần cuối', en: 'Last sign-in' },
  'accounts.state': { vi: 'Trạng thái', en: 'State' },
  'accounts.active': { vi: 'Đang hoạt động', en: 'Active' },
  'accounts.disabled': { vi: 'Đã khóa', en: 'Disabled' },
  'accounts.never': { vi: 'Chưa bao giờ', en: 'Never' },
  'accounts.liveTokens': { vi: 'Thiết bị đang đăng nhập', en: 'Signed-in devices' },
  'accounts.open': { vi: 'Quản lý', en: 'Manage' },
  'accounts.add': { vi: 'Tạo tài khoản', en: 'Create an account' },
  'accounts.password': { vi: 'Mật khẩu', en: 'Password' },
  'accounts.passwordHint': {
    vi: 'Ít nhất 10 ký tự. Để trống để hệ thống tạo mật khẩu tạm (chỉ hiện một lần).',
    en: 'At least 10 characters. Leave empty for a generated temporary password (shown once).',
  },
  'accounts.addSubmit': { vi: 'Tạo tài khoản', en: 'Create account' },
  'accounts.shownOnce': {
    vi: 'Mật khẩu tạm của tài khoản này (chỉ hiện một lần; hãy trao tận tay và nhắc người dùng đổi mật khẩu):',
    en: 'Temporary password for this account (shown once; hand it over in person and ask them to change it):',
  },
  'accounts.passwordSet': { vi: 'Đã đặt mật khẩu mới.', en: 'The new password is set.' },
  'accounts.back': { vi: 'Danh sách tài khoản', en: 'All accounts' },
  'accounts.disable': { vi: 'Khóa tài khoản', en: 'Disable account' },
  'accounts.disableHelp': {
    vi: 'Khóa tài khoản sẽ đăng xuất ngay mọi trình duyệt và thu hồi mọi mã truy cập của điện thoại.',
    en: 'Disabling signs out every browser and revokes every phone token at once.',
  },
  'accounts.enable': { vi: 'Mở khóa tài khoản', en: 'Enable account' },
  'accounts.resetPassword': { vi: 'Đặt lại mật khẩu', en: 'Reset password' },
  'accounts.resetHelp': {
    vi: 'Mọi phiên đăng nhập và mã truy cập của tài khoản sẽ bị chấm dứt.',
    en: 'Every session and token of the account ends.',
  },
  'accounts.changeRole': { vi: 'Đổi vai trò', en: 'Change role' },
  'accounts.roleHelp': {
    vi: 'Người dùng sẽ phải đăng nhập lại trên mọi thiết bị.',
    en: 'The user signs in again on every device.',
  },
  'accounts.districts': { vi: 'Địa bàn giám sát (huyện)', en: 'Supervised districts' },
  'accounts.noDistricts': {
    vi: 'Chưa có địa bàn: giám sát viên chưa thấy hộ nào.',
    en: 'No district yet: the supervisor sees no households.',
  },
  'accounts.district': { vi: 'Mã huyện', en: 'District code' },
  'accounts.addDistrict': { vi: 'Thêm địa bàn', en: 'Add district' },
  'accounts.removeDistrict': { vi: 'Bỏ', en: 'Remove' },
  'accounts.tokens': { vi: 'Thiết bị và mã truy cập (API)', en: 'Devices and API tokens' },
  'accounts.noTokens': { vi: 'Chưa có mã truy cập nào.', en: 'No tokens yet.' },
  'accounts.device': { vi: 'Thiết bị', en: 'Device' },
  'accounts.unknownDevice': { vi: 'Không rõ', en: 'Unknown' },
  'accounts.issued': { vi: 'Cấp lúc (dùng lần đầu)', en: 'Issued (first use)' },
  'accounts.lastUsed': { vi: 'Dùng lần cuối', en: 'Last used' },
  'accounts.expires': { vi: 'Hết hạn', en: 'Expires' },
  'accounts.token.live': { vi: 'Đang dùng', en: 'Live' },
  'accounts.token.revoked': { vi: 'Đã thu hồi', en: 'Revoked' },
  'accounts.token.expired': { vi: 'Hết hạn', en: 'Expired' },
  'accounts.revoke': { vi: 'Thu hồi (mất máy)', en: 'Revoke (lost phone)' },
  'accounts.revokeAll': { vi: 'Thu hồi mọi mã truy cập', en: 'Revoke every token' },
  'accounts.timeNote': { vi: 'Giờ Việt Nam.', en: 'Vietnam time.' },
  'account.changePassword': { vi: 'Đổi mật khẩu', en: 'Change password' },
  'account.current': { vi: 'Mật khẩu hiện tại', en: 'Current password' },
  'account.new': { vi: 'Mật khẩu mới', en: 'New password' },
  'account.confirm': { vi: 'Nhập lại mật khẩu mới', en: 'New password again' },
  'account.rule': {
    vi: 'Ít nhất 10 ký tự. Mọi phiên đăng nhập khác và mọi điện thoại của bạn sẽ bị đăng xuất.',
    en: 'At least 10 characters. Every other session and phone of yours will be signed out.',
  },
  'account.submit': { vi: 'Đổi mật khẩu', en: 'Change password' },
  'account.changed': {
    vi: 'Đã đổi mật khẩu. Các phiên đăng nhập khác và các điện thoại đã bị đăng xuất.',
    en: 'Password changed. Your other sessions and phones have been signed out.',
  },
  'role.admin': { vi: 'Quản trị viên', en: 'Admin' },
  'role.supervisor': { vi: 'Giám sát viên', en: 'Supervisor' },
  'role.surveyor': { vi: 'Điều tra viên', en: 'Surveyor' },
  'role.analyst': { vi: 'Chuyên viên phân tích', en: 'Analyst' },
} satisfies Record<string, { vi: string; en: string }>;

type AccountKey = keyof typeof accountText;

/** The catalogue for one language, spread into messages.ts. */
export function accountMessagesIn<L extends 'vi' | 'en'>(lang: L): Record<AccountKey, string> {
  return Object.fromEntries(Object.entries(accountText).map(([key, both]) => [key, both[lang]])) as Record<
    AccountKey,
    string
  >;
}
