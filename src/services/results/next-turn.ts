// Long analyst work (reading a round, streaming a download) gives the event loop a turn between slices, so the
// phones, kiosks and /healthz served by the same thread wait one slice at most, never the whole job.

/** Resolves after the I/O that is waiting has been served (setImmediate runs after the poll phase). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
