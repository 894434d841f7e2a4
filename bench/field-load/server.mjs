// The server side of the Slow-3G bench, a child process of slow3g.mjs: the built app from dist/ on the temporary
// database in DATABASE_PATH, with the demo province, rounds and fieldwork as `npm start` seeds them, and the demo
// surveyor given a known password. Counts the requests it answers; reports over IPC and stops on "stop".
const { loadConfig } = await import('../../dist/config.js');
const bootstrap = await import('../../dist/bootstrap.js');
const { createContext, serverCheckpointMs, serverSessionPruneMs, serverSubmissionWorkers, sessionSecret } = bootstrap;
const { createUser } = await import('../../dist/services/accounts/users.js');
const { seedDemoProvince } = await import('../../dist/services/demo/seed.js');
const { seedDemoRounds } = await import('../../dist/services/demo/rounds.js');
const { createApp } = await import('../../dist/app.js');

const port = Number(process.argv[2] ?? '0');
const ctx = await createContext(loadConfig(), {
  backgroundCheckpointMs: serverCheckpointMs,
  submissionWorkers: { count: serverSubmissionWorkers },
  sessionPruneMs: serverSessionPruneMs,
  uploadWorkers: {},
});
const surveyor = { username: 'demo-surveyor', password: 'bench-surveyor-password' };
await createUser(ctx, { ...surveyor, role: 'surveyor', displayName: 'Demo surveyor' });
const demo = await seedDemoProvince(ctx);
if (demo) await seedDemoRounds(ctx, demo.drawId);

const requests = [];
const app = createApp(ctx, await sessionSecret(ctx));
const server = app.listen(port, '127.0.0.1', () => {
  process.send?.({ port: server.address().port, surveyor });
});
server.prependListener('request', (req, res) => {
  const at = Date.now();
  res.on('finish', () =>
    requests.push({ at, ms: Date.now() - at, line: `${req.method} ${req.originalUrl ?? req.url} ${res.statusCode}` }),
  );
});
process.on('message', (message) => {
  if (message === 'requests') {
    process.send?.({ requests: requests.splice(0) });
    return;
  }
  if (message !== 'stop') return;
  server.closeAllConnections();
  server.close(() => {
    void ctx.destroy().then(() => process.exit(0));
  });
});
