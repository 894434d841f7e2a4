// JSON API, version 1. Bearer-token authentication; no cookies, so no CSRF exposure.
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { dispositionSchema } from '../../domain/sampling/index.js';
import { issueApiToken, revokeAllTokensOf } from '../../services/accounts/api-tokens.js';
import { listMyAssignments } from '../../services/fieldwork/assignments-view.js';
import { recordDisposition } from '../../services/fieldwork/assignments.js';
import { checkHealth } from '../../services/maintenance/health.js';
import { submitPrepared } from '../../services/submissions/store.js';
import { auditExport } from '../../services/results/microdata-export.js';
import { prepareRoundBundle } from '../../services/results/bundle.js';
import { breakdownNames, roundResults, type Breakdown } from '../../services/results/round-results.js';
import { resultRows } from '../../services/results/table.js';
import { findRound } from '../../services/results/rounds.js';
import { DomainError } from '../../domain/errors.js';
import { actorOf, bearerUser, requireApiRole, userOf } from '../middleware/auth.js';
import { parseInput } from '../../domain/parse-input.js';

const tokenRequest = z.strictObject({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
});

const dispositionRequest = z.strictObject({
  disposition: dispositionSchema,
  visits: z.number().int().min(1).max(20),
  note: z.string().trim().max(500).optional(),
});
const assignmentParams = z.object({ id: z.uuid() });

const resultsQuery = z.object({
  round: z.string().min(1).max(40),
  by: z.enum(breakdownNames as [Breakdown, ...Breakdown[]]).optional(),
});

const roundParams = z.object({ code: z.string().min(1).max(40) });

const surveyQuery = z.object({ version: z.string().min(1).max(40).optional(), lang: z.string().optional() });

export function healthRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    res.json(await checkHealth(ctx));
  });
  return router;
}

export function apiRouter(ctx: AppContext): Router {
  const router = Router();

  router.post('/auth/token', async (req, res) => {
    const body = parseInput(tokenRequest, req.body ?? {});
    res.status(201).json(await issueApiToken(ctx, { ...body, ip: req.ip ?? 'unknown' }, req.get('user-agent')));
  });

  router.get('/surveys', (_req, res) => {
    res.json(ctx.surveys.list().map((s) => ({ code: s.code, version: s.version, title: s.title, kind: s.kind })));
  });

  router.get('/surveys/:code', async (req, res) => {
    const { version } = parseInput(surveyQuery, req.query);
    const survey =
      version === undefined
        ? ctx.surveys.current(req.params.code)
        : await ctx.surveys.version(req.params.code, version);
    res.setHeader('ETag', `"${survey.hash}"`);
    res.json(survey.questionnaire.definition);
  });

  router.post('/responses', bearerUser(ctx), requireApiRole('surveyor'), async (req, res) => {
    // The body is still text here (app.ts): parsing and validation happen off the request thread.
    const submission = await ctx.submissions.prepare(typeof req.body === 'string' ? req.body : undefined, req.lang);
    const outcome = await submitPrepared(ctx, userOf(req), submission, { source: 'field', lang: req.lang });
    res.status(outcome.status === 'stored' ? 201 : 200).json(outcome);
  });

  router.get('/assignments', bearerUser(ctx), requireApiRole('surveyor'), async (req, res) => {
    res.json(await listMyAssignments(ctx, userOf(req).id));
  });

  router.post(
    '/assignments/:id/disposition',
    bearerUser(ctx),
    requireApiRole('surveyor', 'supervisor', 'admin'),
    async (req, res) => {
      const { id } = parseInput(assignmentParams, req.params);
      const body = parseInput(dispositionRequest, req.body ?? {});
      res.json(await recordDisposition(ctx, id, body, actorOf(req)));
    },
  );

  router.get('/surveys/:code/results', bearerUser(ctx), requireApiRole('analyst'), async (req, res) => {
    const { round: code, by } = parseInput(resultsQuery, req.query);
    const round = await findRound(ctx, code);
    if (round.survey_code !== req.params.code)
      throw new DomainError('round_not_found', [
        { field: 'round', message: `round ${code} is not a round of ${req.params.code}` },
      ]);
    await auditExport(ctx, actorOf(req), round, 'api.results');
    const results = await roundResults(ctx, round, by ?? null);
    res.json({ round: round.code, design: results.design, rows: resultRows(results) });
  });

  // The reproduction bundle (zip) of a round, as /results/:round/bundle.zip gives it in a browser session.
  router.get('/rounds/:code/bundle.zip', bearerUser(ctx), requireApiRole('analyst'), async (req, res) => {
    const round = await findRound(ctx, parseInput(roundParams, req.params).code);
    const bundle = await prepareRoundBundle(ctx, round);
    await auditExport(ctx, actorOf(req), round, 'api.bundle.zip');
    res.type('application/zip').setHeader('Content-Disposition', `attachment; filename="${bundle.folder}.zip"`);
    await bundle.write(res);
  });

  // "Sign out everywhere": every token of the caller's account ends, this one included (a phone may be lost).
  router.post('/auth/revoke-all', bearerUser(ctx), requireApiRole(), async (req, res) => {
    res.json({ revoked: await revokeAllTokensOf(ctx, userOf(req).id, actorOf(req)) });
  });

  router.get('/me', bearerUser(ctx), requireApiRole(), (req, res) => {
    res.json({ username: req.user?.username, displayName: req.user?.displayName, role: req.user?.role });
  });

  return router;
}
