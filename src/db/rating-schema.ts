// Table types of the citizen rating channels (counter QR codes, per-dossier signed links) and service tokens.
import type { Generated } from 'kysely';

/** One rating per device (its signed cookie's hash) per counter per local day. */
export interface RatingDeviceDayTable {
  counter_id: number;
  local_day: string;
  device_hash: string;
  response_id: string;
}

/** One rating per dossier per counter, whichever channel (qr or link) brought it. */
export interface RatingDossierTable {
  counter_id: number;
  dossier_code: string;
  response_id: string;
  channel: string;
  rated_at: string;
}

export interface RatingLinkTable {
  id: Generated<number>;
  token_hash: string;
  counter_id: number;
  dossier_code: string;
  issued_at: string;
  expires_at: string;
  minted_by: string;
  used_at: string | null;
  response_id: string | null;
}

export interface RatingHoldTable {
  response_id: string;
  counter_id: number;
  held_at: string;
  status: Generated<string>;
  decided_at: string | null;
  decided_by: number | null;
}

export interface ServiceTokenTable {
  id: Generated<number>;
  name: string;
  token_hash: string;
  scope: string;
  created_at: string;
  revoked_at: string | null;
}

export interface InvitationRoundTable {
  id: Generated<number>;
  code: string;
  label: string;
  survey_code: string;
  survey_version: string;
  created_at: string;
}

export interface InvitationParticipantTable {
  id: Generated<number>;
  round_id: number;
  name: string;
  contact: string;
  organisation: string;
  role: string;
  grp: string;
  token: string;
  draft_json: string | null;
  draft_saved_at: string | null;
  /** The local day it submitted: never the instant, so it cannot be matched to a response by time. */
  submitted_day: string | null;
}

export interface RatingTables {
  invitation_rounds: InvitationRoundTable;
  invitation_participants: InvitationParticipantTable;
  rating_device_days: RatingDeviceDayTable;
  rating_dossiers: RatingDossierTable;
  rating_links: RatingLinkTable;
  rating_holds: RatingHoldTable;
  service_tokens: ServiceTokenTable;
}
