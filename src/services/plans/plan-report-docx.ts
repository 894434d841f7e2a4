// The plan's report as a Word document (the `docx` package), laid out as a Vietnamese administrative report
// (Nghị định 30/2020/NĐ-CP): A4, Times New Roman 13, margins 20/20/30/15 mm, the two-column heading, "BÁO CÁO",
// numbered sections, bordered tables. Works without the server (`langnghe plan report`); every report is audited.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
} from 'docx';
import type { AppContext } from '../../context.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor } from '../../domain/actor.js';
import { recordAudit } from '../audit/audit-log.js';
import { planReport, type PlanReport } from './plan-report.js';
import type { TargetText } from './plan-text.js';

const mm = (v: number): number => Math.round((v / 25.4) * 1440);
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };

const run = (text: string, o: Omit<IRunOptions, 'text'> = {}): TextRun => new TextRun({ text, ...o });

function para(
  text: string,
  o: { bold?: boolean; italic?: boolean; center?: boolean; indent?: boolean; size?: number } = {},
): Paragraph {
  return new Paragraph({
    alignment: o.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    ...(o.indent === false || o.center ? {} : { indent: { firstLine: mm(12.7) } }),
    spacing: { before: 60, after: 60, line: 300 },
    children: [run(text, { bold: o.bold ?? false, italics: o.italic ?? false, ...(o.size ? { size: o.size } : {}) })],
  });
}

const heading = (text: string): Paragraph =>
  new Paragraph({
    spacing: { before: 200, after: 80 },
    indent: { firstLine: mm(12.7) },
    children: [run(text, { bold: true })],
  });

function cell(text: string, o: { bold?: boolean; width?: number; center?: boolean } = {}): TableCell {
  return new TableCell({
    ...(o.width ? { width: { size: o.width, type: WidthType.PERCENTAGE } } : {}),
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: text.split('\n').map(
      (line) =>
        new Paragraph({
          alignment: o.center ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [run(line, { bold: o.bold ?? false, size: 22 })],
        }),
    ),
  });
}

function table(head: string[], rows: string[][], widths: number[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: head.map((h, i) => cell(h, { bold: true, center: true, width: widths[i] ?? 0 })),
      }),
      ...rows.map(
        (r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, { width: widths[i] ?? 0 })) }),
      ),
    ],
  });
}

function heading2(r: PlanReport): Table {
  const left = [
    para(`UBND TỈNH ${r.province.toLocaleUpperCase('vi')}`, { center: true }),
    para('SỞ NỘI VỤ', { center: true, bold: true }),
    para('Số:      /BC-SNV', { center: true }),
  ];
  const right = [
    para('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { center: true, bold: true, size: 24 }),
    para('Độc lập - Tự do - Hạnh phúc', { center: true, bold: true }),
    para(r.placeDate, { center: true, italic: true }),
  ];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: 40, type: WidthType.PERCENTAGE }, borders: noBorders, children: left }),
          new TableCell({ width: { size: 60, type: WidthType.PERCENTAGE }, borders: noBorders, children: right }),
        ],
      }),
    ],
  });
}

function targetRows(list: readonly TargetText[]): string[][] {
  return list.map((t, k) => [
    String(k + 1),
    `${t.label}\n(${t.subject})`,
    t.aim,
    [t.figure ?? '–', t.rank ?? '', t.alongside ? `Khảo sát của tỉnh: ${t.alongside.text}` : '']
      .filter(Boolean)
      .join('\n'),
    [t.statusText, t.shortfall ?? ''].filter(Boolean).join('\n'),
  ]);
}

