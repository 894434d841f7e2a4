// Invitation surveys: the admin's rounds (a participant list in, response rates per group, a reminder list and a
// mail-merge CSV out) and the participant's JSON API behind their personal link: open, save, submit once.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { DomainError } from '../../domain/errors.js';
import { parseInput } from '../../domain/parse-input.js';
import {
  createInvitationRound,
  invitationLetters,
  invitationMailMerge,
  invitationRoundStatus,
  openInvitation,
  saveInvitationDraft,
  submitInvitation,
} from '../../services/invitations/rounds.js';
import { invitationLettersDocx } from '../../services/invitations/letters-docx.js';
import { listInvitations } from '../../services/invitations/list.js';
import { invitationResults, invitationResultsCsv } from '../../services/invitations/round-results.js';
import { decodeCsvFile } from '../../services/sampling/csv-rows.js';
import { orShowErrors } from '../form-errors.js';
import { invitationBodyLimit, jsonBody } from '../middleware/json-body.js';
import { formatPercent } from '../i18n/index.js';
import { invitationResultsView } from '../view-models/invitation-results.js';
import { actorOf, requirePageRole } from '../middleware/auth.js';
import { publicBase } from '../public-base.js';
import { qrDataUrl } from '../view-models/enrolment.js';
import { kioskMessages, type KioskMessageKey } from '../i18n/kiosk-messages.js';

/** The participant's writes (lower-cased, no trailing slash), whose bodies are read after the address's limit. */
export const invitationWritePath = /^\/api\/v1\/invitations\/[^/]+\/(draft|submit)$/;

const codeParam = z.object({ code: z.string().min(1).max(40) });
const tokenParam = z.object({ token: z.string().min(1).max(100) });

export function invitationApiRouter(ctx: AppContext): Router {
  const router = Router();
  // The participant's page: the questionnaire is drawn by public/js/invite/; a wrong link is a 404 page.
  router.get('/i/:token', async (req, res) => {
    const { token } = parseInput(tokenParam, req.params);
    const invitation = await openInvitation(ctx, token);
    res.setHeader('Cache-Control', 'no-store');
    res.render('invite/page', { t: (key: KioskMessageKey) => kioskMessages.vi[key], label: invitation.label, token });
  });
  router.get('/api/v1/invitations/:token', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(await openInvitation(ctx, parseInput(tokenParam, req.params).token));
  });
  // Counted per address before the body is read (shared by all processes on PostgreSQL), then parsed.
  const limited = [
    async (req: Request, _res: Response, next: () => void) => {
      await ctx.publicRatingLimits.consumeInvitation(req.ip ?? 'unknown');
      next();
    },
    jsonBody(invitationBodyLimit),
  ];
  router.put('/api/v1/invitations/:token/draft', ...limited, async (req, res) => {
    await saveInvitationDraft(ctx, parseInput(tokenParam, req.params).token, req.body ?? {}, req.lang);
    res.status(204).end();
  });
  router.post('/api/v1/invitations/:token/submit', ...limited, async (req, res) => {
    await submitInvitation(ctx, parseInput(tokenParam, req.params).token, req.body ?? {}, req.lang);
    res.status(201).json({ status: 'submitted' });
  });
  return router;
}

/** A round's results for analysts and admins: groups and answers only, never who answered. */
export function invitationResultsRouter(ctx: AppContext): Router {
  const router = Router();
  const readers = requirePageRole('analyst', 'admin');
  router.get('/results/invitations/:code', readers, async (req, res) => {
    const results = await invitationResults(ctx, parseInput(codeParam, req.params).code);
    res.render('results/invitation', { title: results.label, view: invitationResultsView(results, req.lang) });
  });
  router.get('/results/invitations/:code/summary.csv', readers, async (req, res) => {
    const { code } = parseInput(codeParam, req.params);
    const csv = invitationResultsCsv(await invitationResults(ctx, code), req.lang);
    res.setHeader('Content-Disposition', `attachment; filename="${code}-summary.csv"`);
    res.type('text/csv; charset=utf-8').send(csv);
  });
  return router;
}

export function adminInvitationRouter(ctx: AppContext): Router {
  const router = Router();
  const adminOnly = requirePageRole('admin');

  const renderList = async (req: Request, res: Response, errors: DomainError | null = null): Promise<void> => {
    res.render('admin/invitations', {
      title: res.locals['t']('invitations.title'),
      rounds: await listInvitations(ctx),
      surveys: ctx.surveys.list().map((s) => s.code),
      errors,
    });
  };

  router.get('/admin/invitations', adminOnly, async (req, res) => renderList(req, res));

  router.post('/admin/invitations', adminOnly, async (req, res) => {
    const file = (req as Request & { file?: { buffer: Buffer } }).file;
    await orShowErrors(
      res,
      (e) => renderList(req, res, e),
      async () => {
        const b = req.body as Record<string, string | undefined>;
        const csv = file && file.buffer.length > 0 ? decodeCsvFile(file.buffer) : '';
        const { code } = await createInvitationRound(
          ctx,
          { code: b['code'] ?? '', label: b['label'] ?? '', survey: b['survey'] || undefined },
          csv,
          actorOf(req),
        );
        res.redirect(303, `/admin/invitations/${encodeURIComponent(code)}`);
      },
    );
  });

  router.get('/admin/invitations/:code', adminOnly, async (req, res) => {
    const status = await invitationRoundStatus(ctx, parseInput(codeParam, req.params).code);
    res.render('admin/invitation-round', {
      title: status.label,
      status,
      rates: status.rates.map((r) => ({ ...r, rateText: formatPercent(r.rate, req.lang) })),
    });
  });

  // Printable letters (print to PDF from the browser), one page each, with the personal link as a QR code; those
  // who have answered get none.
  router.get('/admin/invitations/:code/letters', adminOnly, async (req, res) => {
    const { code } = parseInput(codeParam, req.params);
    const { label, letters } = await invitationLetters(ctx, code, publicBase(ctx.config, req));
    res.setHeader('Cache-Control', 'no-store');
    res.render('admin/invitation-letters', {
      label,
      letters: await Promise.all(letters.map(async (l) => ({ ...l, qr: await qrDataUrl(l.link) }))),
    });
  });

  router.get('/admin/invitations/:code/letters.docx', adminOnly, async (req, res) => {
    const { code } = parseInput(codeParam, req.params);
    const bytes = await invitationLettersDocx(ctx, code, publicBase(ctx.config, req), actorOf(req));
    res
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .setHeader('Content-Disposition', `attachment; filename="${code}-thu-moi.docx"`)
      .setHeader('Cache-Control', 'no-store')
      .send(bytes);
  });

  router.get('/admin/invitations/:code/mail-merge.csv', adminOnly, async (req, res) => {
    const { code } = parseInput(codeParam, req.params);
    const csv = await invitationMailMerge(ctx, code, publicBase(ctx.config, req));
    res.setHeader('Content-Disposition', `attachment; filename="${code}-mail-merge.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    res.type('text/csv; charset=utf-8').send(csv);
  });

  return router;
}
