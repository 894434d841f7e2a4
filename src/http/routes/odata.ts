// The OData v4 feed at /odata/v1, as ODK Central offers one, for Power BI's and Excel's "OData feed": the rounds an
// analyst's key or token may read, each round, and its results (rounds('CODE')/results), in the OData JSON format
// with a CSDL $metadata. The same bearer auth, key scopes, results and audit as the data feed (data-feed.ts); errors
// are the catalogue's, in OData's error shape.
import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import { parseInput } from '../../domain/parse-input.js';
import { assertScopeAllows, scopeAllows } from '../../services/accounts/api-keys.js';
import { feedRounds, maxFeedPage } from '../../services/results/data-feed.js';
import { auditExport } from '../../services/results/microdata-export.js';
import {
  odataMetadata,
  resultEntities,
  resultProperties,
  resultsNavigation,
  roundProperties,
  roundsSet,
} from '../../services/results/odata.js';
import { breakdownNames, roundResults, type Breakdown } from '../../services/results/round-results.js';
import { findRound, type RoundRow } from '../../services/results/rounds.js';
import { actorOf, bearerUser, requireApiRole } from '../middleware/auth.js';
import { describeError } from '../middleware/errors.js';
import {
  nextLink,
  odataJson,
  pageWindow,
  parseOptions,
  parseResource,
  preferredPageSize,
  selected,
  selectSuffix,
  stringLiteral,
  type ODataOptions,
} from '../odata-query.js';
import { publicBase } from '../public-base.js';

const roundKey = z.object({ code: z.string().min(1).max(40) });
/** Why a round has no results to expand: its own results URL answers with the reason. */
const noResults = new Set(['survey_not_scored', 'too_few_respondents', 'lonely_psu']);
const resultsQuery = z.object({ by: z.enum(breakdownNames as [Breakdown, ...Breakdown[]]).optional() });
/** Results rows a page holds unless the client prefers fewer; a round has a few hundred without a breakdown. */
const resultsPage = { default: 1000, max: 5000 };

const sendJson = (res: Response, status: number, body: unknown): void => {
  res.status(status).setHeader('Content-Type', odataJson);
  res.end(JSON.stringify(body));
};

/** Every answer says OData 4.0; a client that accepts only older versions is refused (OData 4.0 Part 1, 8.2.7). */
function odataVersion(req: Request, res: Response, next: NextFunction): void {
  res.setHeader('OData-Version', '4.0');
  const max = req.get('odata-maxversion');
  if (max !== undefined && !(Number.parseFloat(max) >= 4))
    throw new DomainError('invalid_request', [detail('OData-MaxVersion', 'odata_version', { version: max })]);
  next();
}

