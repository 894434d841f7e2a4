// The enrolment QR as the account page shows it: the /field address with the one-time code in its fragment (the
// phone's browser never sends a fragment to a server), drawn as an SVG data URL, and when it stops working.
import type { Request } from 'express';
import QRCode from 'qrcode';
import type { Config } from '../../config.js';
import type { EnrolmentCode } from '../../services/accounts/enrolment-codes.js';
import { formatVietnamTime } from '../i18n/index.js';
import type { MessageKey } from '../i18n/messages.js';
import { fieldAddressOf } from '../routes/pilot.js';

export interface EnrolmentView {
  url: string;
  qr: string;
  scanText: string;
}

export function enrolmentUrl(fieldUrl: string, code: string): string {
  return `${fieldUrl}#enrol=${encodeURIComponent(code)}`;
}

/** The same QR settings as the /field code on the admin home. */
export async function qrDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

export async function enrolmentView(
  config: Config,
  req: Request,
  code: EnrolmentCode,
  t: (key: MessageKey) => string,
): Promise<EnrolmentView> {
  const url = enrolmentUrl(fieldAddressOf(config, req).url, code.code);
  return {
    url,
    qr: await qrDataUrl(url),
    scanText: t('enrol.scan').replace('{time}', formatVietnamTime(code.expiresAt)),
  };
}
