// The response rate of a draw (AAPOR RR1): completes over every sampled household not known to be ineligible.
import { describe, expect, it } from 'vitest';
import { responseRateRR1 } from '../../../src/domain/sampling/index.js';

describe('response rate RR1', () => {
  it('divides completes by completes, eligible non-response and households without an outcome yet', () => {
    const rr = responseRateRR1({ completed: 180, nonresponse: 15, open: 5, ineligible: 4 });
    expect(rr.eligible).toBe(200);
    expect(rr.rate).toBe(0.9);
  });

  it('leaves ineligible households out of the denominator', () => {
    expect(responseRateRR1({ completed: 10, nonresponse: 0, open: 0, ineligible: 90 }).rate).toBe(1);
  });

  it('has no rate before any household is released', () => {
    expect(responseRateRR1({ completed: 0, nonresponse: 0, open: 0, ineligible: 0 }).rate).toBeNull();
    expect(responseRateRR1({ completed: 0, nonresponse: 0, open: 0, ineligible: 3 }).rate).toBeNull();
  });
});
