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
      'Hỗ trợ: text, integer, decimal, date, select_one, select_multiple, note, calculate; nhóm (nhóm lồng nhau được gộp); relevant, constraint, required, calculation. Mã lựa chọn phải là số nguyên.',
    'xlsform.refused':
      'Chưa hỗ trợ: nhóm lặp (repeat), geopoint, ảnh, âm thanh, pulldata, indexed-repeat, once, choice_filter, default.',
    'xlsform.file': 'Tệp XLSForm (.xlsx, tối đa 5 MB)',
    'xlsform.code': 'Mã bộ câu hỏi',
    'xlsform.codeHelp': 'Chữ thường, số và dấu gạch ngang, ví dụ khao-sat-y-te',
    'xlsform.version': 'Phiên bản',
    'xlsform.check': 'Kiểm tra và chuyển đổi',
    'xlsform.ok': 'Tệp hợp lệ',
    'xlsform.summary': '{sections} phần, {questions} câu hỏi',
    'xlsform.dropped': 'Các hàng siêu dữ liệu được bỏ qua (hệ thống tự ghi):',
    'xlsform.save':
      'Lưu nội dung dưới đây thành surveys/{code}.json trên máy chủ (hoặc dùng lệnh langnghe survey import), chạy langnghe survey check rồi khởi động lại máy chủ.',
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
      'Supported: text, integer, decimal, date, select_one, select_multiple, note, calculate; groups (nested groups are flattened); relevant, constraint, required, calculation. Choice names must be whole numbers.',
    'xlsform.refused':
      'Not supported yet: repeat groups, geopoint, images, audio, pulldata, indexed-repeat, once, choice_filter, default.',
    'xlsform.file': 'XLSForm file (.xlsx, at most 5 MB)',
    'xlsform.code': 'Questionnaire code',
    'xlsform.codeHelp': 'Lower-case letters, digits and hyphens, e.g. health-survey',
    'xlsform.version': 'Version',
    'xlsform.check': 'Check and convert',
    'xlsform.ok': 'The file is valid',
    'xlsform.summary': '{sections} sections, {questions} questions',
    'xlsform.dropped': 'Metadata rows left out (the system records these itself):',
    'xlsform.save':
      'Save the text below as surveys/{code}.json on the server (or use langnghe survey import), run langnghe survey check, then restart the server.',
    'xlsform.json': 'Questionnaire definition (JSON)',
    'xlsform.adminLink': 'Import a questionnaire from XLSForm',
  },
} as const;
