// README.md of the reproduction bundle, in Vietnamese then English: what each file holds, how to run the scripts,
// what microdata.R checks and what it cannot (changes and targets refer to another round).
import type { BundleInput } from './bundle-input.js';

function designLine(input: BundleInput): { vi: string; en: string } {
  const d = input.design;
  const cal = input.calibration;
  const calVars = [...new Set(cal.margins.map((m) => m.variable))].join(', ');
  const base =
    d.kind === 'sample'
      ? {
          vi: 'mẫu nhiều giai đoạn từ một lần chọn mẫu (tầng và PSU của lần chọn)',
          en: 'a multistage sample draw (its strata and PSUs)',
        }
      : d.kind === 'srs'
        ? {
            vi: `mẫu ngẫu nhiên đơn giản${d.population !== null ? ` (N = ${d.population}, có hiệu chỉnh tổng thể hữu hạn)` : ''}`,
            en: `a simple random sample${d.population !== null ? ` (N = ${d.population}, finite population correction)` : ''}`,
          }
        : { vi: `mẫu phân tầng theo câu hỏi ${d.question}`, en: `stratified by question ${d.question}` };
  const calibration =
    cal.method === 'none'
      ? { vi: '', en: '' }
      : {
          vi: `; hiệu chỉnh trọng số (${cal.method === 'raking' ? 'raking' : 'hậu phân tầng'}) theo ${calVars}`,
          en: `; calibrated (${cal.method}) to margins on ${calVars}`,
        };
  return {
    vi: `${base.vi}${calibration.vi}; quy tắc PSU đơn lẻ: ${d.lonelyPsu}`,
    en: `${base.en}${calibration.en}; lonely-PSU rule: ${d.lonelyPsu}`,
  };
}

export function bundleReadme(input: BundleInput, folder: string): string {
  const r = input.round;
  const design = designLine(input);
  return `# ${r.label} (${r.code})

Bộ tái lập kết quả — Lắng Nghe. Bảng hỏi ${r.survey} ${r.version}, kỳ ${r.periodStart} – ${r.periodEnd}, tạo lúc ${input.generatedAt}.
Thiết kế: ${design.vi}.

## Tiếng Việt
| tệp | nội dung |
| --- | --- |
| microdata.csv | dữ liệu vi mô ẩn danh (UTF-8 có BOM): biến thiết kế, mã trả lời, điểm từng câu \`score_*\` |
| codebook.csv | từ điển biến: nhãn tiếng Việt và tiếng Anh, nhãn giá trị, mã thiếu dữ liệu, tên lựa chọn XLSForm (nếu có) |
| framework.csv | khung chỉ số: câu hỏi → nút, mã hóa lại, mã bị loại, chiều (polarity), thang, k, quy tắc tổng hợp và công thức từng nút |
| results.csv | kết quả đã công bố (ước lượng, sai số chuẩn, khoảng tin cậy, n, bậc tự do…) |
| microdata.R | R (gói survey): tính lại mọi con số của results.csv chỉ từ microdata.csv rồi so sánh |
| microdata.do | Stata: nhãn, svyset, svy: mean, svy: total + nlcom cho các nút tổng hợp (để tham khảo, chưa chạy thử) |
| microdata.sps | SPSS: GET DATA UTF-8, nhãn biến và giá trị, MISSING VALUES, trung bình có trọng số, CSPLAN/CSDESCRIPTIVES |

Chạy trong thư mục đã giải nén: \`cd ${folder} && Rscript microdata.R\`. Kết thúc với mã 0 khi mọi con số (ước lượng,
sai số chuẩn, cận dưới/trên theo \`interval_method\` của từng dòng, n, bậc tự do) khớp đến 1e-9
(|a − b| ≤ 1e-9 · max(1, |b|)), với mã 1 và tên con số đầu tiên không khớp. Tệp results.csv chỉ được đọc để so sánh.
Thay đổi so với kỳ trước và chỉ tiêu thuộc về kỳ khác nên không được tính lại ở đây.

## English
Reproduction bundle of Lắng Nghe. Questionnaire ${r.survey} ${r.version}, period ${r.periodStart} to ${r.periodEnd},
made on ${input.generatedAt}. Design: ${design.en}.

| file | holds |
| --- | --- |
| microdata.csv | anonymised microdata (UTF-8 with BOM): design variables, answer codes, item scores \`score_*\` |
| codebook.csv | every variable with Vietnamese and English labels, value labels, missing-data codes and XLSForm choice names (when any) |
| framework.csv | the index framework: item → node, recode, excluded codes, polarity, scale, k, roll-up rule and each node's formula |
| results.csv | the published figures (estimate, SE, confidence interval, n, degrees of freedom, …) |
| microdata.R | R (survey package): recomputes every figure of results.csv from microdata.csv alone and compares |
| microdata.do | Stata: labels, svyset, svy: mean, and svy: total + nlcom for roll-ups (reference; not run by the project) |
| microdata.sps | SPSS: GET DATA UTF-8, variable and value labels, MISSING VALUES, weighted means, CSPLAN/CSDESCRIPTIVES |

Run in the unzipped folder: \`cd ${folder} && Rscript microdata.R\`. It exits 0 when every figure (estimate, SE,
lower and upper bound by the row's \`interval_method\`, n, degrees of freedom) matches to 1e-9
(|a − b| ≤ 1e-9 · max(1, |b|)), and 1 naming the first that does not. results.csv is read only to compare.
Changes since the previous round and targets belong to another round and are not recomputed here.

Roll-ups are means (or sums) of item means taken over different respondents: \`svymean(~a + b, na.rm = TRUE)\` would
drop every row missing any item and give another figure. The scripts take the totals of each item's score (blank as 0)
and of its valid answers, and combine them with \`svycontrast\` (R) or \`nlcom\` (Stata), which keeps the covariances.
`;
}
