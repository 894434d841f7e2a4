// The explicit, ordered list of migrations. New migrations are appended here with a timestamped name.
import type { Migration, MigrationProvider } from 'kysely';
import * as foundation from './20261123T1200-foundation.js';
import * as sampling from './20261123T1300-sampling.js';
import * as responses from './20261123T1400-responses.js';
import * as kiosk from './20261123T1500-kiosk.js';
import * as results from './20261123T1600-results.js';
import * as responsePages from './20261123T1700-response-pages.js';
import * as responseSequence from './20261201T2200-response-sequence.js';
import * as roundDesign from './20261205T2300-round-design.js';
import * as roundCalibration from './20261206T0000-round-calibration.js';
import * as accountLifeCycle from './20261206T0100-account-life-cycle.js';
import * as supervisorAreas from './20261206T0200-supervisor-areas.js';
import * as areaCrosswalk from './20261206T0300-area-crosswalk.js';
import * as interviewReview from './20261206T1000-interview-review.js';
import * as enrolmentCodes from './20261206T1100-enrolment-codes.js';
import * as respondentSelection from './20261206T1200-respondent-selection.js';
import * as roundShareInterval from './20261206T1300-round-share-interval.js';
import * as plans from './20261206T1400-plans.js';
import * as resultsSpeed from './20261207T0200-results-speed.js';
import * as rateLimits from './20261207T0300-rate-limits.js';
import * as readTimeWeights from './20261207T0400-read-time-weights.js';
import * as citizenRatings from './20261207T0500-citizen-ratings.js';
import * as invitationResponseRound from './20261208T0400-invitation-response-round.js';
import * as apiKeys from './20261208T0500-api-keys.js';

const migrations: Record<string, Migration> = {
  '20261123T1200-foundation': foundation,
  '20261123T1300-sampling': sampling,
  '20261123T1400-responses': responses,
  '20261123T1500-kiosk': kiosk,
  '20261123T1600-results': results,
  '20261123T1700-response-pages': responsePages,
  '20261201T2200-response-sequence': responseSequence,
  '20261205T2300-round-design': roundDesign,
  '20261206T0000-round-calibration': roundCalibration,
  '20261206T0100-account-life-cycle': accountLifeCycle,
  '20261206T0200-supervisor-areas': supervisorAreas,
  '20261206T0300-area-crosswalk': areaCrosswalk,
  '20261206T1000-interview-review': interviewReview,
  '20261206T1100-enrolment-codes': enrolmentCodes,
  '20261206T1200-respondent-selection': respondentSelection,
  '20261206T1300-round-share-interval': roundShareInterval,
  '20261206T1400-plans': plans,
  '20261207T0200-results-speed': resultsSpeed,
  '20261207T0300-rate-limits': rateLimits,
  '20261207T0400-read-time-weights': readTimeWeights,
  '20261207T0500-citizen-ratings': citizenRatings,
  '20261208T0400-invitation-response-round': invitationResponseRound,
  '20261208T0500-api-keys': apiKeys,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
