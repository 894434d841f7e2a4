// The server side of the results bench, a child process of run.mjs with its own event loop: starts the real app
// from dist/ as src/main.ts does (background checkpoints, submission workers) on DATABASE_PATH, with an analyst
// and a surveyor, then listens on PORT. Reports { port, token } over IPC; answers "rss" with its peak resident
// set size (process.resourceUsage().maxRSS, KiB), "delay" with the request thread's event-loop delay since
// "delay-reset" (p50, p99, max in ms); exits on "stop".
import { monitorEventLoopDelay } from 'node:perf_hooks';

const { loadConfig } = await import('../../dist/config.js');
const { createContext, serverCheckpointMs, serverSubmissionWorkers, sessionSecret } =
  await import('../../dist/bootstrap.js');
const { createUser } = await import('../../dist/services/accounts/users.js');
const { issueApiToken } = await import('../../dist/services/accounts/api-tokens.js');
const { createApp } = await import('../../dist/app.js');

const ctx = await createContext(loadConfig(), {
  backgroundCheckpointMs: serverCheckpointMs,
  submissionWorkers: { count: serverSubmissionWorkers },
});
const password = 'bench-password-long-enough';
await createUser(ctx, { username: 'bench-analyst', password, role: 'analyst' });
await createUser(ctx, { username: 'bench-surveyor', password, role: 'surveyor' });
const { token } = await issueApiToken(ctx, { username: 'bench-surveyor', password, ip: '127.0.0.1' });
const app = createApp(ctx, await sessionSecret(ctx));
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.send?.({ port: server.address().port, token });
});
// The request thread's own delays (how long a ready callback waited for the thread), apart from the client's.
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
process.on('message', (message) => {
  if (message === 'rss') process.send?.({ maxRssKiB: process.resourceUsage().maxRSS });
  if (message === 'delay-reset') delay.reset();
  if (message === 'delay') {
    const ms = (ns) => ns / 1e6;
    process.send?.({ p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) });
  }
  if (message !== 'stop') return;
  server.closeAllConnections();
  server.close(() => {
    void ctx.destroy().then(() => process.exit(0));
  });
});
