// Which questionnaire versions a surveyor's phone must hold to work offline: only those its households need, so
// that a phone on a village connection downloads no other questionnaire.
const key = (s) => `${s.code}\u0000${s.version}`;

/**
 * The rounds' questionnaires of the assigned households, the one chosen on the phone when an open household has
 * no round (the household list opens that one), and those of the interviews in progress on the device; each once.
 */
export function neededSurveys(assignments, drafts, chosen) {
  const needed = new Map();
  const add = (code, version) => {
    if (code && version) needed.set(key({ code, version }), { code, version });
  };
  for (const a of assignments) add(a.survey, a.surveyVersion);
  if (chosen && assignments.some((a) => !a.survey && a.status === 'open')) add(chosen.code, chosen.version);
  for (const d of drafts) add(d.survey, d.surveyVersion);
  return [...needed.values()];
}
