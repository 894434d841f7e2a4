// Table types for Kysely. Timestamps are ISO-8601 UTC text in *_at columns; booleans are 0/1 integers.
import type { Generated, Insertable, Selectable } from 'kysely';
import type { ApiKeyTables } from './api-key-schema.js';
import type { PlanTables } from './plan-schema.js';
import type { RateLimitTables } from './rate-limit-schema.js';
import type { RatingTables } from './rating-schema.js';
import type { ResultTables } from './result-schema.js';

export interface SurveyDefinitionTable {
  id: Generated<number>;
  code: string;
  version: string;
  kind: string;
  title_vi: string;
  title_en: string | null;
  definition_json: string;
  content_hash: string;
  loaded_at: string;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
  last_login_at: string | null;
}

export interface SessionTable {
  sid: string;
  data_json: string;
  expires_at: string;
  /** The signed-in account, so its sessions can be ended together; null before sign-in. */
  user_id: number | null;
}

export interface ApiTokenTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  /** The user agent that asked for the token (shown to admins to tell phones apart). */
  device: string | null;
  /** Updated at most once a minute per token. */
  last_used_at: string | null;
}

/** A one-time code that signs a surveyor's phone in (the admin's enrolment QR); stored as its SHA-256 only. */
export interface EnrolmentCodeTable {
  id: Generated<number>;
  code_hash: string;
  user_id: number;
  created_by: number | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  /** The user agent of the phone that used it. */
  used_device: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_user_id: number | null;
  actor_label: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  details_json: string | null;
}

export interface AppSettingTable {
  key: string;
  value: string;
}

export interface FrameTable {
  id: Generated<number>;
  name: string;
  province_code: string;
  content_hash: string;
  imported_at: string;
  imported_by: number | null;
}

export interface FrameUnitTable {
  id: Generated<number>;
  frame_id: number;
  position: number;
  level: string;
  code: string;
  name: string;
  parent_code: string | null;
  population: number;
  is_seat: number;
}

export interface SampleDrawTable {
  id: Generated<number>;
  frame_id: number;
  plan_json: string;
  seed: string;
  created_at: string;
  created_by: number | null;
}

export interface SampleUnitTable {
  id: Generated<number>;
  draw_id: number;
  position: number;
  level: string;
  code: string;
  name: string;
  parent_code: string | null;
  certainty: number;
  pi: number;
  pi_cumulative: number;
}

export interface HouseholdTable {
  id: Generated<number>;
  draw_id: number;
  village_code: string;
  household_key: string;
  eligible_adults: number;
  listed_count: number;
  is_reserve: number;
  selection_order: number;
  probability: number;
  imported_at: string;
}

export interface HouseholdContactTable {
  household_id: number;
  head_name: string;
  address: string;
  phone: string | null;
}

export interface AssignmentTable {
  id: string;
  household_id: number;
  surveyor_user_id: number | null;
  assigned_at: string | null;
  released_at: string | null;
  visits: Generated<number>;
  disposition: string | null;
  disposition_note: string | null;
  disposition_at: string | null;
  disposition_by: number | null;
}

/** A crosswalk from an old frame's units to a newer frame's: one per pair of frames. */
export interface AreaCrosswalkTable {
  id: Generated<number>;
  from_frame_id: number;
  to_frame_id: number;
  created_at: string;
  created_by: number | null;
}

/** One link of a crosswalk: an old unit and one of the new units its territory is now in. */
export interface AreaCrosswalkLinkTable {
  crosswalk_id: number;
  old_code: string;
  new_code: string;
}

/** A supervisor's area: a unit of the frame's first level below the province (a district, or a commune). */
export interface SupervisorAreaTable {
  user_id: number;
  frame_id: number;
  unit_code: string;
}

/** The paradata of an interview, stored as columns of its response (one row each). */
export interface ResponseParadataColumns {
  duration_seconds: number | null;
  changed_answers: number | null;
  user_agent: string | null;
  platform: string | null;
  screen_width: number | null;
  screen_height: number | null;
  app_version: string | null;
  gps_lat: number | null;
  gps_lon: number | null;
  gps_accuracy_m: number | null;
  gps_at: string | null;
  /** How the household's respondent was chosen on the phone: 'kish' or 'nearest_birthday' (null: not recorded). */
  selection_method: string | null;
  /** Eligible adults in the household, as counted at the interview. */
  selection_adults: number | null;
  /** The chosen adult's line in the household's list of eligible adults. */
  selection_line: number | null;
}

export interface ResponseTable extends ResponseParadataColumns {
  /** Arrival order and the key of the response's child rows; the device's UUID `id` is what the API speaks. */
  seq: Generated<number>;
  id: string;
  survey_code: string;
  survey_version: string;
  source: string;
  assignment_id: string | null;
  collected_by: number | null;
  started_at: string | null;
  completed_at: string;
  received_at: string;
  answers_json: string;
  content_hash: string;
  kiosk_counter_id: number | null;
  kiosk_device_id: number | null;
  dossier_code: string | null;
  local_day: string | null;
  /** An invitation answer's participant group (the only thing kept about who answered); null otherwise. */
  respondent_group: string | null;
  /** An invitation answer's round (never its participant); null otherwise. */
  invitation_round_id: number | null;
  /** A kiosk rating's answer to its questionnaire's satisfaction question (satisfactionRule); null otherwise. */
  rating: number | null;
  /** 'none', 'approved', 'has_issues' (returned to the surveyor) or 'rejected' (domain/review/review-status.ts). */
  review_status: Generated<string>;
  /** The current version: 1, then one more for each correction of a returned interview. */
  version: Generated<number>;
}

