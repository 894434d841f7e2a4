// Fills a database with kiosk counter ratings for the kiosk results bench: `ratings` ratings spread evenly over
// `days` local days ending on `lastDay`, across `counters` counters (half KIOSK3 one-tap, half the one-stop form),
// written straight into SQLite in large transactions (the bench measures reading them, not storing them), each
// with its `rating` column as the kiosk API stores it (the answer to the satisfaction question, `overall`).
// kioskRatingRows gives the same rows for another engine's writer (run.mjs --engine postgres).
import Database from 'better-sqlite3';

/** The i-th rating of `ratings` as the row values of the insert below (after the counter's id is known). */
export function kioskRatingRow(i, { ratings, days, counters, lastDay, surveys }) {
  const end = Date.parse(`${lastDay}T00:00:00Z`);
  const c = i % counters;
  const s = surveys[c % surveys.length];
  const day = new Date(end - Math.floor((i * days) / ratings) * 86_400_000).toISOString().slice(0, 10);
  const at = `${day}T03:${String(i % 60).padStart(2, '0')}:00.000Z`;
  const answers = s.answers(i);
  const rating = JSON.parse(answers).overall ?? null;
  return {
    id: `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    survey: s.code,
    version: s.version,
    at,
    answers,
    counter: c,
    day,
    rating: typeof rating === 'number' ? rating : null,
  };
}

/** The counters' codes, agencies, fields and questionnaires, in the order kioskRatingRow numbers them. */
export const kioskCounters = (counters, surveys) =>
  Array.from({ length: counters }, (_, c) => ({
    code: `Q${String(c).padStart(3, '0')}`,
    agency: `Agency ${c % 7}`,
    field: `field-${c % 5}`,
    survey: surveys[c % surveys.length].code,
  }));

export function fillKioskRatings(dbPath, { ratings, days, counters, lastDay, surveys }) {
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const addCounter = db.prepare(
    `insert into kiosk_counters (code, agency, field, location, survey_code, created_at) values (?, ?, ?, null, ?, '2026-01-01T00:00:00Z')`,
  );
  const ids = [];
  db.transaction(() => {
    for (const k of kioskCounters(counters, surveys))
      ids.push(Number(addCounter.run(k.code, k.agency, k.field, k.survey).lastInsertRowid));
  })();
  const insert = db.prepare(`insert into responses (id, survey_code, survey_version, source, completed_at, received_at,
    answers_json, content_hash, kiosk_counter_id, local_day, rating) values (?, ?, ?, 'kiosk', ?, ?, ?, 'bench', ?, ?, ?)`);
  const spec = { ratings, days, counters, lastDay, surveys };
  const fill = db.transaction((from, to) => {
    for (let i = from; i < to; i += 1) {
      const r = kioskRatingRow(i, spec);
      insert.run(r.id, r.survey, r.version, r.at, r.at, r.answers, ids[r.counter], r.day, r.rating);
    }
  });
  for (let i = 0; i < ratings; i += 100_000) fill(i, Math.min(ratings, i + 100_000));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
