// Ratings from citizens' own phones: the counter QR page /r/<counter code>, the per-dossier link page /r/d/<token>,
// and the JSON endpoint both pages post to. The address limit is taken before the body is read; a link's problem
// (forged, expired, used) is a page in Vietnamese with English below, and nothing is stored.
import { Router, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { DomainError, errorMessage } from '../../domain/errors.js';
import { parseInput } from '../../domain/parse-input.js';
import { errorStatus } from '../error-status.js';
import { jsonBody, kioskRatingBodyLimit } from '../middleware/json-body.js';
import { raterCookies } from '../middleware/rater-cookie.js';
import { counterRatingPage, linkRatingPage, type PhoneRatingPage } from '../../services/ratings/pages.js';
import { publicRatingSchema, submitPhoneRating } from '../../services/ratings/public-ratings.js';
import { maxTokenLength } from '../../services/ratings/link-token.js';
import { mintRatingLink } from '../../services/ratings/rating-links.js';
import { authenticateService } from '../../services/ratings/service-tokens.js';
import { detail } from '../../domain/error-details.js';
import { publicBase } from '../public-base.js';
import { kioskMessages, type KioskMessageKey } from '../i18n/kiosk-messages.js';

/** Where phones post ratings: app.ts leaves this body unread for the route. */
export const publicRatingsPath = '/api/v1/public/ratings';

const slugParam = z.object({ slug: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/) });
const tokenParam = z.object({ token: z.string().min(1).max(maxTokenLength) });
const text = (key: KioskMessageKey): string => kioskMessages.vi[key];
const textEn = (key: KioskMessageKey): string => kioskMessages.en[key];

export function phoneRatingRouter(ctx: AppContext, secret: string): Router {
  const router = Router();
  const cookies = raterCookies(secret, ctx.config.cookieSecure);

  const show = (res: Response, page: PhoneRatingPage, token: string | null): void => {
    res.setHeader('Cache-Control', 'no-store');
    res.render('rate/page', { t: text, page, token });
  };
  /** A page the citizen understands, in both languages; the status still says what happened. */
  const problem = (res: Response, err: unknown): void => {
    if (!(err instanceof DomainError)) throw err;
    res.setHeader('Cache-Control', 'no-store');
    res.status(errorStatus[err.code]).render('rate/problem', {
      t: text,
      tEn: textEn,
      code: err.code,
      vi: errorMessage(err.code, 'vi'),
      en: errorMessage(err.code, 'en'),
    });
  };

  router.get('/r/d/:token', async (req, res) => {
    try {
      const { token } = parseInput(tokenParam, req.params);
      const page = await linkRatingPage(ctx, token);
      cookies.ensure(req, res);
      show(res, page, token);
    } catch (err) {
      problem(res, err);
    }
  });

  router.get('/r/:slug', async (req, res) => {
    try {
      const page = await counterRatingPage(ctx, parseInput(slugParam, req.params).slug);
      cookies.ensure(req, res);
      show(res, page, null);
    } catch (err) {
      problem(res, err);
    }
  });

  router.post(
    publicRatingsPath,
    async (req, _res, next) => {
      await ctx.publicRatingLimits.consumeAddress(req.ip ?? 'unknown');
      next();
    },
    jsonBody(kioskRatingBodyLimit),
    async (req, res) => {
      const rating = parseInput(publicRatingSchema, req.body ?? {});
      const outcome = await submitPhoneRating(ctx, rating, { deviceKey: cookies.read(req), lang: req.lang });
      res.status(outcome.status === 'stored' ? 201 : 200).json(outcome);
    },
  );

  // The dossier system mints a link per returned dossier with its `rating-links` service token.
  router.post('/api/v1/rating-links', async (req, res) => {
    const match = /^Bearer\s+(st_[A-Za-z0-9_-]{20,200})$/.exec(req.get('authorization') ?? '');
    if (!match?.[1]) throw new DomainError('unauthenticated', [detail('authorization', 'service_token_unknown')]);
    const name = await authenticateService(ctx, match[1], 'rating-links');
    const link = await mintRatingLink(ctx, req.body ?? {}, `api:${name}`);
    res.status(201).json({ ...link, url: `${publicBase(ctx.config, req)}${link.path}` });
  });

  return router;
}
