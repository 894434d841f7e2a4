// The server side of the phone-ratings bench: the built app on a temporary database, `counters` counters on the
// one-tap questionnaire, a link minted for each rating the client will send, and one hammered counter for the QR
// phase. Reports over IPC and exits on "stop".
const { loadConfig } = await import('../../dist/config.js');
const bootstrap = await import('../../dist/bootstrap.js');
const { createContext, serverCheckpointMs, serverSubmissionWorkers, sessionSecret } = bootstrap;
const { createCounter } = await import('../../dist/services/kiosk/counters.js');
const { mintRatingLink } = await import('../../dist/services/ratings/rating-links.js');
const { createApp } = await import('../../dist/app.js');

const counters = Number(process.argv[2] ?? '400');
const links = Number(process.argv[3] ?? '12000');
const ctx = await createContext(loadConfig(), {
  backgroundCheckpointMs: serverCheckpointMs,
  submissionWorkers: { count: serverSubmissionWorkers },
});
const actor = { userId: null, label: 'bench', role: 'admin' };
for (let i = 0; i < counters; i += 1)
  await createCounter(ctx, { code: `B-${i}`, agency: 'UBND', field: 'Hộ tịch', survey: 'kiosk-one-tap' }, actor);
await createCounter(ctx, { code: 'HAMMER', agency: 'UBND', field: 'Đất đai', survey: 'kiosk-one-tap' }, actor);
const tokens = [];
for (let i = 0; i < links; i += 1) {
  const dossierCode = `000.00.12.H56-240315-${String(i).padStart(6, '0')}`;
  tokens.push((await mintRatingLink(ctx, { counter: `B-${i % counters}`, dossierCode }, 'bench')).token);
}
const app = createApp(ctx, await sessionSecret(ctx));
// How long the server's event loop was held up while it served the run: what the server adds to the latency.
const { monitorEventLoopDelay } = await import('node:perf_hooks');
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const server = app.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port, tokens }));
process.on('message', async (message) => {
  if (message === 'held') {
    const rows = await ctx.db
      .selectFrom('rating_holds')
      .innerJoin('kiosk_counters', 'kiosk_counters.id', 'rating_holds.counter_id')
      .select(['kiosk_counters.code', (eb) => eb.fn.countAll().as('n')])
      .groupBy('kiosk_counters.code')
      .execute();
    process.send?.({ held: rows.map((r) => ({ counter: r.code, held: Number(r.n) })) });
    return;
  }
  if (message === 'loop') {
    const ms = (ns) => (ns / 1e6).toFixed(1);
    process.send?.({ loop: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) } });
    return;
  }
  if (message !== 'stop') return;
  server.closeAllConnections();
  server.close(() => ctx.destroy().then(() => process.exit(0)));
});
