// The data feed under /api/v1 for Excel ("From Web") and Power BI, with `Authorization: Bearer <token or key>` of
// an analyst account (an API key reads only the rounds in its scope: 403 `api_key_out_of_scope` for others): the
// list of rounds, each round's results (CSV or JSON, with confidence intervals) and its anonymised microdata (CSV
// with an ETag; a refresh with If-None-Match and nothing new gets 304). Every download is in the audit log.
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { parseInput } from '../../domain/parse-input.js';
import { assertScopeAllows, scopeAllows } from '../../services/accounts/api-keys.js';
import { feedRounds, maxFeedPage, microdataTag } from '../../services/results/data-feed.js';
import { resultsCsv } from '../../services/results/formats.js';
import { auditExport } from '../../services/results/microdata-export.js';
import { downloadMicrodataCsv } from '../../services/results/microdata-thread.js';
import { breakdownNames, roundResults, type Breakdown } from '../../services/results/round-results.js';
import { findRound } from '../../services/results/rounds.js';
import { resultRows, resultsJson } from '../../services/results/table.js';
import { noneMatchHits } from '../conditional.js';
import { actorOf, bearerUser, requireApiRole } from '../middleware/auth.js';

const roundParams = z.object({ code: z.string().min(1).max(40) });
/** Paging of the rounds list; a dashboard reading every round follows `next` until it is null. */
const pageQuery = z.object({
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(maxFeedPage).default(100),
});
const feedQuery = z.object({
  by: z.enum(breakdownNames as [Breakdown, ...Breakdown[]]).optional(),
  /** `vi`: semicolons and decimal commas, for Excel set to Vietnamese. */
  dialect: z.enum(['vi']).optional(),
});

export function dataFeedRouter(ctx: AppContext): Router {
  const router = Router();
  const analyst = [bearerUser(ctx, { apiKeys: true }), requireApiRole('analyst')];
  /** The round named in the path, once the caller's key (if any) is known to cover it. */
  const roundOf = async (req: Request) => {
    const { code } = parseInput(roundParams, req.params);
    assertScopeAllows(req.apiKey, code);
    return findRound(ctx, code);
  };

  router.get('/rounds', ...analyst, async (req, res) => {
    const page = parseInput(pageQuery, req.query);
    res.json(await feedRounds(ctx, (code) => scopeAllows(req.apiKey, code), page));
  });

  router.get('/rounds/:code/results.json', ...analyst, async (req, res) => {
    const round = await roundOf(req);
    const { by } = parseInput(feedQuery, req.query);
    const results = await roundResults(ctx, round, by ?? null);
    await auditExport(ctx, actorOf(req), round, 'api.results.json');
    res.json(resultsJson(results));
  });

  router.get('/rounds/:code/results.csv', ...analyst, async (req, res) => {
    const round = await roundOf(req);
    const { by, dialect } = parseInput(feedQuery, req.query);
    const results = await roundResults(ctx, round, by ?? null);
    await auditExport(ctx, actorOf(req), round, 'api.results.csv');
    res.type('text/csv; charset=utf-8').send(await resultsCsv(resultRows(results), dialect ?? 'standard'));
  });

  // Streamed: the tag is known before the first byte (services/results/data-feed.ts), so nothing is built in memory.
  router.get('/rounds/:code/microdata.csv', ...analyst, async (req, res) => {
    const round = await roundOf(req);
    const dialect = parseInput(feedQuery, req.query).dialect ?? 'standard';
    const etag = await microdataTag(ctx, round, dialect);
    res.setHeader('ETag', etag).setHeader('Cache-Control', 'private, no-cache');
    if (noneMatchHits(req.headers['if-none-match'], etag)) return res.status(304).end();
    await auditExport(ctx, actorOf(req), round, 'api.microdata.csv');
    res.type('text/csv; charset=utf-8');
    await downloadMicrodataCsv(ctx, round, res, dialect);
    res.end();
  });

  return router;
}
