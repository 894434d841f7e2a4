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
    'crosswalk.error.missing_column': 'Thiếu cột bắt buộc “{column}” ở dòng tiêu đề.',
    'crosswalk.error.empty_crosswalk': 'Bảng chuyển đổi không có dòng nào.',
    'crosswalk.error.missing_code': 'Mã bị để trống.',
    'crosswalk.error.unknown_old_code': 'Mã cũ “{oldCode}” không có trong khung mẫu cũ.',
    'crosswalk.error.unknown_new_code': 'Mã mới “{newCode}” không có trong khung mẫu mới.',
    'crosswalk.error.level_not_in_new_frame': '“{oldCode}” là {level}; khung mẫu mới không có cấp này.',
    'crosswalk.error.level_mismatch': '“{oldCode}” là {level} nhưng “{newCode}” là {newLevel}.',
    'crosswalk.error.duplicate_link': '“{oldCode}” đã được nối với “{newCode}” ở dòng {first}.',
    'crosswalk.level.province': 'tỉnh',
    'crosswalk.level.district': 'huyện',
    'crosswalk.level.commune': 'xã',
    'crosswalk.level.village': 'thôn',
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
    'crosswalk.error.missing_column': 'Required column "{column}" is missing from the header.',
    'crosswalk.error.empty_crosswalk': 'The crosswalk has no rows.',
    'crosswalk.error.missing_code': 'The code is empty.',
    'crosswalk.error.unknown_old_code': 'Old code "{oldCode}" is not in the old frame.',
    'crosswalk.error.unknown_new_code': 'New code "{newCode}" is not in the new frame.',
    'crosswalk.error.level_not_in_new_frame': '"{oldCode}" is a {level}; the new frame has no such level.',
    'crosswalk.error.level_mismatch': '"{oldCode}" is a {level} but "{newCode}" is a {newLevel}.',
    'crosswalk.error.duplicate_link': '"{oldCode}" is already linked to "{newCode}" on line {first}.',
    'crosswalk.level.province': 'province',
    'crosswalk.level.district': 'district',
    'crosswalk.level.commune': 'commune',
    'crosswalk.level.village': 'village',
  },
} as const;

type Lang = keyof typeof crosswalkMessages;
type Key = keyof (typeof crosswalkMessages)['vi'];

/** One language's wording of a crosswalk row problem, with its values (levels named in that language). */
function wording(lang: Lang, code: string, params: Readonly<Record<string, string | number>>): string | undefined {
  const texts = crosswalkMessages[lang] as Record<string, string>;
  const template = texts[`crosswalk.error.${code}` satisfies string as Key];
  if (template === undefined) return undefined;
  return template.replace(/\{(\w+)\}/g, (all, name: string) => {
    const value = params[name];
    if (value === undefined) return all;
    return name.toLowerCase().endsWith('level') ? (texts[`crosswalk.level.${value}`] ?? String(value)) : String(value);
  });
}

/**
 * A crosswalk row problem in both languages (the validator words it in English only, for the command line), or
 * the detail unchanged when its code is not a crosswalk row code.
 */
export function crosswalkDetailText<D extends { code?: string | undefined; params?: unknown; message: string }>(
  d: D,
): D & { text?: { vi: string; en: string } } {
  const params = (d.params ?? {}) as Readonly<Record<string, string | number>>;
  const vi = d.code === undefined ? undefined : wording('vi', d.code, params);
  const en = d.code === undefined ? undefined : wording('en', d.code, params);
  return vi === undefined || en === undefined ? d : { ...d, text: { vi, en } };
}
