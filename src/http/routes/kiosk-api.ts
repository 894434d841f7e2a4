// Kiosk device API: pairing with a one-time code, the counter's configuration, ratings and heartbeats.
// Devices authenticate with `Authorization: Bearer <device token>`; no cookies, so no CSRF exposure.
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import { authenticateDevice, heartbeat, pairDevice, type KioskDevice } from '../../services/kiosk/counters.js';
import { kioskRatingSchema, submitKioskRating } from '../../services/kiosk/ratings.js';
import { parseInput } from '../../domain/parse-input.js';
import { jsonBody, kioskRatingBodyLimit } from '../middleware/json-body.js';

const pairRequest = z.strictObject({ code: z.string().trim().min(4).max(20) });

async function deviceOf(ctx: AppContext, req: Request): Promise<KioskDevice> {
  const match = /^Bearer\s+(kd_[A-Za-z0-9_-]{20,200})$/.exec(req.get('authorization') ?? '');
  if (!match?.[1]) throw new DomainError('unauthenticated', [detail('authorization', 'device_bearer_expected')]);
  return authenticateDevice(ctx, match[1]);
}

/** Where ratings are posted: app.ts leaves this body unread for the route. */
export const kioskRatingsPath = '/api/v1/kiosk/ratings';

export function kioskApiRouter(ctx: AppContext): Router {
  const router = Router();

  router.post('/pair', async (req, res) => {
    const { code } = parseInput(pairRequest, req.body ?? {});
    res.status(201).json(await pairDevice(ctx, code, req.ip ?? 'unknown'));
  });

  router.get('/config', async (req, res) => {
    const device = await deviceOf(ctx, req);
    const survey = ctx.surveys.current(device.survey);
    res.json({
      counter: device.counter,
      agency: device.agency,
      field: device.field,
      location: device.location,
      survey: survey.code,
      surveyVersion: survey.version,
    });
  });

  // The device and its rate limit come before the body is read: a tablet's token sending hostile bodies costs
  // the server one token lookup per allowed request, and is refused 429 (unread) beyond that.
  const json = jsonBody(kioskRatingBodyLimit);
  router.post(
    '/ratings',
    async (req, res, next) => {
      const device = await deviceOf(ctx, req);
      await ctx.kioskLimits.consumeRating(device.deviceId);
      res.locals['device'] = device;
      next();
    },
    json,
    async (req, res) => {
      const rating = parseInput(kioskRatingSchema, req.body ?? {});
      const outcome = await submitKioskRating(ctx, res.locals['device'] as KioskDevice, rating, req.lang);
      res.status(outcome.status === 'stored' ? 201 : 200).json(outcome);
    },
  );

  router.post('/heartbeat', async (req, res) => {
    await heartbeat(ctx, await deviceOf(ctx, req));
    res.status(204).end();
  });

  return router;
}
