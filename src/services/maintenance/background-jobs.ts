// Periodic jobs (session pruning, and whatever else a deployment must do once rather than once per process) run in
// one process of the deployment: the holder of the leader lock (src/db/leader-lock.ts). Every process keeps trying
// to take the lock, so when the holder dies another takes over within `pollMs`.
import type { AppContext } from '../../context.js';
import { openLeaderLock } from '../../db/leader-lock.js';

export interface BackgroundJob {
  name: string;
  everyMs: number;
  /** The work of one run; what it resolves to (a count) goes into the debug log. */
  run(ctx: AppContext): Promise<unknown>;
}

export interface BackgroundJobs {
  stop(): Promise<void>;
}

/** How often a process that does not run the jobs tries to take them over. */
export const leaderPollMs = 2000;

export function startBackgroundJobs(
  ctx: AppContext,
  jobs: BackgroundJob[],
  opts: { pollMs?: number } = {},
): BackgroundJobs {
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  let leading = false;
  const stopJobs = (): void => {
    leading = false;
    for (const t of timers.splice(0)) clearInterval(t);
  };
  const lock = openLeaderLock(ctx.db, 'background-jobs', () => {
    stopJobs();
    ctx.logger.warn('background jobs: lost the leader lock; another process may take them over', { pid: process.pid });
  });
  const runJob = (job: BackgroundJob): void => {
    job.run(ctx).then(
      (result) => ctx.logger.debug('background job ran', { job: job.name, result }),
      (err: unknown) =>
        ctx.logger.warn('background job failed', { job: job.name, error: String((err as Error)?.message ?? err) }),
    );
  };
  const startJobs = (): void => {
    leading = true;
    ctx.logger.info('background jobs run in this process', { jobs: jobs.map((j) => j.name) });
    for (const job of jobs) {
      runJob(job);
      const timer = setInterval(() => runJob(job), job.everyMs);
      timer.unref();
      timers.push(timer);
    }
  };
  const poll = async (): Promise<void> => {
    if (stopped) return;
    const held = await lock.acquire();
    if (stopped) return;
    if (held && !leading) startJobs();
  };
  void poll();
  const poller = setInterval(() => void poll(), opts.pollMs ?? leaderPollMs);
  poller.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(poller);
      stopJobs();
      await lock.release();
    },
  };
}
