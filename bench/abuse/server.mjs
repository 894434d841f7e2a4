// The server side of the abuse bench, run as a child process of run.mjs so that it has its own event loop, as a
// deployed server would: the real app from dist/ as src/main.ts starts it (background checkpoints, submission
// workers, upload workers, session pruning) on the temporary database in DATABASE_PATH, with the demo province
// drawn, a surveyor with an API token, an admin, a kiosk counter with one device token per hostile kiosk body, and
// the public channels: a counter for phones (BENCH-QR), a per-dossier link on it and an invitation link.
// Reports what the client needs over IPC and exits cleanly on "stop".
const { loadConfig } = await import('../../dist/config.js');
const bootstrap = await import('../../dist/bootstrap.js');
const { createContext, serverCheckpointMs, serverSessionPruneMs, serverSubmissionWorkers, sessionSecret } = bootstrap;
const { createUser } = await import('../../dist/services/accounts/users.js');
const { issueApiToken } = await import('../../dist/services/accounts/api-tokens.js');
const { createCounter, issueDeviceToken } = await import('../../dist/services/kiosk/counters.js');
const { seedDemoProvince } = await import('../../dist/services/demo/seed.js');
const { mintRatingLink } = await import('../../dist/services/ratings/rating-links.js');
const { createInvitationRound } = await import('../../dist/services/invitations/rounds.js');
const { createApp } = await import('../../dist/app.js');

const deviceCount = Number(process.argv[2] ?? '8');
const ctx = await createContext(loadConfig(), {
  backgroundCheckpointMs: serverCheckpointMs,
  submissionWorkers: { count: serverSubmissionWorkers },
  sessionPruneMs: serverSessionPruneMs,
  uploadWorkers: {},
});
const actor = { userId: null, label: 'bench', role: 'admin' };
const surveyor = { username: 'bench-surveyor', password: 'bench-password-long-enough' };
const admin = { username: 'bench-admin', password: 'bench-admin-password-long' };
await createUser(ctx, { ...surveyor, role: 'surveyor' });
await createUser(ctx, { ...admin, role: 'admin' });
const { token } = await issueApiToken(ctx, { ...surveyor, ip: '127.0.0.1' });
const demo = await seedDemoProvince(ctx);
const counter = await createCounter(ctx, { code: 'BENCH-1', agency: 'UBND', field: 'Hộ tịch' }, actor);
const deviceTokens = [];
for (let i = 0; i < deviceCount; i += 1) deviceTokens.push(await issueDeviceToken(ctx, counter.id, actor));

// The public channels of issue 22: a counter's QR page, a per-dossier link and an invitation link.
await createCounter(ctx, { code: 'BENCH-QR', agency: 'UBND', field: 'Đất đai', survey: 'kiosk-one-tap' }, actor);
const link = await mintRatingLink(ctx, { counter: 'BENCH-QR', dossierCode: '000.00.12.H56-240315-0001' }, 'bench');
await createInvitationRound(
  ctx,
  { code: 'BENCH-INV', label: 'Bench', survey: 'par-officials' },
  'name,email_or_phone,organisation,role,group\nA,bench@x.vn,S,GĐ,g\n',
  actor,
);
const invitation = (await ctx.db.selectFrom('invitation_participants').select('token').executeTakeFirstOrThrow()).token;

const app = createApp(ctx, await sessionSecret(ctx));
const server = app.listen(0, '127.0.0.1', () => {
  process.send?.({
    port: server.address().port,
    token,
    deviceTokens,
    admin,
    drawId: demo?.drawId ?? null,
    linkToken: link.token,
    invitation,
  });
});
process.on('message', (message) => {
  if (message !== 'stop') return;
  server.closeAllConnections();
  server.close(() => {
    void ctx.destroy().then(() => process.exit(0));
  });
});
