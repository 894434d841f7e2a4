// Improvement plans (analysts): the list and imports, a plan's statuses for a year, each department's targets,
// the national tables, administrative indicators, the print page and the DOCX report. Departments (admin).
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import { parseInput } from '../../domain/parse-input.js';
import { addDepartment, allDepartments, setDepartmentActive } from '../../services/plans/departments.js';
import {
  allIndicators,
  defineIndicator,
  importIndicatorValues,
  recordIndicatorValue,
} from '../../services/plans/indicators.js';
import { importNationalTable, nationalTables } from '../../services/plans/national-tables.js';
import { importPlan, readPlanJson } from '../../services/plans/plan-import.js';
import { addPlanTarget, createPlan, deletePlanByCode, removePlanTarget } from '../../services/plans/plan-edit.js';
import { ownerOverview, planOverview } from '../../services/plans/plan-overview.js';
import { planReport } from '../../services/plans/plan-report.js';
import { planReportDocx } from '../../services/plans/plan-report-docx.js';
import { allPlans } from '../../services/plans/plan-store.js';
import { readPlanWorkbook } from '../../services/plans/plan-workbook.js';
import { decodeCsvFile } from '../../services/sampling/csv-rows.js';
import { orShowErrors } from '../form-errors.js';
import { actorOf, requirePageRole } from '../middleware/auth.js';
import { ownerView, planView } from '../view-models/plans.js';

const planParams = z.object({ plan: z.string().min(1).max(40) });
const ownerParams = planParams.extend({ dept: z.string().min(1).max(40) });
const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
type Upload = Request & { file?: { buffer: Buffer; originalname: string } };

const fileOf = (req: Request) => (req as Upload).file;

