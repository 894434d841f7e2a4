// Where the time comes from: the system clock in the server and CLI, a controlled one in tests. Its own module so
// that services, the context and the bootstrap can all use it without importing one another.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
