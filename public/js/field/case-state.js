// Households as cases, without the DOM: the state of each household as the surveyor works it (the server's
// status overridden by what this phone holds), the search (name, household id, phone; without diacritics),
// the filters, and the villages with their counts, to-do first. Pure: the list page and its tests share it.

/** The order in which states are listed: what needs work first. A state the server adds later sorts after these. */
export const stateOrder = ['returned', 'todo', 'done', 'nonresponse'];
const serverState = { open: 'todo', completed: 'done', nonresponse: 'nonresponse' };

/**
 * 'todo', 'done', 'nonresponse', or a state the server names itself (e.g. 'returned'). `local` is what the phone
 * holds for the household: its interview's state (draft, waiting, sending, sent, attention) and a pending outcome.
 */
export function caseState(a, local = {}) {
  const fromServer = serverState[a.status] ?? a.status;
  if (fromServer !== 'todo') return fromServer;
  if (local.outcome) return local.outcome.state === 'attention' ? 'todo' : 'nonresponse';
  if (['waiting', 'sending', 'sent'].includes(local.state)) return 'done';
  return 'todo';
}

/** Lowercase, without Vietnamese diacritics (đ as d): "Nguyễn Thị Đào" is found by "nguyen thi dao". */
export function fold(text) {
  return String(text ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

const digits = (text) => String(text ?? '').replace(/\D/g, '');

/** What a query is compared with, computed once per household: name, household id and phone. */
export function searchKey(a) {
  return { text: fold(`${a.headName}\n${a.householdId}\n${a.phone ?? ''}`), phone: digits(a.phone) };
}

/** Every word of the query is somewhere in the name, id or phone; "0912 345 678" also matches as one number. */
export function matches(key, query) {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  if (words.every((w) => key.text.includes(w))) return true;
  const number = digits(query);
  return /^[\d\s.+-]+$/.test(query.trim()) && number.length > 0 && key.phone.includes(number);
}

/** The village a household is listed under: a draw may share village codes with another draw. */
export const villageKey = (a) => `${a.drawId}:${a.villageCode}`;

/** Builds the cases once per list: { a, state, key, village }. */
export function toCases(assignments, localOf) {
  return assignments.map((a) => ({ a, state: caseState(a, localOf(a)), key: searchKey(a), village: villageKey(a) }));
}

/** Filters: query text, state ('' for all), village key ('' for all), reserve ('', 'primary' or 'reserve'). */
export function isFiltered(f) {
  return Boolean(f.query.trim() || f.state || f.village || f.reserve);
}

export function filterCases(cases, f) {
  return cases.filter(
    (c) =>
      (!f.state || c.state === f.state) &&
      (!f.village || c.village === f.village) &&
      (!f.reserve || c.a.isReserve === (f.reserve === 'reserve')) &&
      matches(c.key, f.query),
  );
}

const rank = (state) => {
  const i = stateOrder.indexOf(state);
  return i < 0 ? stateOrder.length : i;
};

/** Within a village: returned and to-do first, then done, then non-response; primaries before reserves, in order. */
export function byWork(x, y) {
  return rank(x.state) - rank(y.state) || Number(x.a.isReserve) - Number(y.a.isReserve) || x.a.order - y.a.order;
}

/** Counts by state, every state present (zeros included for the three the phone always shows). */
export function countStates(cases) {
  const counts = { todo: 0, done: 0, nonresponse: 0 };
  for (const c of cases) counts[c.state] = (counts[c.state] ?? 0) + 1;
  return counts;
}

/**
 * Villages of all cases, each with its counts (of all its households) and its shown cases (those passing the
 * filters, in work order). Villages with work left come first, then by commune and village name.
 */
export function villageGroups(cases, shown) {
  const groups = new Map();
  for (const c of cases) {
    if (!groups.has(c.village)) groups.set(c.village, { key: c.village, a: c.a, all: [], shown: [] });
    groups.get(c.village).all.push(c);
  }
  for (const c of shown) groups.get(c.village).shown.push(c);
  const list = [...groups.values()].map((g) => ({ ...g, counts: countStates(g.all), shown: g.shown.sort(byWork) }));
  const open = (g) => (g.counts.todo ?? 0) + (g.counts.returned ?? 0) > 0;
  const name = (g) => `${g.a.communeName ?? ''}\n${g.a.villageName}`;
  return list.sort((x, y) => Number(open(y)) - Number(open(x)) || name(x).localeCompare(name(y), 'vi'));
}

/** Released reserves still to be visited, newest release first: the phone names each with the household it replaces. */
export function releasedReserves(cases) {
  return cases
    .filter((c) => c.a.isReserve && c.a.replaces && c.state === 'todo')
    .sort((x, y) => String(y.a.releasedAt ?? '').localeCompare(String(x.a.releasedAt ?? '')));
}