export type ResponseRow = Selectable<ResponseTable>;
/** A new response: not reviewed, version 1. */
export type NewResponse = Omit<ResponseRow, 'seq' | 'review_status' | 'version'>;

/** Every version of an interview that has had more than one (the response row holds the current one). */
export interface ResponseVersionTable {
  response_seq: number;
  version: number;
  answers_json: string;
  content_hash: string;
  completed_at: string;
  received_at: string;
  submitted_by: number | null;
  /** What the device sent about this version's session (screens, device, GPS), as JSON; null when nothing. */
  paradata_json: string | null;
}

/** A supervisor's decision on one version of an interview. */
export interface ResponseReviewTable {
  id: Generated<number>;
  response_seq: number;
  version: number;
  status: string;
  comment: string | null;
  reviewed_at: string;
  reviewed_by: number | null;
}

/** A review's comment on one question (field) of the interview. */
export interface ResponseReviewCommentTable {
  review_id: number;
  position: number;
  question: string;
  comment: string;
}

export interface ResponseScreenTimeTable {
  response_seq: number;
  position: number;
  screen: string;
  seconds: number;
  visits: number;
}

export interface ResponseConflictTable {
  id: Generated<number>;
  response_id: string;
  received_at: string;
  submitted_by: number | null;
  payload_json: string;
  content_hash: string;
  resolved_at: string | null;
  resolved_by: number | null;
  resolution: string | null;
}

export interface KioskCounterTable {
  id: Generated<number>;
  code: string;
  agency: string;
  field: string;
  location: string | null;
  survey_code: string;
  opens_at: Generated<string>;
  closes_at: Generated<string>;
  created_at: string;
  /** The shared secret of its signed rating links (hex); made with its first link. */
  link_secret: string | null;
}

export interface KioskDeviceTable {
  id: Generated<number>;
  counter_id: number;
  token_hash: string;
  paired_at: string;
  revoked_at: string | null;
  last_seen_at: string | null;
}

export interface KioskPairingCodeTable {
  code_hash: string;
  counter_id: number;
  expires_at: string;
  used_at: string | null;
}

export interface RoundTable {
  id: Generated<number>;
  code: string;
  label: string;
  survey_code: string;
  survey_version: string;
  draw_id: number | null;
  period_start: string;
  period_end: string;
  created_at: string;
  /** 'sample' (the draw's strata, PSUs and weights), 'srs' or 'stratified' (rounds outside a draw). */
  design: Generated<string>;
  /** Population size for the fpc of a simple random sample. */
  design_population: number | null;
  /** The question whose answer is the stratum of a stratified round. */
  design_question: string | null;
  lonely_psu: Generated<string>;
  /** 'none', 'poststratify' or 'raking' to the round's margins. */
  calibration: Generated<string>;
  /** The interval of shares: 'logit' or Korn–Graubard 'beta'. */
  share_interval: Generated<string>;
}

export interface RoundMarginTable {
  round_id: number;
  variable: string;
  level: string;
  total: number;
}

export interface TargetTable {
  id: Generated<number>;
  round_id: number;
  node_code: string;
  kind: string;
  value: number;
  owner: string;
  updated_at: string;
  updated_by: number | null;
}

export interface Database extends ApiKeyTables, PlanTables, RateLimitTables, RatingTables, ResultTables {
  rounds: RoundTable;
  round_margins: RoundMarginTable;
  targets: TargetTable;
  kiosk_counters: KioskCounterTable;
  kiosk_devices: KioskDeviceTable;
  kiosk_pairing_codes: KioskPairingCodeTable;
  responses: ResponseTable;
  response_screen_times: ResponseScreenTimeTable;
  response_conflicts: ResponseConflictTable;
  response_versions: ResponseVersionTable;
  response_reviews: ResponseReviewTable;
  response_review_comments: ResponseReviewCommentTable;
  frames: FrameTable;
  frame_units: FrameUnitTable;
  sample_draws: SampleDrawTable;
  sample_units: SampleUnitTable;
  households: HouseholdTable;
  household_contacts: HouseholdContactTable;
  assignments: AssignmentTable;
  supervisor_areas: SupervisorAreaTable;
  area_crosswalks: AreaCrosswalkTable;
  area_crosswalk_links: AreaCrosswalkLinkTable;
  survey_definitions: SurveyDefinitionTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  enrolment_codes: EnrolmentCodeTable;
  audit_log: AuditLogTable;
  app_settings: AppSettingTable;
}

export type SurveyDefinitionRow = Selectable<SurveyDefinitionTable>;
export type NewSurveyDefinition = Insertable<SurveyDefinitionTable>;
export type UserRow = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type AuditEntry = Insertable<AuditLogTable>;
export type AuditRow = Selectable<AuditLogTable>;
