// Text of the XLSForm pages: the download on the questionnaire preview and the admin import page.
export const xlsformMessages = {
  vi: {
    'xlsform.download': 'Tải về dạng XLSForm (Excel)',
    'xlsform.downloadHelp':
      'Mở được trong Excel, ODK, KoboToolbox và SurveyCTO; nhập lại được bằng trang Nhập XLSForm.',
    'xlsform.title': 'Nhập bộ câu hỏi từ XLSForm',
    'xlsform.intro':
      'Chọn tệp XLSForm (.xlsx) soạn trong Excel. Máy chủ kiểm tra từng ô; tệp có lỗi bị từ chối toàn bộ, kèm trang tính, hàng, cột và lý do.',
    'xlsform.supported':
      'Hỗ trợ: text, integer, decimal, date, select_one, select_multiple (cả or_other), note, calculate, range, phone number; nhóm (nhóm lồng nhau được gộp); relevant, constraint, required, calculation, default, choice_filter; ${câu_hỏi} trong nhãn; các hàm string-length, substr, contains, starts-with, format-date, now, sum, jr:choice-name và các hàm toán (sqrt, pow, min, max…). Đọc được cả cách viết cũ của pyxform (select one from, begin group, label:English). Tên lựa chọn là mã số hoặc tên (yes, male: được đổi thành mã 1, 2, …).',
    'xlsform.refused':
      'Không hỗ trợ: nhóm lặp (repeat), geopoint, ảnh, âm thanh, pulldata, indexed-repeat, once, giá trị mặc định là biểu thức.',
    'xlsform.file': 'Tệp XLSForm (.xlsx, tối đa 5 MB)',
    'xlsform.template':
      'Bắt đầu từ một mẫu: tải bộ câu hỏi thử dạng XLSForm (đủ các cột tiếng Việt và tiếng Anh), sửa trong Excel rồi nhập lại:',
    'xlsform.code': 'Mã bộ câu hỏi',
    'xlsform.codeHelp': 'Chữ thường, số và dấu gạch ngang, ví dụ khao-sat-y-te',
    'xlsform.version': 'Phiên bản',
    'xlsform.check': 'Chỉ kiểm tra',
    'xlsform.store': 'Kiểm tra và lưu thành phiên bản mới',
    'xlsform.stored': 'Đã lưu bộ câu hỏi',
    'xlsform.storedHelp':
      'Phiên bản mới đã được lưu và ghi vào nhật ký hệ thống; điện thoại và kiosk dùng được ngay. Xem trước:',
    'xlsform.ok': 'Tệp hợp lệ',
    'xlsform.summary': '{sections} phần, {questions} câu hỏi',
    'xlsform.dropped': 'Các hàng siêu dữ liệu được bỏ qua (hệ thống tự ghi):',
    'xlsform.save':
      'Chưa lưu gì. Bấm “Kiểm tra và lưu thành phiên bản mới” để lưu, hoặc lưu nội dung dưới đây thành surveys/{code}.json.',
    'xlsform.json': 'Định nghĩa bộ câu hỏi (JSON)',
    'xlsform.adminLink': 'Nhập bộ câu hỏi từ XLSForm',
  },
  en: {
    'xlsform.download': 'Download as XLSForm (Excel)',
    'xlsform.downloadHelp':
      'Opens in Excel, ODK, KoboToolbox and SurveyCTO; can be imported again on the XLSForm import page.',
    'xlsform.title': 'Import a questionnaire from XLSForm',
    'xlsform.intro':
      'Choose an XLSForm (.xlsx) written in Excel. The server checks every cell; a file with errors is refused whole, with sheet, row, column and reason.',
    'xlsform.supported':
      "Supported: text, integer, decimal, date, select_one, select_multiple (with or_other), note, calculate, range, phone number; groups (nested groups are flattened); relevant, constraint, required, calculation, default, choice_filter; ${question} in labels; the functions string-length, substr, contains, starts-with, format-date, now, sum, jr:choice-name and the math functions (sqrt, pow, min, max…). pyxform's older spellings are read too (select one from, begin group, label:English). Choice names are codes or names (yes, male: given codes 1, 2, …).",
    'xlsform.refused':
      'Not supported: repeat groups, geopoint, images, audio, pulldata, indexed-repeat, once, a default that is an expression.',
    'xlsform.file': 'XLSForm file (.xlsx, at most 5 MB)',
    'xlsform.template':
      'To start from a template: download the demo questionnaire as XLSForm (with the Vietnamese and English columns), edit it in Excel and import it here:',
    'xlsform.code': 'Questionnaire code',
    'xlsform.codeHelp': 'Lower-case letters, digits and hyphens, e.g. health-survey',
    'xlsform.version': 'Version',
    'xlsform.check': 'Check only',
    'xlsform.store': 'Check and store as a new version',
    'xlsform.stored': 'Questionnaire stored',
    'xlsform.storedHelp':
      'The new version is stored and recorded in the audit log; phones and kiosks can use it at once. Preview:',
    'xlsform.ok': 'The file is valid',
    'xlsform.summary': '{sections} sections, {questions} questions',
    'xlsform.dropped': 'Metadata rows left out (the system records these itself):',
    'xlsform.save':
      'Nothing is stored yet. Press "Check and store as a new version" to store it, or save the text below as surveys/{code}.json.',
    'xlsform.json': 'Questionnaire definition (JSON)',
    'xlsform.adminLink': 'Import a questionnaire from XLSForm',
  },
} as const;
