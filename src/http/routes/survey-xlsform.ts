// XLSForm in and out: the preview page's download of a questionnaire as XLSForm, and the admin page that reads an
// uploaded XLSForm (off the request thread, size-capped) into a checked definition and, unless only a check was
// asked, stores it as a new version (audited). Refusals list every cell in Vietnamese, English second.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import { parseInput } from '../../domain/parse-input.js';
import { exportSurveyXlsForm } from '../../services/surveys/xlsform-export.js';
import { importXlsFormFile } from '../../services/surveys/xlsform-import.js';
import { maxUploadBytes } from '../../services/surveys/xlsform-file.js';
import { storeImportedSurvey } from '../../services/surveys/survey-store.js';
import { orShowErrors } from '../form-errors.js';
import { xlsformDetailInVietnamese } from '../i18n/xlsform-issue-messages.js';
import { actorOf, requirePageRole } from '../middleware/auth.js';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const versionQuery = z.object({ version: z.string().trim().min(1).max(40).optional() });
const importForm = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and -')
    .max(60),
  version: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z][0-9A-Za-z.-]*$/, 'a version such as 2025.1')
    .max(40),
  action: z.enum(['check', 'store']).default('store'),
});

/** A refused file's cells, each with its Vietnamese text (the domain words them in English for the CLI). */
function inVietnamese(err: DomainError): DomainError {
  return err.code === 'xlsform_invalid'
    ? new DomainError(err.code, err.details.map(xlsformDetailInVietnamese), { ...err.meta })
    : err;
}

function uploadedWorkbook(req: Request): Uint8Array {
  const file = (req as Request & { file?: { buffer: Buffer } }).file;
  if (!file || file.buffer.length === 0) throw new DomainError('invalid_request', [detail('file', 'choose_xlsx_file')]);
  if (file.buffer.length > maxUploadBytes) throw new DomainError('payload_too_large');
  return file.buffer;
}

export function surveyXlsFormRouter(ctx: AppContext): Router {
  const router = Router();
  const adminOnly = requirePageRole('admin');

  router.get('/surveys/:code/xlsform', async (req, res) => {
    const { version } = parseInput(versionQuery, req.query);
    const file = await exportSurveyXlsForm(ctx.surveys, req.params.code, version);
    res.type(xlsxType).attachment(file.fileName).send(file.bytes);
  });

  const render = (res: Response, view: Record<string, unknown>): void =>
    res.render('admin/survey-import', { title: res.locals['t']('xlsform.title'), values: {}, result: null, ...view });

  router.get('/admin/surveys/import', adminOnly, (_req, res) => render(res, { errors: null }));

  router.post('/admin/surveys/import', adminOnly, async (req, res) => {
    const values = req.body as Record<string, unknown>;
    await orShowErrors(
      res,
      async (errors) => render(res, { errors: inVietnamese(errors), values }),
      async () => {
        const { action, ...target } = parseInput(importForm, req.body);
        const { definition, dropped } = await importXlsFormFile(uploadedWorkbook(req), target);
        const questions = definition.sections.reduce((n, s) => n + s.questions.length, 0);
        if (action === 'store') {
          await storeImportedSurvey(ctx, definition, actorOf(req));
          res.status(201);
        }
        render(res, {
          errors: null,
          values,
          result: {
            stored: action === 'store',
            code: definition.code,
            version: definition.version,
            sections: definition.sections.length,
            questions,
            dropped,
            json: `${JSON.stringify(definition, null, 2)}\n`,
          },
        });
      },
    );
  });

  return router;
}
