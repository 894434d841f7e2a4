// The /field address phones should open, shown on the admin home with its QR code (an SVG image, so the page
// keeps its strict CSP: no inline markup from a library).
import { Router, type Request } from 'express';
import QRCode from 'qrcode';
import type { Config } from '../../config.js';
import { requirePageRole } from '../middleware/auth.js';

export interface FieldAddress {
  url: string;
  /** localhost or 127.x: a phone would open itself, not the server. */
  loopback: boolean;
  /** Plain http: no service worker, so no offline mode on the phone. */
  insecure: boolean;
}

/** PUBLIC_URL when set, else the address the admin's browser used (behind a proxy, its X-Forwarded-* values). */
export function fieldAddressOf(config: Config, req: Request): FieldAddress {
  const base = config.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  const { hostname, protocol } = new URL(base);
  return {
    url: `${base}/field`,
    loopback: hostname === 'localhost' || hostname.startsWith('127.') || hostname === '[::1]',
    insecure: protocol === 'http:',
  };
}

export function pilotRouter(config: Config): Router {
  const router = Router();
  router.get('/admin/field-qr.svg', requirePageRole('admin', 'supervisor'), async (req, res) => {
    const svg = await QRCode.toString(fieldAddressOf(config, req).url, {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    });
    res.type('image/svg+xml').set('Cache-Control', 'private, no-cache').send(svg);
  });
  return router;
}
