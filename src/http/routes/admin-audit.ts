// The admin's audit log: filters (actor, action, object, Vietnam days) as query parameters, fifty entries a page,
// and the same selection as CSV. A bad filter is a 400 naming the field.
import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { auditPageSize, exportAuditCsv, searchAudit, type AuditQuery } from '../../services/audit/audit-viewer.js';
import { formatVietnamTime } from '../i18n/index.js';
import { actorOf, requirePageRole } from '../middleware/auth.js';

const queryOf = (query: Record<string, unknown>): AuditQuery => {
  const text = (key: string) => (typeof query[key] === 'string' && query[key] !== '' ? query[key] : undefined);
  return {
    actor: text('actor'),
    action: text('action'),
    object: text('object'),
    from: text('from'),
    to: text('to'),
    page: text('page'),
  };
};

/** The page's filters as a query string, for the CSV link and the pager. */
function linkQuery(filter: Record<string, string>, page?: number): string {
  const params = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== ''));
  if (page) params.set('page', String(page));
  return params.toString();
}

export function adminAuditRouter(ctx: AppContext): Router {
  const router = Router();
  const adminOnly = requirePageRole('admin');

  router.get('/admin/audit', adminOnly, async (req, res) => {
    const found = await searchAudit(ctx, queryOf(req.query));
    res.render('admin/audit', {
      title: res.locals['t']('audit.title'),
      ...found,
      pageSize: auditPageSize,
      entries: found.entries.map((e) => ({ ...e, atText: formatVietnamTime(e.at) })),
      csvQuery: linkQuery(found.filter),
      prevQuery: found.page > 1 ? linkQuery(found.filter, found.page - 1) : null,
      nextQuery: found.page < found.pages ? linkQuery(found.filter, found.page + 1) : null,
    });
  });

  router.get('/admin/audit.csv', adminOnly, async (req, res) => {
    const csv = await exportAuditCsv(ctx, queryOf(req.query), actorOf(req));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="audit-log.csv"');
    res.send(csv);
  });

  return router;
}
