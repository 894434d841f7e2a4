// The surveyors' field app: an app shell and the interview page, plus its service worker and message file. No
// session and nothing personal in these responses (the device holds the bearer token), so a service worker can
// cache them and the app works without a connection. The interview page is the same for every questionnaire: it
// builds its screens from the definition it downloads (public/js/field/screens.js).
import { fileURLToPath } from 'node:url';
import { Router, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { bothLangs, fieldMessages } from '../i18n/field-messages.js';
import { parseInput } from '../../domain/parse-input.js';

// Written by `npm run build` from scripts/sw-template.js with the precache list and a content-hashed cache name.
const serviceWorkerPath = fileURLToPath(new URL('../../../public/sw.js', import.meta.url));
const messagesModule = `// Generated from src/http/i18n/field-messages.ts\nexport const messages = ${JSON.stringify(fieldMessages)};\n`;

const surveyParams = z.object({
  code: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/)
    .max(80),
  version: z
    .string()
    .regex(/^[0-9A-Za-z][0-9A-Za-z.-]*$/)
    .max(40)
    .optional(),
});

/** Pages change only with a deployment or a new questionnaire version: always revalidate, never store privately. */
function revalidate(res: Response): void {
  res.setHeader('Cache-Control', 'no-cache');
}

export function fieldPagesRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/field', (_req, res) => {
    revalidate(res);
    res.render('field/app', { tt: bothLangs });
  });

  // What the service worker stores and shows for any /field/interview/:code/:version.
  router.get('/field/interview', (_req, res) => {
    revalidate(res);
    res.render('field/interview', { tt: bothLangs });
  });

  router.get(['/field/interview/:code', '/field/interview/:code/:version'], async (req, res) => {
    const { code, version } = parseInput(surveyParams, req.params);
    // An unknown questionnaire or version is a 404 here, although the page would not show it.
    if (version === undefined) ctx.surveys.current(code);
    else await ctx.surveys.version(code, version);
    revalidate(res);
    res.render('field/interview', { tt: bothLangs });
  });

  router.get('/field/i18n.js', (_req, res) => {
    revalidate(res);
    res.type('text/javascript').send(messagesModule);
  });

  // Served under /field with this header so that it may control both /field and /field/...
  router.get('/field/sw.js', (_req, res) => {
    res.sendFile(serviceWorkerPath, {
      cacheControl: false,
      headers: {
        'Service-Worker-Allowed': '/field',
        'Cache-Control': 'no-cache',
        'Content-Type': 'text/javascript; charset=utf-8',
      },
    });
  });

  return router;
}
