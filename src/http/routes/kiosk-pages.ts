// The kiosk page at a one-stop counter. It needs no session: the tablet holds a device token and renders the
// counter's questionnaire itself (public/js/kiosk/), so the page is the same for every counter.
import { Router } from 'express';

export function kioskPagesRouter(): Router {
  const router = Router();
  router.get('/kiosk', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.render('kiosk/index', { title: 'Đánh giá sự hài lòng' });
  });
  return router;
}
