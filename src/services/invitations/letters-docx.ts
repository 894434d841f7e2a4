// The invitation letters of a round as one Word document (the `docx` package): one A4 page per participant who
// has not answered, with their name, the round, the personal link and its QR code (PNG, as Word needs), so an
// office can print or edit them without the print page. Every export of personal links is audited.
import { AlignmentType, Document, ImageRun, Packer, Paragraph, TextRun } from 'docx';
import QRCode from 'qrcode';
import type { AppContext } from '../../context.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor } from '../../domain/actor.js';
import { recordAudit } from '../audit/audit-log.js';
import { invitationLetters } from './rounds.js';

const mm = (v: number): number => Math.round((v / 25.4) * 1440);

const para = (text: string, o: { bold?: boolean; italic?: boolean; center?: boolean; size?: number } = {}) =>
  new Paragraph({
    alignment: o.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    spacing: { before: 80, after: 80, line: 300 },
    children: [new TextRun({ text, bold: o.bold ?? false, italics: o.italic ?? false, size: o.size ?? 26 })],
  });

interface Letter {
  name: string;
  organisation: string;
  role: string;
  link: string;
}

async function letterPage(label: string, l: Letter, first: boolean): Promise<Paragraph[]> {
  const png = await QRCode.toBuffer(l.link, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 480 });
  const to = [l.name, l.role].filter(Boolean).join(', ') + (l.organisation ? ` — ${l.organisation}` : '');
  return [
    new Paragraph({
      pageBreakBefore: !first,
      spacing: { after: 200 },
      children: [new TextRun({ text: 'Kính gửi: ', size: 26 }), new TextRun({ text: to, bold: true, size: 26 })],
    }),
    para(label, { bold: true, center: true, size: 30 }),
    para(
      'Trân trọng mời ông/bà tham gia khảo sát. Ông/bà có thể trả lời trên điện thoại hoặc máy tính, lưu lại và làm tiếp bằng cùng đường dẫn; phiếu chỉ gửi một lần. Khi gửi, câu trả lời được tách khỏi tên của ông/bà.',
    ),
    para(
      'You are invited to take part in this survey, on a phone or a computer; save and continue with the same link; submit once. Your answers are separated from your name when you submit.',
      { italic: true, size: 22 },
    ),
    para('Quét mã QR hoặc mở đường dẫn sau:', { center: true }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new ImageRun({ type: 'png', data: png, transformation: { width: 220, height: 220 } })],
    }),
    para(l.link, { bold: true, center: true, size: 24 }),
  ];
}

export async function renderLettersDocx(label: string, letters: readonly Letter[]): Promise<Buffer> {
  const pages = await Promise.all(letters.map((l, k) => letterPage(label, l, k === 0)));
  const doc = new Document({
    creator: 'Lắng Nghe',
    title: `${label} · thư mời`,
    styles: { default: { document: { run: { font: 'Times New Roman', size: 26 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) },
          },
        },
        children: pages.length > 0 ? pages.flat() : [para('Mọi người được mời đã trả lời.', { center: true })],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** The letters of those who have not answered as DOCX bytes (`base` is the public address); audited. */
export async function invitationLettersDocx(
  ctx: AppContext,
  code: string,
  base: string,
  actor: Actor,
): Promise<Buffer> {
  const { label, letters } = await invitationLetters(ctx, code, base);
  const bytes = await renderLettersDocx(label, letters);
  await inTransaction(ctx.db, async (trx) => {
    await recordAudit(trx, ctx.clock.now(), {
      action: 'invitation.letters_export',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `invitation_round:${code}`,
      details: { letters: letters.length, format: 'docx' },
    });
  });
  return bytes;
}
