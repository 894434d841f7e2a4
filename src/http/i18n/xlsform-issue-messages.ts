// Vietnamese for the reasons an XLSForm import is refused (src/domain/xlsform, services/surveys/xlsform-file.ts),
// shown on /admin/surveys/import with the English second. The domain writes English (the command line prints it);
// each entry matches one English reason and words it in Vietnamese, keeping the names it quotes.
import type { ErrorDetail } from '../../domain/errors.js';

const reasons: readonly (readonly [RegExp, string])[] = [
  [/^the workbook has no "survey" sheet$/, 'Tệp không có trang “survey”.'],
  [
    /^the workbook has no "survey" sheet \(is it (.+)\? name it "survey"\)$/,
    'Tệp không có trang “survey” (có phải là $1? hãy đổi tên thành “survey”).',
  ],
  [/^the survey sheet needs "type" and "name" columns$/, 'Trang survey cần có cột “type” và “name”.'],
  [/^(\d+) rows: an imported form may have at most (\d+)$/, 'Có $1 dòng: một biểu mẫu nhập vào có nhiều nhất $2 dòng.'],
  [/^not an XLSX workbook/, 'Tệp không phải sổ tính XLSX (hãy lưu từ Excel dạng .xlsx; không đọc .xls hay .csv).'],
  [/^formulas are not allowed: type the value$/, 'Không được dùng công thức: hãy gõ giá trị.'],
  [/^the workbook is too large to read$/, 'Sổ tính quá lớn, không đọc được.'],
  [/inflate|too large/, 'Tệp quá lớn khi giải nén (có thể là “bom zip”).'],
  [/^reading the workbook took too long$/, 'Đọc sổ tính quá lâu.'],
  [/^the row has values but no type$/, 'Dòng có dữ liệu nhưng thiếu loại câu hỏi (type).'],
  [/^every question needs a name$/, 'Mỗi câu hỏi cần có tên (name).'],
  [/^every choice needs a list_name$/, 'Mỗi lựa chọn cần có list_name.'],
  [/^a calculate row needs a calculation$/, 'Dòng calculate cần có công thức tính (calculation).'],
  [/^a value in a column with no header$/, 'Có giá trị trong một cột không có tiêu đề.'],
  [/^end_group without a begin_group$/, 'Có end_group mà không có begin_group tương ứng.'],
  [/^begin_group "(.+)" has no end_group$/, 'Nhóm “$1” (begin_group) không có end_group.'],
  [/^unknown question type "(.+)"$/, 'Không có loại câu hỏi “$1”.'],
  [/^(.+) needs a list name$/, '$1 cần tên danh sách lựa chọn.'],
  [/^no list "(.+)" on the choices sheet$/, 'Trang choices không có danh sách “$1”.'],
  [/^repeat groups are not supported/, 'Không hỗ trợ nhóm lặp (repeat): mỗi phỏng vấn trả lời mỗi câu một lần.'],
  [/^locations \((\w+)\) are not supported$/, 'Không hỗ trợ vị trí ($1).'],
  [/^photos \(image\) are not supported$/, 'Không hỗ trợ ảnh (image).'],
  [/^audio recordings are not supported$/, 'Không hỗ trợ ghi âm (audio).'],
  [/^video recordings are not supported$/, 'Không hỗ trợ quay video.'],
  [/^(images|audio|video) in questions are not supported$/, 'Không hỗ trợ tệp đa phương tiện trong câu hỏi.'],
  [/^pulldata\(\)/, 'Không hỗ trợ pulldata(): công cụ này không có tệp CSV đính kèm.'],
  [/^indexed-repeat\(\)/, 'Không hỗ trợ indexed-repeat(): công cụ này không có nhóm lặp.'],
  [/^once\(\)/, 'Không hỗ trợ once(): câu trả lời ở đây được tính lại mỗi lần.'],
  [/^position\(\)/, 'Không hỗ trợ position(): hàm này thuộc nhóm lặp.'],
  [/^instance\(\)/, 'Không hỗ trợ instance(): trong choice_filter hãy viết thẳng tên cột của trang choices.'],
  [/^XPath paths/, 'Không hỗ trợ đường dẫn XPath như /data/q: hãy viết ${q}.'],
  [
    /^or_other is not supported/,
    'Không hỗ trợ or_other trong bảng (table-list) hay trên thang đo đặt tên: hãy thêm lựa chọn “khác” và một câu ' +
      'hỏi dạng văn bản.',
  ],
  [
    /^or_other adds a choice "other", and the list already has one/,
    'or_other thêm lựa chọn “other”, mà danh sách đã có lựa chọn này: hãy bỏ or_other.',
  ],
  [/^external choices/, 'Không hỗ trợ lựa chọn bên ngoài (select_one_external): hãy đưa lựa chọn vào trang choices.'],
  [/^choices from an attached file/, 'Không hỗ trợ lựa chọn từ tệp đính kèm.'],
  [
    /^range needs numbers/,
    'Câu hỏi range cần tham số là số: “start=1 end=10 step=1”, bước lớn hơn 0 và start khác end.',
  ],
  [/^a default must be a fixed value/, 'Giá trị mặc định phải cố định: không hỗ trợ biểu thức.'],
  [/^"(.*)" is not an answer to this question$/, '“$1” không phải một câu trả lời của câu hỏi này.'],
  [/^the default is not a valid answer/, 'Giá trị mặc định không phải một câu trả lời hợp lệ.'],
  [/^choice name "(.*)" must be a code/, 'Tên lựa chọn “$1” phải là một mã số (1, 2, 98) hoặc một tên (yes, male).'],
  [/^"(.+)" is twice in list "(.+)"$/, '“$1” xuất hiện hai lần trong danh sách “$2”.'],
  [/^"(.+)" must be a whole-number code$/, '“$1” phải là một mã số nguyên.'],
  [/^Vietnamese text is required$/, 'Cần có nội dung tiếng Việt.'],
  [
    /^no Vietnamese label column: .* \(the sheet has (.+)\)$/,
    'Không có cột nhãn tiếng Việt: hãy đặt tên cột “label::Tiếng Việt (vi)”, hoặc “label” khi ngôn ngữ mặc định của ' +
      'biểu mẫu là tiếng Việt (trang này có $1).',
  ],
  [
    /^no Vietnamese label column/,
    'Không có cột nhãn tiếng Việt: hãy đặt tên cột “label::Tiếng Việt (vi)”, hoặc “label” khi ngôn ngữ mặc định của ' +
      'biểu mẫu là tiếng Việt.',
  ],
  [/^no form_title/, 'Thiếu form_title: hãy ghi tên bảng hỏi bằng tiếng Việt ở trang settings.'],
  [
    /^the labels are in English too, so the title must be/,
    'Nhãn câu hỏi có cả tiếng Anh nên tên bảng hỏi cũng cần tiếng Anh: hãy thêm cột “form_title::English (en)”.',
  ],
  [/^"(.+)" is the same column as "(.+)"$/, 'Cột “$1” trùng với cột “$2”.'],
  [/^two columns are headed "(.+)"$/, 'Có hai cột cùng tiêu đề “$1”.'],
  [
    /^loops \(begin loop over\) are not supported/,
    'Không hỗ trợ vòng lặp (begin loop over): mỗi phỏng vấn trả lời mỗi câu một lần.',
  ],
  [
    /^Curly quote "(.)" at position (\d+)/,
    'Dấu nháy cong “$1” ở vị trí $2 (Excel tự đổi khi gõ): hãy dùng dấu nháy thẳng \' hoặc ".',
  ],
  [/^Unknown question "(.+)"/, 'Không có câu hỏi “$1”.'],
  [/^Unknown function "(.+)"/, 'Không có hàm “$1”.'],
  [/duplicate id "(.+)"/, 'Tên “$1” bị trùng.'],
  [
    /^(times of day|date and time answers|rank questions|barcodes|file attachments)/,
    'Loại câu hỏi này không được hỗ trợ.',
  ],
  [/is not supported/, 'Tính năng này không được hỗ trợ.'],
];

