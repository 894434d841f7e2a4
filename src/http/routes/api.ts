// JSON API, version 1. Bearer-token authentication; no cookies, so no CSRF exposure.
import { assertScopeAllows } from '../../services/accounts/api-keys.js';
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { dispositionSchema, outcomeLimits } from '../../domain/sampling/index.js';
import { issueApiToken, revokeAllTokensOf } from '../../services/accounts/api-tokens.js';
import { redeemEnrolmentCode } from '../../services/accounts/enrolment-codes.js';
import { listMyAssignments } from '../../services/fieldwork/assignments-view.js';
import { recordDisposition } from '../../services/fieldwork/assignments.js';
import { returnedInterviews } from '../../services/fieldwork/returned-interviews.js';
import { checkHealth } from '../../services/maintenance/health.js';
import { submitPrepared } from '../../services/submissions/store.js';
import { auditExport } from '../../services/results/microdata-export.js';
import { prepareRoundBundle } from '../../services/results/bundle.js';
import { breakdownNames, roundResults, type Breakdown } from '../../services/results/round-results.js';
import { resultsJson } from '../../services/results/table.js';
import { findRound } from '../../services/results/rounds.js';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import { actorOf, bearerUser, requireApiRole, userOf } from '../middleware/auth.js';
import { parseInput } from '../../domain/parse-input.js';

const tokenRequest = z.strictObject({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
});

/** An enrolment code as the admin's QR carries it (base64url, 32 characters today). */
const enrolRequest = z.strictObject({ code: z.string().regex(/^[A-Za-z0-9_-]{16,100}$/) });

const dispositionRequest = z.strictObject({
  disposition: dispositionSchema,
  visits: z.number().int().min(outcomeLimits.minVisits).max(outcomeLimits.maxVisits),
  note: z.string().trim().max(outcomeLimits.maxNoteLength).optional(),
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

  // The enrolment QR: a one-time code instead of a password, answered with the same token as /auth/token.
  router.post('/auth/enrol', async (req, res) => {
    const { code } = parseInput(enrolRequest, req.body ?? {});
    const from = { ip: req.ip ?? 'unknown', userAgent: req.get('user-agent') };
    res.status(201).json(await redeemEnrolmentCode(ctx, code, from));
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
    res.status(outcome.status === 'duplicate' ? 200 : 201).json(outcome);
  });

  router.get('/assignments', bearerUser(ctx), requireApiRole('surveyor'), async (req, res) => {
    res.json(await listMyAssignments(ctx, userOf(req).id));
  });

  // The caller's interviews a supervisor returned for correction, with the comments (the phone reopens them).
  router.get('/returned-interviews', bearerUser(ctx), requireApiRole('surveyor'), async (req, res) => {
    res.json(await returnedInterviews(ctx, userOf(req).id));
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
        detail('round', 'round_of_other_survey', { code, survey: String(req.params.code) }),
      ]);
    await auditExport(ctx, actorOf(req), round, 'api.results');
    const results = await roundResults(ctx, round, by ?? null);
    res.json(resultsJson(results));
  });

  // The reproduction bundle (zip) of a round, as /results/:round/bundle.zip gives it in a browser session.
  router.get(
    '/rounds/:code/bundle.zip',
    bearerUser(ctx, { apiKeys: true }),
    requireApiRole('analyst'),
    async (req, res) => {
      const { code } = parseInput(roundParams, req.params);
      assertScopeAllows(req.apiKey, code);
      const round = await findRound(ctx, code);
      const bundle = await prepareRoundBundle(ctx, round);
      await auditExport(ctx, actorOf(req), round, 'api.bundle.zip');
      res.type('application/zip').setHeader('Content-Disposition', `attachment; filename="${bundle.folder}.zip"`);
      await bundle.write(res);
    },
  );

  // "Sign out everywhere": every token of the caller's account ends, this one included (a phone may be lost).
  router.post('/auth/revoke-all', bearerUser(ctx), requireApiRole(), async (req, res) => {
    res.json({ revoked: await revokeAllTokensOf(ctx, userOf(req).id, actorOf(req)) });
  });

  router.get('/me', bearerUser(ctx), requireApiRole(), (req, res) => {
    res.json({ username: req.user?.username, displayName: req.user?.displayName, role: req.user?.role });
  });

  return router;
}