export function plansRouter(ctx: AppContext): Router {
  const router = Router();
  const analyst = requirePageRole('analyst');
  const admin = requirePageRole('admin');

  const renderIndex = async (res: Response, errors: DomainError | null = null): Promise<void> => {
    res.render('plans/index', { title: res.locals['t']('plans.title'), plans: await allPlans(ctx), errors });
  };

  router.get('/plans', analyst, async (_req, res) => renderIndex(res));

  router.post('/plans', analyst, async (req, res) => {
    const file = fileOf(req);
    await orShowErrors(
      res,
      (e) => renderIndex(res, e),
      async () => {
        const bytes = file?.buffer ?? Buffer.alloc(0);
        const value = (file?.originalname ?? '').toLowerCase().endsWith('.xlsx')
          ? await readPlanWorkbook(bytes)
          : readPlanJson(decodeCsvFile(bytes));
        const replace = (req.body as Record<string, unknown>)['replace'] === '1';
        const { code } = await importPlan(ctx, value, actorOf(req), { replace });
        res.redirect(303, `/plans/${encodeURIComponent(code)}`);
      },
    );
  });

  const renderPublished = async (res: Response, errors: DomainError | null = null): Promise<void> => {
    res.render('plans/published', {
      title: res.locals['t']('plans.publishedTitle'),
      tables: await nationalTables(ctx),
      errors,
    });
  };

  router.get('/plans/published', analyst, async (_req, res) => renderPublished(res));

  router.post('/plans/published', analyst, async (req, res) => {
    await orShowErrors(
      res,
      (e) => renderPublished(res, e),
      async () => {
        await importNationalTable(ctx, decodeCsvFile(fileOf(req)?.buffer ?? Buffer.alloc(0)), actorOf(req));
        res.redirect(303, '/plans/published');
      },
    );
  });

  const renderIndicators = async (res: Response, errors: DomainError | null = null): Promise<void> => {
    res.render('plans/indicators', {
      title: res.locals['t']('plans.indicators'),
      ...(await allIndicators(ctx)),
      departments: (await allDepartments(ctx)).filter((d) => d.retired_at === null),
      errors,
    });
  };

  router.get('/plans/indicators', analyst, async (_req, res) => renderIndicators(res));

  router.post('/plans/indicators', analyst, async (req, res) => {
    const b = req.body as Record<string, string | undefined>;
    await orShowErrors(
      res,
      (e) => renderIndicators(res, e),
      async () => {
        await defineIndicator(
          ctx,
          {
            code: b['code'] ?? '',
            name: b['name'] ?? '',
            unit: b['unit'] ?? '',
            owner: b['owner'] ?? '',
            direction: (b['direction'] ?? '') as 'higher',
          },
          actorOf(req),
        );
        res.redirect(303, '/plans/indicators');
      },
    );
  });

  router.post('/plans/indicators/values', analyst, async (req, res) => {
    await orShowErrors(
      res,
      (e) => renderIndicators(res, e),
      async () => {
        await importIndicatorValues(ctx, decodeCsvFile(fileOf(req)?.buffer ?? Buffer.alloc(0)), actorOf(req));
        res.redirect(303, '/plans/indicators');
      },
    );
  });

  router.post('/plans/indicators/:code/values', analyst, async (req, res) => {
    const b = req.body as Record<string, string | undefined>;
    await orShowErrors(
      res,
      (e) => renderIndicators(res, e),
      async () => {
        const value = Number(String(b['value'] ?? '').replace(',', '.'));
        await recordIndicatorValue(ctx, String(req.params['code']), { period: b['period'] ?? '', value }, actorOf(req));
        res.redirect(303, '/plans/indicators');
      },
    );
  });

  router.post('/plans/new', analyst, async (req, res) => {
    await orShowErrors(
      res,
      (e) => renderIndex(res, e),
      async () => {
        const code = await createPlan(ctx, req.body, actorOf(req));
        res.redirect(303, `/plans/${encodeURIComponent(code)}`);
      },
    );
  });

  const renderPlan = async (req: Request, res: Response, errors: DomainError | null = null): Promise<void> => {
    const { plan } = parseInput(planParams, req.params);
    const { year } = parseInput(yearQuery, req.query);
    const overview = await planOverview(ctx, plan, year ?? null);
    res.render('plans/plan', {
      title: overview.stored.plan.name,
      view: planView(overview, req.lang),
      indicators: (await allIndicators(ctx)).indicators,
      departments: (await allDepartments(ctx)).filter((d) => d.retired_at === null),
      errors,
    });
  };

  router.get('/plans/:plan', analyst, async (req, res) => renderPlan(req, res));

  router.post('/plans/:plan/targets', analyst, async (req, res) => {
    const { plan } = parseInput(planParams, req.params);
    await orShowErrors(
      res,
      (e) => renderPlan(req, res, e),
      async () => {
        await addPlanTarget(ctx, plan, req.body, actorOf(req));
        res.redirect(303, `/plans/${encodeURIComponent(plan)}#targets-title`);
      },
    );
  });

  // Deleting asks first: a page that says what goes, with a box to tick (no script needed, none trusted).
  const targetParams = planParams.extend({ row: z.coerce.number().int().positive() });
  const renderConfirm = async (req: Request, res: Response, errors: DomainError | null = null): Promise<void> => {
    const { plan } = parseInput(planParams, req.params);
    const view = planView(await planOverview(ctx, plan, null), req.lang);
    const row = req.params['row'] === undefined ? null : parseInput(targetParams, req.params).row;
    const target = row === null ? null : view.targets.find((tt) => tt.row === row);
    if (target === undefined) throw new DomainError('not_found', [{ field: 'row', message: `no target ${row}` }]);
    res.render('plans/confirm-delete', {
      title: res.locals['t'](target ? 'plans.deleteTargetTitle' : 'plans.deletePlanTitle'),
      view,
      target,
      errors,
    });
  };

  router.get('/plans/:plan/targets/:row/delete', analyst, async (req, res) => renderConfirm(req, res));

  router.post('/plans/:plan/targets/:row/delete', analyst, async (req, res) => {
    const { plan, row } = parseInput(targetParams, req.params);
    await orShowErrors(
      res,
      (e) => renderConfirm(req, res, e),
      async () => {
        await removePlanTarget(ctx, plan, row, req.body, actorOf(req));
        res.redirect(303, `/plans/${encodeURIComponent(plan)}#targets-title`);
      },
    );
  });

  router.get('/plans/:plan/delete', analyst, async (req, res) => renderConfirm(req, res));

  router.post('/plans/:plan/delete', analyst, async (req, res) => {
    const { plan } = parseInput(planParams, req.params);
    await orShowErrors(
      res,
      (e) => renderConfirm(req, res, e),
      async () => {
        await deletePlanByCode(ctx, plan, req.body, actorOf(req));
        res.redirect(303, '/plans');
      },
    );
  });

  router.get('/plans/:plan/owners/:dept', analyst, async (req, res) => {
    const { plan, dept } = parseInput(ownerParams, req.params);
    const { year } = parseInput(yearQuery, req.query);
    const { overview, owner } = await ownerOverview(ctx, plan, dept, year ?? null);
    res.render('plans/owner', {
      title: `${owner.department.name} · ${overview.stored.plan.name}`,
      view: ownerView(overview, owner, req.lang),
    });
  });

  router.get('/plans/:plan/print', analyst, async (req, res) => {
    const { plan } = parseInput(planParams, req.params);
    const { year } = parseInput(yearQuery, req.query);
    const report = await planReport(ctx, plan, year ?? null);
    res.render('plans/print', { title: report.title, report });
  });

  router.get('/plans/:plan/report.docx', analyst, async (req, res) => {
    const { plan } = parseInput(planParams, req.params);
    const { year } = parseInput(yearQuery, req.query);
    const { bytes, year: used } = await planReportDocx(ctx, plan, year ?? null, actorOf(req));
    res
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .setHeader('Content-Disposition', `attachment; filename="langnghe-${plan}-${used}.docx"`)
      .send(bytes);
  });

  const renderDepartments = async (res: Response, errors: DomainError | null = null): Promise<void> => {
    res.render('admin/departments', {
      title: res.locals['t']('plans.departments'),
      departments: await allDepartments(ctx),
      errors,
    });
  };

  router.get('/admin/departments', admin, async (_req, res) => renderDepartments(res));

  router.post('/admin/departments', admin, async (req, res) => {
    const b = req.body as Record<string, string | undefined>;
    await orShowErrors(
      res,
      (e) => renderDepartments(res, e),
      async () => {
        await addDepartment(ctx, { code: b['code'] ?? '', name: b['name'] ?? '' }, actorOf(req));
        res.redirect(303, '/admin/departments');
      },
    );
  });

  router.post('/admin/departments/:code/:action', admin, async (req, res) => {
    const { code, action } = parseInput(
      z.object({ code: z.string().min(1).max(40), action: z.enum(['retire', 'restore']) }),
      req.params,
    );
    await setDepartmentActive(ctx, code, action === 'restore', actorOf(req));
    res.redirect(303, '/admin/departments');
  });

  return router;
}
