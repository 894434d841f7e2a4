// Text of the area crosswalk page (admin): linking an old frame's units to today's map, in Vietnamese and English.
export const crosswalkMessages = {
  vi: {
    'crosswalk.title': 'Bảng chuyển đổi địa bàn',
    'crosswalk.open': 'Bảng chuyển đổi sang bản đồ hiện nay',
    'crosswalk.lead':
      'Nối các đơn vị của khung mẫu cũ (trước 1/7/2025: tỉnh > huyện > xã > thôn) với đơn vị của khung mẫu hiện nay, để dữ liệu vi mô của các đợt cũ có thêm cột commune_today và province_today.',
    'crosswalk.to': 'Khung mẫu hiện nay',
    'crosswalk.file': 'Tệp CSV (cột old_code,new_code)',
    'crosswalk.help':
      'Mỗi dòng nối một mã cũ với một mã mới cùng cấp. Tệp có lỗi bị từ chối toàn bộ, kèm số dòng và cột; khi đó không có gì được lưu. Tệp mới thay bảng cũ giữa cùng hai khung mẫu.',
    'crosswalk.upload': 'Tải lên và kiểm tra',
    'crosswalk.none': 'Khung mẫu này chưa có bảng chuyển đổi.',
    'crosswalk.current': 'Bảng đang dùng',
    'crosswalk.links': 'Số liên kết',
    'crosswalk.provinceToday': 'Tỉnh hiện nay',
    'crosswalk.breaks': 'Đơn vị bị chia tách (không so sánh một–một được)',
    'crosswalk.noBreaks': 'Không có đơn vị nào bị chia tách.',
    'crosswalk.noOtherFrame': 'Hãy nhập khung mẫu hiện nay trước (trang Kế hoạch chọn mẫu).',
  },
  en: {
    'crosswalk.title': 'Area crosswalk',
    'crosswalk.open': 'Crosswalk to today’s map',
    'crosswalk.lead':
      'Links the units of an old frame (before 1 July 2025: province > district > commune > village) to those of today’s frame, so that older rounds’ microdata get commune_today and province_today columns.',
    'crosswalk.to': 'Today’s frame',
    'crosswalk.file': 'CSV file (columns old_code,new_code)',
    'crosswalk.help':
      'Each line links an old code to a new code of the same level. A file with errors is refused whole, with line and column; nothing is then stored. A new file replaces the crosswalk between the same two frames.',
    'crosswalk.upload': 'Upload and check',
    'crosswalk.none': 'This frame has no crosswalk yet.',
    'crosswalk.current': 'Crosswalk in force',
    'crosswalk.links': 'Links',
    'crosswalk.provinceToday': 'Province today',
    'crosswalk.breaks': 'Units split since (not comparable one to one)',
    'crosswalk.noBreaks': 'No unit was split.',
    'crosswalk.noOtherFrame': 'Import today’s frame first (sampling plan page).',
  },
} as const;
