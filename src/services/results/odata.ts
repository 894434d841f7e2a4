// The entity model of the OData v4 feed (/odata/v1, for Power BI's and Excel's "OData feed"): the Round entity is the
// data feed's round (feedRounds), the Result entity a row of the results table (resultRows) plus a key, and the CSDL
// document that declares both. The property tables are typed over those shapes, so a new column without a declared
// type does not compile.
import type { FeedRound } from './data-feed.js';
import type { RoundResults } from './round-results.js';
import { resultRows, type resultColumns, type ResultRow } from './table.js';

export type EdmType = 'Edm.String' | 'Edm.Double' | 'Edm.Int64' | 'Edm.Boolean' | 'Edm.Date';
export interface EdmProperty {
  type: EdmType;
  nullable: boolean;
}

export const odataNamespace = 'LangNghe';
export const roundsSet = 'rounds';
export const resultsNavigation = 'results';

const text = (nullable = false): EdmProperty => ({ type: 'Edm.String', nullable });
const double: EdmProperty = { type: 'Edm.Double', nullable: true };
const int: EdmProperty = { type: 'Edm.Int64', nullable: false };

export const roundProperties: Record<keyof FeedRound, EdmProperty> = {
  code: text(),
  label: text(),
  survey: text(),
  version: text(),
  from: { type: 'Edm.Date', nullable: false },
  to: { type: 'Edm.Date', nullable: false },
  scored: { type: 'Edm.Boolean', nullable: false },
  // A data-only round (no scoring) has no results: no links, and its `results` answer 422 survey_not_scored.
  results_csv: text(true),
  results_json: text(true),
  microdata_csv: text(),
};

/** `id`: the row's key within its round (the node, and the breakdown level when `by=` is asked for). */
export const resultProperties: Record<'id' | (typeof resultColumns)[number], EdmProperty> = {
  id: text(),
  round: text(),
  index: text(),
  domain: text(true),
  domain_level: text(true),
  node: text(),
  level: text(),
  label_vi: text(),
  label_en: text(true),
  // Null, never NaN: an estimate that cannot be computed is an empty cell (JSON has no NaN).
  estimate: double,
  se: double,
  ci_low: double,
  ci_high: double,
  interval_method: text(),
  scale_min: double,
  scale_max: double,
  unit: text(),
  decimals: int,
  n: int,
  df: double,
  deff: double,
  n_eff: double,
  cv: double,
  reliability: text(),
  unreliable: { type: 'Edm.Boolean', nullable: false },
  previous: double,
  change: double,
  change_se: double,
  change_df: double,
  change_ci_low: double,
  change_ci_high: double,
  change_significant: { type: 'Edm.Boolean', nullable: true },
  target_kind: text(true),
  target_value: double,
  goal: double,
  gap: double,
  target_status: text(true),
  owner: text(true),
};

export type ResultEntity = { id: string } & ResultRow;

/** The rows of a round's results as entities, each with its key: unique within the round for one `by`. */
export function resultEntities(results: RoundResults): ResultEntity[] {
  return resultRows(results).map((row) => ({
    id: row.domain === null ? String(row.node) : `${row.domain}:${row.domain_level}:${row.node}`,
    ...row,
  }));
}

const xmlEscape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function entityType(name: string, key: string, props: Record<string, EdmProperty>, extra: string[] = []): string[] {
  return [
    `<EntityType Name="${name}">`,
    `<Key><PropertyRef Name="${key}"/></Key>`,
    ...Object.entries(props).map(
      ([p, t]) => `<Property Name="${xmlEscape(p)}" Type="${t.type}" Nullable="${String(t.nullable)}"/>`,
    ),
    ...extra,
    '</EntityType>',
  ];
}

/**
 * The CSDL (XML) of the feed: one entity set of rounds; each round contains its results (ContainsTarget), read as
 * rounds('CODE')/results. Containment keeps a result's key short and needs no entity set computing every round.
 */
export function odataMetadata(): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0">',
    '<edmx:DataServices>',
    `<Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="${odataNamespace}">`,
    ...entityType('Round', 'code', roundProperties, [
      `<NavigationProperty Name="${resultsNavigation}" Type="Collection(${odataNamespace}.Result)" ContainsTarget="true"/>`,
    ]),
    ...entityType('Result', 'id', resultProperties),
    '<EntityContainer Name="Feed">',
    `<EntitySet Name="${roundsSet}" EntityType="${odataNamespace}.Round"/>`,
    '</EntityContainer>',
    '</Schema>',
    '</edmx:DataServices>',
    '</edmx:Edmx>',
    '',
  ].join('\n');
}
