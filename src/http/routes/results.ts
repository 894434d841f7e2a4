// Analyst pages: rounds, a round's SIPAS/PAPI results with CIs, change and targets, breakdowns, kiosk
// summaries, and downloads (aggregated CSV/XLSX/JSON, microdata CSV with its codebook, the reproduction bundle).
// Analysts only; every download is audited.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import { listInvitations } from '../../services/invitations/list.js';
import { auditExport, codebookCsv } from '../../services/results/microdata-export.js';
import { downloadMicrodataCsv } from '../../services/results/microdata-thread.js';
import { breakdownNames, roundResults, type Breakdown } from '../../services/results/round-results.js';
import { prepareRoundBundle } from '../../services/results/bundle.js';
import { roundResponseRate } from '../../services/results/response-rate.js';
import { resultsCsv } from '../../services/results/formats.js';
import { writeRoundXlsx } from '../../services/results/results-xlsx.js';
import { resultRows, resultsJson } from '../../services/results/table.js';
import { setRoundCalibration } from '../../services/results/calibration.js';
import { decodeCsvFile } from '../../services/sampling/csv-rows.js';
import { kioskRatingSummary, ratingChannels } from '../../services/results/kiosk-ratings.js';
import {
  allRounds,
  createRound,
  dataOnlyRoundCodes,
  deleteRound,
  departments,
  findRound,
  isScored,
  removeTarget,
  roundInterviewCount,
  roundHasAnyResponse,
  setTarget,
} from '../../services/results/rounds.js';
import { orShowErrors } from '../form-errors.js';
import { actorOf, requirePageRole } from '../middleware/auth.js';
import { parseInput } from '../../domain/parse-input.js';
import { weightingView } from '../view-models/weighting.js';
import { responseRateText, resultsView } from '../view-models/results.js';
import { formatNumber } from '../i18n/index.js';

const roundParams = z.object({ round: z.string().min(1).max(40) });
const byQuery = z.object({ by: z.enum(breakdownNames as [Breakdown, ...Breakdown[]]).optional() });
/** `?dialect=vi`: semicolons and decimal commas, for Excel set to Vietnamese. */
const dialectQuery = z.object({ dialect: z.enum(['vi']).optional() });
const downloadQuery = byQuery.extend(dialectQuery.shape);
const kioskQuery = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  by: z.enum(['counter', 'agency', 'field']).default('counter'),
  period: z.enum(['day', 'week']).default('day'),
  channel: z.enum(ratingChannels).default('kiosk'),
});

