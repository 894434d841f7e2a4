// The assigned households as a case list: search and filters (kept for the session, so they survive a trip to an
// interview and back), villages that open and close with their counts, to-do first. A village's cards are built
// only while it is open, and kept until the list changes, so a keystroke re-renders headers and reuses cards.
import { countStates, filterCases, isFiltered, stateOrder, toCases, villageGroups } from './case-state.js';
import { deviceState, h, householdCard } from './household-list.js';
import { formatNumber, t } from './lang.js';

const STORE = 'langnghe.cases';
/** With a filter, villages open by themselves while they add up to this many cards; the rest open on a tap. */
const AUTO_OPEN = 60;

function loadSaved() {
  try {
    return JSON.parse(sessionStorage.getItem(STORE) ?? '{}') ?? {};
  } catch {
    return {};
  }
}

/** "Thôn 1, Xã Hòa Bình": the frame's own names; the district (four-level frames) and the code on a second line. */
export function villageLabel(a) {
  return {
    name: a.communeName ? `${a.villageName}, ${a.communeName}` : a.villageName,
    detail: [a.districtName, a.villageCode].filter(Boolean).join(' · '),
  };
}

function countsLine(counts) {
  const parts = [...stateOrder, ...Object.keys(counts).filter((s) => !stateOrder.includes(s))]
    .filter((s) => counts[s] !== undefined && (counts[s] > 0 || s !== 'returned'))
    .map((s) => h('span', { class: `count count-${s}`, text: t(`cases.count.${s}`, { n: formatNumber(counts[s]) }) }));
  return h('span', { class: 'village-counts' }, ...parts);
}