/** The Vietnamese of one English reason; the English itself (after a Vietnamese lead-in) when none matches. */
export function xlsformReasonVi(reason: string): string {
  for (const [pattern, vi] of reasons) {
    const m = pattern.exec(reason);
    // The whole reason becomes the Vietnamese: a pattern may match only its start.
    if (m) return vi.replace(/\$(\d)/g, (_all, i: string) => m[Number(i)] ?? '');
  }
  return `Lỗi: ${reason}`;
}

/** Where a problem is, in Vietnamese: "Trang survey, dòng 3, cột relevant". */
function placeVi(d: ErrorDetail): string {
  const parts = [`Trang ${String(d['sheet'] ?? 'survey')}`];
  if (typeof d['row'] === 'number') parts.push(`dòng ${d['row']}`);
  if (typeof d['column'] === 'string') parts.push(`cột ${d['column']}`);
  return parts.join(', ');
}

/** A refused import's detail with its Vietnamese text beside the English (which stays first in `message`). */
export function xlsformDetailInVietnamese(d: ErrorDetail): ErrorDetail {
  const reason = d.message.replace(/^[^:]*, row \d+: |^[^:]+: /, '');
  return { ...d, text: { vi: `${placeVi(d)}: ${xlsformReasonVi(reason)}`, en: d.message } };
}
