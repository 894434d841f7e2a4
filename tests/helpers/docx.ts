// Reads a DOCX the way the report tests check it: unzipped with jszip, its body as one string per paragraph.
import JSZip from 'jszip';

/** The text of a DOCX's body, paragraph by paragraph (runs joined). */
export async function docxParagraphs(bytes: Buffer): Promise<{ paragraphs: string[]; xml: string; styles: string }> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const styles = (await zip.file('word/styles.xml')?.async('string')) ?? '';
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...(p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g) ?? [])].map((t) => t[1]).join(''),
  );
  return { paragraphs, xml, styles };
}
