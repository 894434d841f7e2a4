// The kiosk page at a one-stop counter and its message file. It needs no session: the tablet holds a device token
// and renders the counter's questionnaire itself (public/js/kiosk/), so the page is the same for every counter.
import { Router } from 'express';
import { kioskMessages, type KioskMessageKey } from '../i18n/kiosk-messages.js';

const messagesModule = `// Generated from src/http/i18n/kiosk-messages.ts\nexport const messages = ${JSON.stringify(kioskMessages)};\n`;

/** The page's own words: it always opens in Vietnamese, the scripts switch language. */
const text = (key: KioskMessageKey): string => kioskMessages.vi[key];

export function kioskPagesRouter(): Router {
  const router = Router();
  router.get('/kiosk', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.render('kiosk/index', { t: text });
  });
  router.get('/kiosk/i18n.js', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('text/javascript').send(messagesModule);
  });
  return router;
}