export function odataRouter(ctx: AppContext): Router {
  const router = Router({ caseSensitive: true });
  const base = (req: Request) => `${publicBase(ctx.config, req)}/odata/v1`;
  // Parsed against a fixed origin: a Host header that is no host name cannot make the URL parser throw (a 500).
  const requestUrl = (req: Request) => new URL(req.originalUrl, 'http://local');
  const query = (req: Request) => requestUrl(req).searchParams;
  /** A page of a collection with its context, count and next link. */
  const collection = <T extends object>(req: Request, context: string, page: T[], total: number, o: ODataOptions) => {
    const next = nextLink(requestUrl(req), o, page.length, total);
    const nextUrl = next === null ? null : `${publicBase(ctx.config, req)}${next}`;
    return {
      '@odata.context': `${base(req)}/$metadata#${context}${selectSuffix(o.select)}`,
      ...(o.count ? { '@odata.count': total } : {}),
      value: page.map((e) => selected(e, o.select)),
      ...(nextUrl ? { '@odata.nextLink': nextUrl } : {}),
    };
  };
  const pageSize = (req: Request, res: Response, fallback: number, max: number): number => {
    const preferred = preferredPageSize(req.get('prefer'), max);
    if (preferred === null) return fallback;
    res.setHeader('Preference-Applied', `odata.maxpagesize=${preferred}`);
    return preferred;
  };

  router.use(odataVersion, bearerUser(ctx, { apiKeys: true }), requireApiRole('analyst'));

  router.get('/', (req, res) => {
    parseOptions(query(req), {}, false);
    sendJson(res, 200, {
      '@odata.context': `${base(req)}/$metadata`,
      value: [{ name: roundsSet, kind: 'EntitySet', url: roundsSet }],
    });
  });

  router.get('/$metadata', (req, res) => {
    const format = query(req).get('$format');
    if (format !== null && !/^(xml|application\/xml)(;|$)/i.test(format))
      throw new DomainError('not_acceptable', [detail('$format', 'odata_format', { format })]);
    res.status(200).type('application/xml').send(odataMetadata());
  });

  /** A round's results as entities, audited as a results read. */
  const resultsOf = async (req: Request, round: RoundRow, by: Breakdown | null) => {
    const rows = resultEntities(await roundResults(ctx, round, by));
    await auditExport(ctx, actorOf(req), round, 'odata.results');
    return rows;
  };
  /**
   * A round with its results inline ($expand): all of them, unpaged. A round without results (data-only, too few
   * respondents, a refused lonely PSU) expands to an empty collection rather than failing the whole page; its own
   * results URL says why.
   */
  const expanded = async (req: Request, code: string, entity: object) => {
    try {
      return { ...entity, [resultsNavigation]: await resultsOf(req, await findRound(ctx, code), null) };
    } catch (err) {
      if (err instanceof DomainError && noResults.has(err.code)) return { ...entity, [resultsNavigation]: [] };
      throw err;
    }
  };

  router.get(`/${roundsSet}`, async (req, res) => {
    const o = parseOptions(query(req), roundProperties, true, resultsNavigation);
    // Expanded rounds carry every result row each: smaller pages keep an answer to a few MB.
    const size = o.expand ? pageSize(req, res, 10, 100) : pageSize(req, res, 100, maxFeedPage);
    const page = await feedRounds(ctx, (code) => scopeAllows(req.apiKey, code), pageWindow(o, size));
    const body = collection(req, roundsSet, page.rounds, page.total, o);
    const value = o.expand
      ? await Promise.all(body.value.map((r, i) => expanded(req, page.rounds[i]?.code ?? '', r)))
      : body.value;
    sendJson(res, 200, { ...body, value });
  });

  // rounds('CODE') and rounds('CODE')/results: the key literal is parsed here rather than by the router's patterns.
  router.get('/*resource', async (req, res) => {
    const { code, results } = parseResource(([] as string[]).concat(req.params['resource'] ?? []));
    parseInput(roundKey, { code });
    assertScopeAllows(req.apiKey, code);
    if (!results) {
      const o = parseOptions(query(req), roundProperties, false, resultsNavigation);
      await findRound(ctx, code);
      const [round] = (await feedRounds(ctx, (c) => c === code, { offset: 0, limit: 1 })).rounds;
      if (!round) throw new DomainError('round_not_found');
      const entity = selected(round, o.select);
      sendJson(res, 200, {
        '@odata.context': `${base(req)}/$metadata#${roundsSet}${selectSuffix(o.select)}/$entity`,
        ...(o.expand ? await expanded(req, round.code, entity) : entity),
      });
      return;
    }
    const o = parseOptions(query(req), resultProperties, true);
    const { by } = parseInput(resultsQuery, { by: query(req).get('by') ?? undefined });
    const round = await findRound(ctx, code);
    const rows = await resultsOf(req, round, by ?? null);
    const { offset, limit } = pageWindow(o, pageSize(req, res, resultsPage.default, resultsPage.max));
    const context = `${roundsSet}(${stringLiteral(code)})/${resultsNavigation}`;
    sendJson(res, 200, collection(req, context, rows.slice(offset, offset + limit), rows.length, o));
  });

  // The feed is read-only: a write of any kind answers 501 with the catalogue code.
  router.use(() => {
    throw new DomainError('not_implemented');
  });

  router.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const { status, error } = describeError(err, req, res, ctx.logger);
    const target = error.details[0]?.field;
    sendJson(res, status, {
      error: {
        code: error.code,
        message: error.message,
        ...(typeof target === 'string' ? { target } : {}),
        ...(error.details.length > 0
          ? {
              details: error.details.map((d) => ({
                code: error.code,
                message: d.message,
                ...(typeof d.field === 'string' ? { target: d.field } : {}),
              })),
            }
          : {}),
        ...('requestId' in error ? { innererror: { requestId: error.requestId } } : {}),
      },
    });
  });

  return router;
}
