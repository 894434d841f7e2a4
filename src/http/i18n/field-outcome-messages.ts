// Field app texts for discarding a draft, backing up everything unsent and the way out of a blocked sign-out;
// merged into the field app's messages (field-messages.ts).
const vi = {
  'draft.discard': 'Bỏ bản nháp',
  'draft.discardConfirm':
    'Bỏ bản nháp phỏng vấn hộ {name}? Bản nháp được lưu vào tệp sao lưu trước, rồi mới xoá khỏi điện thoại.',
  'draft.discarded': 'Đã lưu bản nháp vào tệp sao lưu và xoá khỏi điện thoại. Có thể phỏng vấn lại hộ này từ đầu.',
  'draft.discardFailed': 'Không tạo được tệp sao lưu, nên bản nháp vẫn được giữ trên điện thoại.',
  'outbox.backupSaved': 'Đã lưu {n} mục chưa gửi vào tệp sao lưu.',
  'outbox.backupNothing': 'Không có gì chưa gửi để sao lưu: không có phỏng vấn, bản nháp hay kết quả tiếp xúc nào.',
  'home.signoutPending':
    'Còn {n} mục chưa gửi trên điện thoại (phỏng vấn, bản nháp hoặc kết quả tiếp xúc). Hãy gửi đi, hoặc sao lưu rồi đăng xuất.',
  'home.signoutBackup': 'Sao lưu rồi đăng xuất',
  'home.signoutBackupConfirm':
    'Tệp sao lưu đã lưu {n} mục chưa gửi. Đăng xuất và xoá chúng khỏi điện thoại này? Hãy giữ tệp để quản trị viên nhập.',
  'enrol.busy': 'Đang đăng nhập bằng mã QR…',
  'enrol.failed': 'Không đăng nhập được bằng mã QR: {reason}',
  'enrol.offline': 'Cần có mạng để đăng nhập bằng mã QR. Hãy quét lại khi có mạng.',
} as const;

export type FieldOutcomeMessageKey = keyof typeof vi;

const en: Record<FieldOutcomeMessageKey, string> = {
  'draft.discard': 'Discard draft',
  'draft.discardConfirm':
    'Discard the draft interview of {name}? The draft is saved to a backup file first, then removed from this phone.',
  'draft.discarded':
    'The draft was saved to a backup file and removed from this phone. This household can be interviewed again from the start.',
  'draft.discardFailed': 'The backup file could not be made, so the draft is still on this phone.',
  'outbox.backupSaved': 'Saved {n} unsent items to the backup file.',
  'outbox.backupNothing': 'Nothing unsent to back up: no interviews, drafts or visit outcomes.',
  'home.signoutPending':
    '{n} unsent items are on this phone (interviews, drafts or visit outcomes). Send them, or back up and sign out.',
  'home.signoutBackup': 'Back up, then sign out',
  'home.signoutBackupConfirm':
    'The backup file holds {n} unsent items. Sign out and remove them from this phone? Keep the file for an administrator to import.',
  'enrol.busy': 'Signing in with the QR code…',
  'enrol.failed': 'Could not sign in with the QR code: {reason}',
  'enrol.offline': 'Signing in with a QR code needs a connection. Scan it again when online.',
};

export const fieldOutcomeMessages = { vi, en };
