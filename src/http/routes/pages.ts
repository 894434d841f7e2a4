// Public pages: the home page that tells each role where to go, and read-only questionnaire previews.
import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { roleLabels, roles } from '../../domain/roles.js';
import { pickLabel } from '../i18n/index.js';
import { previewModel } from '../view-models/preview.js';

export function pagesRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/', (req, res) => {
    const surveys = ctx.surveys.list().map((s) => ({
      code: s.code,
      version: s.version,
      kind: s.kind,
      title: pickLabel(s.title, req.lang),
    }));
    const roleList = roles.map((r) => ({
      role: r,
      label: pickLabel(roleLabels[r], req.lang),
      mine: req.user?.role === r,
    }));
    res.render('home', { title: res.locals['t']('app.name'), surveys, roles: roleList });
  });

  router.get('/surveys/:code/preview', (req, res) => {
    const survey = ctx.surveys.current(req.params.code);
    res.render('surveys/preview', { title: pickLabel(survey.title, req.lang), survey: previewModel(survey, req.lang) });
  });

  return router;
}
