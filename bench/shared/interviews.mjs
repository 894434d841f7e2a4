// What the durability benches (bench/crash, bench/db-outage) send and check: small demo-service interviews, each
// with a unique completedAt (so a stored duplicate shows as two rows with one completedAt), and the comparison of
// what the database holds with what was acknowledged.
import { randomUUID } from 'node:crypto';

/** A factory of interviews completed an hour before `started`, one millisecond apart. */
export function interviewFactory(started = Date.now()) {
  let sequence = 0;
  return () => {
    sequence += 1;
    const completed = new Date(started - 3_600_000 + sequence).toISOString();
    return {
      id: randomUUID(),
      survey: 'demo-service',
      surveyVersion: '1',
      answers: {
        gender: 1 + (sequence % 2),
        birth_year: 1940 + (sequence % 60),
        channels: [1 + (sequence % 3)],
        used_service: 0,
      },
      startedAt: new Date(Date.parse(completed) - 600_000).toISOString(),
      completedAt: completed,
      paradata: {
        changedAnswers: sequence % 7,
        screens: [{ screen: 'intro', seconds: 5 + (sequence % 50), visits: 1 }],
      },
    };
  };
}

/** What the storing side must hold of an acknowledged interview; `hash` is envelope.js's contentHash. */
export function acknowledgement(envelope, hash, status) {
  return {
    hash,
    answers: envelope.answers,
    changed: envelope.paradata.changedAnswers,
    screenSeconds: envelope.paradata.screens[0].seconds,
    status,
  };
}

/** Each stored row with its first screen's seconds, and how many completedAt values appear twice. */
export const storedRowsSql =
  'select r.id, r.answers_json, r.content_hash, r.changed_answers, s.seconds as screen_seconds from responses r left join response_screen_times s on s.response_seq = r.seq and s.position = 0';
export const sameContentSql =
  'select count(*) as n from (select completed_at from responses group by completed_at having count(*) > 1) t';

/** Acknowledged interviews missing from `rows` or stored with other content. */
export function countLost(acked, rows) {
  const stored = new Map(rows.map((r) => [r.id, r]));
  let lost = 0;
  for (const [id, a] of acked) {
    const row = stored.get(id);
    // Stored answers are the validated ones: what was sent plus calculated fields.
    const answers = row ? JSON.parse(row.answers_json) : {};
    const intact =
      row &&
      row.content_hash === a.hash &&
      row.changed_answers === a.changed &&
      row.screen_seconds === a.screenSeconds &&
      Object.entries(a.answers).every(([k, v]) => JSON.stringify(answers[k]) === JSON.stringify(v));
    if (!intact) lost += 1;
  }
  return lost;
}