/** The report's body, section by section, as the seeds lay theirs out. */
function body(r: PlanReport): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [heading2(r)];
  out.push(para('BÁO CÁO', { center: true, bold: true, size: 28 }));
  out.push(para(r.title, { center: true, bold: true }));
  out.push(
    para(
      `Thực hiện ${r.planName}${r.documentNumber ? ` (số ${r.documentNumber})` : ''}, Sở Nội vụ báo cáo kết quả năm ${r.year} như sau:`,
    ),
  );
  out.push(heading(`I. KẾT QUẢ CÁC CHỈ SỐ NĂM ${r.year}`));
  out.push(para(r.summary));
  if (r.results.length > 0) {
    out.push(
      table(
        ['Chỉ số', 'Kết quả công bố', 'Xếp hạng', 'Khảo sát của tỉnh (KTC 95%)', 'So với năm trước'],
        r.results.map((x) => [x.index, x.published, x.rank, x.survey, x.change]),
        [32, 14, 16, 22, 16],
      ),
    );
  }
  out.push(heading('II. CÁC TIÊU CHÍ BỊ MẤT ĐIỂM'));
  if (r.lost.length === 0) out.push(para('Chưa có số liệu tiêu chí của năm để xác định tiêu chí bị mất điểm.'));
  else {
    out.push(
      para(
        'Các tiêu chí, nội dung thành phần chưa đạt điểm tối đa, xếp từ mất nhiều điểm nhất (theo tỷ lệ so với điểm tối đa):',
      ),
    );
    out.push(
      table(
        ['TT', 'Tiêu chí', 'Kết quả', 'Mất so với tối đa', 'So với năm trước'],
        r.lost.map((x, k) => [String(k + 1), x.criterion, x.score, x.lost, x.change]),
        [6, 50, 14, 15, 15],
      ),
    );
  }
  out.push(heading('III. KẾT QUẢ THỰC HIỆN MỤC TIÊU THEO CƠ QUAN'));
  out.push(
    para('Mục tiêu của mỗi cơ quan xếp từ không đạt, chưa phân biệt được với mục tiêu, chưa có số liệu đến đạt.'),
  );
  r.owners.forEach((w, k) => {
    out.push(para(`${k + 1}. ${w.name}`, { bold: true }));
    const head = ['TT', 'Mục tiêu', 'Mức phấn đấu', 'Kết quả', 'Đánh giá'];
    const widths = [6, 34, 20, 24, 16];
    if (w.leads.length > 0) {
      out.push(para(`a) Chủ trì (${w.leads.length} mục tiêu)`, { italic: true }));
      out.push(table(head, targetRows(w.leads), widths));
    }
    if (w.supports.length > 0) {
      out.push(para(`${w.leads.length > 0 ? 'b' : 'a'}) Phối hợp (${w.supports.length} mục tiêu)`, { italic: true }));
      out.push(table(head, targetRows(w.supports), widths));
    }
  });
  out.push(heading('IV. PHƯƠNG PHÁP VÀ MẪU KHẢO SÁT'));
  for (const m of r.method) out.push(para(m));
  if (r.notes.length > 0) {
    out.push(heading('Ghi chú'));
    for (const n of r.notes) out.push(para(`- ${n}`, { italic: true }));
  }
  out.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: noBorders,
      rows: [
        new TableRow({
          children: [
            new TableCell({
              borders: noBorders,
              children: [
                new Paragraph({ children: [run('Nơi nhận:', { bold: true, italics: true, size: 24 })] }),
                new Paragraph({ children: [run('- UBND tỉnh (b/c);', { size: 22 })] }),
                new Paragraph({ children: [run('- Các sở, ban, ngành;', { size: 22 })] }),
                new Paragraph({ children: [run('- Lưu: VT.', { size: 22 })] }),
              ],
            }),
            new TableCell({ borders: noBorders, children: [para('GIÁM ĐỐC', { center: true, bold: true })] }),
          ],
        }),
      ],
    }),
  );
  return out;
}

export async function renderPlanDocx(r: PlanReport): Promise<Buffer> {
  const doc = new Document({
    creator: 'Lắng Nghe',
    title: r.title,
    styles: { default: { document: { run: { font: 'Times New Roman', size: 26 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) },
          },
        },
        children: body(r),
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** The report of a plan for a year (the default year when null) as DOCX bytes; the export is audited. */
export async function planReportDocx(
  ctx: AppContext,
  code: string,
  year: number | null,
  actor: Actor,
): Promise<{ bytes: Buffer; year: number; report: PlanReport }> {
  const report = await planReport(ctx, code, year);
  const bytes = await renderPlanDocx(report);
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    await recordAudit(trx, now, {
      action: 'plan.report',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `plan:${code}`,
      details: { year: report.year, format: 'docx' },
    });
  });
  return { bytes, year: report.year, report };
}
