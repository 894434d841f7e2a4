// The server side of the ingest bench, run as a child process of run.mjs so that it gets its own event loop
// and core. `node server.mjs app` starts the real app from dist/ on the database in DATABASE_PATH with one
// surveyor and an API token; `node server.mjs app-join` another app process on the same (PostgreSQL) database, for
// the token the first one issued; `node server.mjs bare` starts an Express 5 endpoint that only parses the JSON and
// answers 201. Reports { port, token } over IPC, its CPU time on "cpu", and exits cleanly on "stop" (so
// --cpu-prof can write its file).
import express from 'express';

const mode = process.argv[2];

async function startApp(setup) {
  const { loadConfig } = await import('../../dist/config.js');
  const { createContext, serverCheckpointMs, serverSubmissionWorkers, sessionSecret } =
    await import('../../dist/bootstrap.js');
  const { createUser } = await import('../../dist/services/accounts/users.js');
  const { issueApiToken } = await import('../../dist/services/accounts/api-tokens.js');
  const { createApp } = await import('../../dist/app.js');
  // As src/main.ts starts the server: WAL checkpoints in the background, submissions prepared on worker threads.
  const ctx = await createContext(loadConfig(), {
    backgroundCheckpointMs: serverCheckpointMs,
    submissionWorkers: { count: serverSubmissionWorkers },
  });
  let token = null;
  if (setup) {
    const credentials = { username: 'bench-surveyor', password: 'bench-password-long-enough' };
    await createUser(ctx, { ...credentials, role: 'surveyor' });
    token = (await issueApiToken(ctx, { ...credentials, ip: '127.0.0.1' })).token;
  }
  const app = createApp(ctx, await sessionSecret(ctx));
  return { app, token, close: () => ctx.destroy() };
}

function startBare() {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));
  app.post('/api/v1/responses', (req, res) => {
    res.status(201).json({ id: req.body?.id, status: 'stored' });
  });
  return { app, token: null, close: async () => {} };
}

const { app, token, close } = mode === 'bare' ? startBare() : await startApp(mode === 'app');
const server = app.listen(0, '127.0.0.1', () => {
  process.send?.({ port: server.address().port, token });
});
process.on('message', (message) => {
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  if (message !== 'stop') return;
  server.closeAllConnections();
  server.close(() => {
    void close().then(() => process.exit(0));
  });
});
