// Table types for Kysely. Timestamps are ISO-8601 UTC text in *_at columns; booleans are 0/1 integers.
import type { Generated, Insertable, Selectable } from 'kysely';

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
}

export interface SessionTable {
  sid: string;
  data_json: string;
  expires_at: string;
}

export interface ApiTokenTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
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

export interface Database {
  survey_definitions: SurveyDefinitionTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditLogTable;
  app_settings: AppSettingTable;
}

export type SurveyDefinitionRow = Selectable<SurveyDefinitionTable>;
export type NewSurveyDefinition = Insertable<SurveyDefinitionTable>;
export type UserRow = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type AuditEntry = Insertable<AuditLogTable>;
export type AuditRow = Selectable<AuditLogTable>;