/** els: { list, search, state, village, reserve, clear, summary }. */
export function createCaseList(els) {
  const saved = loadSaved();
  const filters = { query: '', state: '', village: '', reserve: '', ...(saved.filters ?? {}) };
  // Open or closed as the surveyor chose, by village; choices made while filtering last as long as the filter.
  const chosen = new Map(saved.chosen ?? []);
  let chosenFiltered = new Map();
  let cases = [];
  let ctx = null;
  let cards = new Map();

  const save = () => {
    try {
      sessionStorage.setItem(STORE, JSON.stringify({ filters, chosen: [...chosen] }));
    } catch {
      // A private window may refuse storage: the filters then last as long as the page.
    }
  };

  const cardOf = (c) => {
    if (!cards.has(c.a.id)) cards.set(c.a.id, householdCard(c.a, ctx));
    return cards.get(c.a.id);
  };

  function group(g, open) {
    const label = villageLabel(g.a);
    const bodyId = `cases-${g.key.replace(/[^\w-]/g, '_')}`;
    const toggle = h(
      'button',
      { type: 'button', class: 'village-toggle', 'aria-expanded': String(open), 'aria-controls': bodyId },
      h('span', { class: 'village-name', text: label.name }),
      label.detail ? h('span', { class: 'village-detail', text: label.detail }) : null,
      countsLine(g.counts),
      isFiltered(filters)
        ? h('span', { class: 'village-matches', text: t('cases.matching', { n: formatNumber(g.shown.length) }) })
        : null,
    );
    toggle.addEventListener('click', () => {
      (isFiltered(filters) ? chosenFiltered : chosen).set(g.key, !open);
      save();
      draw();
    });
    const body = h('div', { class: 'village-cases', id: bodyId }, ...(open ? g.shown.map(cardOf) : []));
    return h('section', { class: 'village-group', 'data-village': g.key }, h('h3', { class: 'village' }, toggle), body);
  }

  function fillSelect(select, options, value) {
    select.replaceChildren(...options.map(([v, text]) => new Option(text, v, false, v === value)));
    select.value = value;
  }

  function drawControls(groups) {
    const all = countStates(cases);
    const states = [...stateOrder.filter((s) => s !== 'returned' || all.returned || filters.state === s)];
    fillSelect(
      els.state,
      [
        ['', t('cases.state.all', { n: formatNumber(cases.length) })],
        ...states.map((s) => [s, t(`cases.state.${s}`, { n: formatNumber(all[s] ?? 0) })]),
      ],
      filters.state,
    );
    const villages = [...groups].sort((x, y) => villageLabel(x.a).name.localeCompare(villageLabel(y.a).name, 'vi'));
    fillSelect(
      els.village,
      [['', t('cases.village.all')], ...villages.map((g) => [g.key, villageLabel(g.a).name])],
      filters.village,
    );
    fillSelect(
      els.reserve,
      ['', 'primary', 'reserve'].map((v) => [v, t(`cases.reserve.${v || 'all'}`)]),
      filters.reserve,
    );
    if (els.search.value !== filters.query) els.search.value = filters.query;
    els.search.placeholder = t('cases.searchPlaceholder');
  }

  /** Re-renders the villages from the cases in hand; cards already built are reused. */
  function draw() {
    const filtered = isFiltered(filters);
    const shown = filtered ? filterCases(cases, filters) : cases;
    const groups = villageGroups(cases, shown);
    let budget = AUTO_OPEN;
    const nodes = [];
    groups.forEach((g, i) => {
      if (filtered && g.shown.length === 0) return;
      let open;
      if (filtered) {
        const auto = Boolean(filters.village) || g.shown.length <= budget;
        open = chosenFiltered.get(g.key) ?? auto;
      } else open = chosen.get(g.key) ?? (i === 0 || groups.length === 1);
      if (open) budget = Math.max(0, budget - g.shown.length);
      nodes.push(group(g, open));
    });
    if (cases.length === 0) nodes.push(h('p', { class: 'muted', text: t('home.noAssignments') }));
    else if (nodes.length === 0) nodes.push(h('p', { class: 'muted', text: t('cases.noMatch') }));
    els.list.replaceChildren(...nodes);
    els.summary.textContent = filtered
      ? t('cases.shown', { n: formatNumber(shown.length), total: formatNumber(cases.length) })
      : t('cases.total', { total: formatNumber(cases.length), todo: formatNumber(countStates(cases).todo ?? 0) });
    els.clear.hidden = !filtered;
    return groups;
  }

  function setFilter(change) {
    Object.assign(filters, change);
    chosenFiltered = new Map();
    save();
    draw();
  }

  els.search.addEventListener('input', () => setFilter({ query: els.search.value }));
  els.state.addEventListener('change', () => setFilter({ state: els.state.value }));
  els.village.addEventListener('change', () => setFilter({ village: els.village.value }));
  els.reserve.addEventListener('change', () => setFilter({ reserve: els.reserve.value }));
  els.clear.addEventListener('click', () => {
    setFilter({ query: '', state: '', village: '', reserve: '' });
    drawControls(villageGroups(cases, cases));
  });

  return {
    /** A new list, or a change on the phone (drafts, outbox, outcomes): states and cards are made again. */
    setCases(assignments, context) {
      ctx = context;
      cards = new Map();
      cases = toCases(assignments, (a) => ({
        state: deviceState(a.id, context).state,
        outcome: context.dispositions.find((d) => d.assignmentId === a.id),
      }));
      if (filters.village && !cases.some((c) => c.village === filters.village)) filters.village = '';
      drawControls(draw());
      return cases;
    },
    /** Applies filters as if chosen in the menus (e.g. every reserve still to do). */
    filter(change) {
      setFilter({ query: '', state: '', village: '', reserve: '', ...change });
      drawControls(villageGroups(cases, cases));
    },
    /** Shows one household: searched for by its id in its village, every other filter off. */
    show(a) {
      setFilter({ query: a.householdId, state: '', reserve: '', village: `${a.drawId}:${a.villageCode}` });
      drawControls(villageGroups(cases, cases));
      els.list.querySelector(`[data-assignment="${CSS.escape(a.id)}"]`)?.scrollIntoView({ block: 'center' });
    },
  };
}
