// The address citizens' phones should open: PUBLIC_URL when set, else the one the admin's browser used.
import type { Request } from 'express';
import type { Config } from '../config.js';

export function publicBase(config: Config, req: Request): string {
  return config.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
