import { describe, expect, it } from 'vitest';
import { interviewDay, startOfVietnamDay, vietnamTime } from '../../../src/domain/calendar/vietnam-time.js';

describe('interviewDay', () => {
  it("turns at midnight in Vietnam (17:00 UTC), whatever the machine's time zone", () => {
    expect(interviewDay('2026-11-22T16:59:59Z')).toBe('2026-11-22');
    expect(interviewDay('2026-11-22T17:00:00Z')).toBe('2026-11-23');
    expect(interviewDay('2026-11-22T23:59:59.999+07:00')).toBe('2026-11-22');
    expect(interviewDay('2026-11-23T00:00:00+07:00')).toBe('2026-11-23');
  });

  it('reads an offset given by the device, and a Date as well as text', () => {
    expect(interviewDay('2026-11-23T01:30:00+09:00')).toBe('2026-11-22');
    expect(interviewDay(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
  });

  it('agrees with the start of the Vietnamese day', () => {
    const start = startOfVietnamDay('2026-11-23');
    expect(start.toISOString()).toBe('2026-11-22T17:00:00.000Z');
    expect(interviewDay(start)).toBe('2026-11-23');
    expect(interviewDay(new Date(start.getTime() - 1))).toBe('2026-11-22');
    expect(vietnamTime(start).minutes).toBe(0);
  });
});