export function resultsRouter(ctx: AppContext): Router {
  const router = Router();
  const analyst = requirePageRole('analyst');

  const renderIndex = async (res: Response, errors: DomainError | null = null): Promise<void> => {
    const rounds = await allRounds(ctx);
    res.render('results/index', {
      title: res.locals['t']('results.title'),
      rounds,
      dataOnly: await dataOnlyRoundCodes(ctx, rounds),
      invitationRounds: await listInvitations(ctx),
      errors,
      // A questionnaire without scoring gets a data-only round (microdata and codebook): marked in the list.
      surveys: ctx.surveys.list().map((s) => ({ code: s.code, version: s.version, scored: isScored(s.questionnaire) })),
    });
  };

  router.get('/results', analyst, async (_req, res) => renderIndex(res));

  router.post('/results/rounds', analyst, async (req, res) => {
    const b = req.body as Record<string, string | undefined>;
    await orShowErrors(
      res,
      (e) => renderIndex(res, e),
      async () => {
        const round = await createRound(
          ctx,
          {
            code: b['code'] ?? '',
            label: b['label'] || (b['code'] ?? ''),
            survey: b['survey'] ?? '',
            periodStart: b['from'] ?? '',
            periodEnd: b['to'] ?? '',
            ...(b['draw'] ? { drawId: Number(b['draw']) } : {}),
            ...(b['design'] ? { design: b['design'] as 'srs' } : {}),
            ...(b['population'] ? { population: Number(b['population']) } : {}),
            ...(b['strata_question'] ? { strataQuestion: b['strata_question'] } : {}),
            ...(b['lonely_psu'] ? { lonelyPsu: b['lonely_psu'] as 'adjust' } : {}),
            ...(b['share_interval'] ? { shareInterval: b['share_interval'] as 'logit' } : {}),
          },
          actorOf(req),
        );
        res.redirect(303, `/results/${encodeURIComponent(round.code)}`);
      },
    );
  });

  router.get('/results/kiosk', analyst, async (req, res) => {
    const q = parseInput(kioskQuery, req.query);
    const { from, to, summary, channel, responseRates } = await kioskRatingSummary(ctx, q);
    res.render('results/kiosk', {
      title: res.locals['t']('results.kiosk'),
      from,
      to,
      channel,
      channels: ratingChannels,
      responseRates,
      by: q.by,
      period: q.period,
      summary,
    });
  });

  const renderRound = async (req: Request, res: Response, errors: DomainError | null = null): Promise<void> => {
    const round = await findRound(ctx, parseInput(roundParams, req.params).round);
    const { by } = parseInput(byQuery, req.query);
    const q = (await ctx.surveys.version(round.survey_code, round.survey_version)).questionnaire;
    if (!isScored(q)) {
      const interviews = await roundInterviewCount(ctx, round);
      res.render('results/round-data', {
        title: round.label,
        round,
        interviews,
        interviewsText: formatNumber(interviews, req.lang, 0),
        responseRate: responseRateText(await roundResponseRate(ctx, round), req.lang),
        errors,
      });
      return;
    }
    let results;
    try {
      results = await roundResults(ctx, round, by ?? null);
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'too_few_respondents') throw err;
      // No results yet: say so, and offer to delete a round that reads no response at all.
      res.render('results/round-empty', {
        title: round.label,
        round,
        respondents: Number(err.meta['respondents'] ?? 0),
        deletable: !(await roundHasAnyResponse(ctx, round)),
        errors,
      });
      return;
    }
    res.render('results/round', {
      title: `${round.label}`,
      r: results,
      view: resultsView(results, req.lang, await roundResponseRate(ctx, round)),
      weighting: weightingView(results.design.weighting, req.lang),
      by: by ?? null,
      breakdowns: results.breakdowns,
      departments,
      errors,
      query: by ? `?by=${by}` : '',
    });
  };

  router.get('/results/:round', analyst, async (req, res) => renderRound(req, res));

  router.post('/results/:round/delete', analyst, async (req, res) => {
    const round = await findRound(ctx, parseInput(roundParams, req.params).round);
    await orShowErrors(
      res,
      (e) => renderRound(req, res, e),
      async () => {
        await deleteRound(ctx, round, actorOf(req));
        res.redirect(303, '/results');
      },
    );
  });

  router.post('/results/:round/calibration', analyst, async (req, res) => {
    const round = await findRound(ctx, parseInput(roundParams, req.params).round);
    const file = (req as Request & { file?: { buffer: Buffer; originalname: string } }).file;
    await orShowErrors(
      res,
      (e) => renderRound(req, res, e),
      async () => {
        const text = file && file.buffer.length > 0 ? decodeCsvFile(file.buffer) : undefined;
        const method = (req.body as Record<string, unknown>)['method'];
        await setRoundCalibration(ctx, round, { method, text, fileName: file?.originalname }, actorOf(req));
        res.redirect(303, `/results/${encodeURIComponent(round.code)}#design`);
      },
    );
  });

  router.post('/results/:round/targets', analyst, async (req, res) => {
    const round = await findRound(ctx, parseInput(roundParams, req.params).round);
    const b = req.body as Record<string, string | undefined>;
    await orShowErrors(
      res,
      (e) => renderRound(req, res, e),
      async () => {
        const raw = Number(String(b['value'] ?? '').replace(',', '.'));
        const isShare =
          (await ctx.surveys.version(round.survey_code, round.survey_version)).questionnaire.definition.scoring?.[
            'method'
          ] === 'sipas';
        await setTarget(
          ctx,
          round,
          {
            node: b['node'] ?? '',
            kind: (b['kind'] ?? '') as 'absolute',
            value: isShare ? raw / 100 : raw,
            owner: b['owner'] ?? '',
          },
          actorOf(req),
        );
        res.redirect(303, `/results/${encodeURIComponent(round.code)}#targets`);
      },
    );
  });

  router.post('/results/:round/targets/:node/delete', analyst, async (req, res) => {
    const round = await findRound(ctx, parseInput(roundParams, req.params).round);
    await removeTarget(ctx, round, String(req.params['node']), actorOf(req));
    res.redirect(303, `/results/${encodeURIComponent(round.code)}#targets`);
  });

  router.get('/results/:round/results.:format', analyst, async (req, res) => {
    const round = await findRound(ctx, parseInput(roundParams, req.params).round);
    const format = z.enum(['csv', 'xlsx', 'json']).safeParse(req.params['format']);
    if (!format.success) throw new DomainError('not_found');
    const { by, dialect } = parseInput(downloadQuery, req.query);
    const results = await roundResults(ctx, round, by ?? null);
    await auditExport(ctx, actorOf(req), round, `results.${format.data}`);
    const name = `langnghe-${round.code}-results${by ? `-${by}` : ''}${dialect ? `-${dialect}` : ''}`;
    if (format.data === 'json') return res.json(resultsJson(results));
    const rows = resultRows(results);
    res.setHeader('Content-Disposition', `attachment; filename="${name}.${format.data}"`);
    if (format.data === 'csv') {
      return res.type('text/csv; charset=utf-8').send(await resultsCsv(rows, dialect ?? 'standard'));
    }
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    await writeRoundXlsx(ctx, round, results, rows, res);
    res.end();
  });

  router.get('/results/:round/microdata.csv', analyst, async (req, res) => {
    const round = await findRound(ctx, parseInput(roundParams, req.params).round);
    const { dialect } = parseInput(dialectQuery, req.query);
    await auditExport(ctx, actorOf(req), round, 'microdata.csv');
    res
      .type('text/csv; charset=utf-8')
      .setHeader(
        'Content-Disposition',
        `attachment; filename="langnghe-${round.code}-microdata${dialect ? `-${dialect}` : ''}.csv"`,
      );
    await downloadMicrodataCsv(ctx, round, res, dialect ?? 'standard');
    res.end();
  });

  router.get('/results/:round/codebook.csv', analyst, async (req, res) => {
    const round = await findRound(ctx, parseInput(roundParams, req.params).round);
    const { dialect } = parseInput(dialectQuery, req.query);
    await auditExport(ctx, actorOf(req), round, 'codebook.csv');
    res
      .type('text/csv; charset=utf-8')
      .setHeader(
        'Content-Disposition',
        `attachment; filename="langnghe-${round.code}-codebook${dialect ? `-${dialect}` : ''}.csv"`,
      );
    res.send(await codebookCsv(ctx, round, dialect ?? 'standard'));
  });

  router.get('/results/:round/bundle.zip', analyst, async (req, res) => {
    const round = await findRound(ctx, parseInput(roundParams, req.params).round);
    const bundle = await prepareRoundBundle(ctx, round);
    await auditExport(ctx, actorOf(req), round, 'bundle.zip');
    res.type('application/zip').setHeader('Content-Disposition', `attachment; filename="${bundle.folder}.zip"`);
    await bundle.write(res);
  });

  return router;
}
