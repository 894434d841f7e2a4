// Fills a database with kiosk counter ratings for the kiosk results bench: `ratings` ratings spread evenly over
// `days` local days ending on `lastDay`, across `counters` counters (half KIOSK3 one-tap, half the one-stop form),
// written straight into SQLite in large transactions (the bench measures reading them, not storing them), each
// with its `rating` column as the kiosk API stores it (the answer to the satisfaction question, `overall`).
import Database from 'better-sqlite3';

export function fillKioskRatings(dbPath, { ratings, days, counters, lastDay, surveys }) {
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const addCounter = db.prepare(
    `insert into kiosk_counters (code, agency, field, location, survey_code, created_at) values (?, ?, ?, null, ?, '2026-01-01T00:00:00Z')`,
  );
  const ids = [];
  db.transaction(() => {
    for (let c = 0; c < counters; c += 1) {
      const s = surveys[c % surveys.length];
      ids.push(
        Number(
          addCounter.run(`Q${String(c).padStart(3, '0')}`, `Agency ${c % 7}`, `field-${c % 5}`, s.code).lastInsertRowid,
        ),
      );
    }
  })();
  const insert = db.prepare(`insert into responses (id, survey_code, survey_version, source, completed_at, received_at,
    answers_json, content_hash, kiosk_counter_id, local_day, rating) values (?, ?, ?, 'kiosk', ?, ?, ?, 'bench', ?, ?, ?)`);
  const end = Date.parse(`${lastDay}T00:00:00Z`);
  const dayOf = (d) => new Date(end - d * 86_400_000).toISOString().slice(0, 10);
  const fill = db.transaction((from, to) => {
    for (let i = from; i < to; i += 1) {
      const c = i % counters;
      const s = surveys[c % surveys.length];
      const day = dayOf(Math.floor((i * days) / ratings));
      const at = `${day}T03:${String(i % 60).padStart(2, '0')}:00.000Z`;
      const answers = s.answers(i);
      const rating = JSON.parse(answers).overall ?? null;
      insert.run(
        `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        s.code,
        s.version,
        at,
        at,
        answers,
        ids[c],
        day,
        typeof rating === 'number' ? rating : null,
      );
    }
  });
  for (let i = 0; i < ratings; i += 100_000) fill(i, Math.min(ratings, i + 100_000));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
