// Admin pages for one-stop counters: the live overview (last seen, ratings and % satisfied today, silent
// warnings), registering a counter, issuing a pairing code for its tablet, revoking a device.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import { createCounter, issuePairingCode, pairingMinutes, revokeDevice } from '../../services/kiosk/counters.js';
import { counterOverview } from '../../services/kiosk/overview.js';
import { orShowErrors } from '../form-errors.js';
import { vietnamDateTime } from '../../domain/calendar/vietnam-time.js';
import { formatPercent } from '../i18n/index.js';
import { actorOf, requirePageRole } from '../middleware/auth.js';
import { parseInput } from '../../domain/parse-input.js';
import { decideHeldRatings } from '../../services/ratings/holds.js';
import { publicBase } from '../public-base.js';
import { qrDataUrl } from '../view-models/enrolment.js';

const idParam = z.object({ id: z.coerce.number().int().positive() });
const holdParams = idParam.extend({ decision: z.enum(['release', 'reject']) });
const posterQuery = z.object({ size: z.enum(['a4', 'a5']).default('a4') });

export function adminKioskRouter(ctx: AppContext): Router {
  const router = Router();
  const adminOnly = requirePageRole('admin');

  const render = async (
    req: Request,
    res: Response,
    extra: { errors?: DomainError | null; pairing?: { counter: string; code: string; expiresAt: string } | null } = {},
  ): Promise<void> => {
    const { day, counters } = await counterOverview(ctx);
    res.render('admin/kiosks', {
      title: res.locals['t']('kiosks.title'),
      day,
      errors: extra.errors ?? null,
      pairing: extra.pairing ?? null,
      pairingMinutes,
      counters: counters.map((c) => ({
        ...c,
        satisfiedText: c.satisfiedToday === null ? '–' : formatPercent(c.satisfiedToday, req.lang),
        lastSeenText: c.lastSeenAt ? vietnamDateTime(c.lastSeenAt) : '–',
      })),
      surveys: ctx.surveys
        .list()
        .filter((s) => s.kind === 'kiosk')
        .map((s) => s.code),
    });
  };

  const showing = (req: Request, res: Response, work: () => Promise<void>): Promise<void> =>
    orShowErrors(res, (errors) => render(req, res, { errors }), work);

  router.get('/admin/kiosks', adminOnly, async (req, res) => render(req, res));

  router.post('/admin/kiosks', adminOnly, async (req, res) => {
    await showing(req, res, async () => {
      const body = req.body as Record<string, string | undefined>;
      const { id } = await createCounter(
        ctx,
        {
          code: body['code'] ?? '',
          agency: body['agency'] ?? '',
          field: body['field'] ?? '',
          location: body['location'] || undefined,
          survey: body['survey'] || undefined,
        },
        actorOf(req),
      );
      // A new counter needs its tablet paired next: the code is issued at once.
      await issuePairingFor(req, res, id);
    });
  });

  /** Issues a code, keeps it in the session and redirects to the GET page, so a reload never posts again. */
  const issuePairingFor = async (req: Request, res: Response, id: number): Promise<void> => {
    const { code, expiresAt } = await issuePairingCode(ctx, id, actorOf(req));
    const counter = (await counterOverview(ctx)).counters.find((c) => c.id === id)?.code ?? String(id);
    req.session.kioskPairing = { counterId: id, counter, code, expiresAt };
    res.redirect(303, `/admin/kiosks/${id}/pairing`);
  };

  router.post('/admin/kiosks/:id/pairing', adminOnly, async (req, res) => {
    await showing(req, res, async () => issuePairingFor(req, res, parseInput(idParam, req.params).id));
  });

  router.get('/admin/kiosks/:id/pairing', adminOnly, async (req, res) => {
    const { id } = parseInput(idParam, req.params);
    const kept = req.session.kioskPairing;
    const live = kept && kept.counterId === id && kept.expiresAt > ctx.clock.now().toISOString() ? kept : null;
    await render(req, res, { pairing: live ? { ...live, expiresAt: vietnamDateTime(live.expiresAt) } : null });
  });

  // The counter's poster: its QR code opens /r/<code>, the rating page on the citizen's own phone.
  router.get('/admin/kiosks/:id/poster', adminOnly, async (req, res) => {
    const { id } = parseInput(idParam, req.params);
    const { size } = parseInput(posterQuery, req.query);
    const counter = (await counterOverview(ctx)).counters.find((c) => c.id === id);
    if (!counter) throw new DomainError('counter_not_found');
    const url = `${publicBase(ctx.config, req)}/r/${encodeURIComponent(counter.code)}`;
    res.render('admin/kiosk-poster', { counter, url, qr: await qrDataUrl(url), size, title: counter.code });
  });

  router.post('/admin/kiosks/:id/held/:decision', adminOnly, async (req, res) => {
    await showing(req, res, async () => {
      const { id, decision } = parseInput(holdParams, req.params);
      await decideHeldRatings(ctx, id, decision === 'release' ? 'released' : 'rejected', actorOf(req));
      res.redirect(303, '/admin/kiosks');
    });
  });

  router.post('/admin/kiosks/devices/:id/revoke', adminOnly, async (req, res) => {
    await showing(req, res, async () => {
      await revokeDevice(ctx, parseInput(idParam, req.params).id, actorOf(req));
      res.redirect(303, '/admin/kiosks');
    });
  });

  return router;
}
