// The field app's household cases without a browser (public/js/field/case-state.js): the state of each household
// as the phone sees it, the search without diacritics, the filters, villages with counts and to-do first, and
// the released reserves the notice names (issue 19, item 2).
import { describe, expect, it } from 'vitest';

interface Assignment {
  id: string;
  drawId: number;
  villageCode: string;
  villageName: string;
  communeName: string | null;
  householdId: string;
  headName: string;
  phone: string | null;
  isReserve: boolean;
  order: number;
  status: string;
  releasedAt?: string | null;
  replaces?: { id: string } | null;
}
interface Local {
  state?: string | null;
  outcome?: { state: string };
}
interface Case {
  a: Assignment;
  state: string;
  village: string;
}
interface Group {
  key: string;
  counts: Record<string, number>;
  shown: Case[];
  all: Case[];
}
interface Filters {
  query: string;
  state: string;
  village: string;
  reserve: string;
}
interface CaseState {
  caseState(a: Assignment, local?: Local): string;
  fold(text: string): string;
  matches(key: unknown, query: string): boolean;
  searchKey(a: Assignment): unknown;
  toCases(list: Assignment[], localOf: (a: Assignment) => Local): Case[];
  filterCases(cases: Case[], f: Filters): Case[];
  isFiltered(f: Filters): boolean;
  villageGroups(cases: Case[], shown: Case[]): Group[];
  releasedReserves(cases: Case[]): Case[];
}

const load = async () =>
  (await import(new URL('../../public/js/field/case-state.js', import.meta.url).href)) as CaseState;

let n = 0;
function household(over: Partial<Assignment> = {}): Assignment {
  n += 1;
  return {
    id: `a${n}`,
    drawId: 1,
    villageCode: 'V1',
    villageName: 'Thôn 1',
    communeName: 'Xã Hòa Bình',
    householdId: `H${String(n).padStart(3, '0')}`,
    headName: `Hộ ${n}`,
    phone: null,
    isReserve: false,
    order: n,
    status: 'open',
    ...over,
  };
}
const none: Filters = { query: '', state: '', village: '', reserve: '' };

describe('caseState', () => {
  it('follows the server, then what the phone holds: sent or waiting is done, a refused outcome is to do', async () => {
    const { caseState } = await load();
    const open = household();
    expect(caseState(open)).toBe('todo');
    expect(caseState(household({ status: 'completed' }))).toBe('done');
    expect(caseState(household({ status: 'nonresponse' }))).toBe('nonresponse');
    expect(caseState(household({ status: 'returned' }))).toBe('returned');
    expect(['draft', 'attention', 'waiting', 'sending', 'sent'].map((state) => caseState(open, { state }))).toEqual([
      'todo',
      'todo',
      'done',
      'done',
      'done',
    ]);
    expect(caseState(open, { outcome: { state: 'waiting' } })).toBe('nonresponse');
    expect(caseState(open, { outcome: { state: 'attention' } })).toBe('todo');
    expect(caseState(household({ status: 'completed' }), { outcome: { state: 'attention' } })).toBe('done');
  });
});

describe('search', () => {
  it('finds names without diacritics, household ids, and phone numbers written with spaces', async () => {
    const { fold, matches, searchKey } = await load();
    expect(fold('Nguyễn Thị Đào')).toBe('nguyen thi dao');
    const key = searchKey(household({ headName: 'Nguyễn Thị Đào', householdId: 'H042', phone: '0912345678' }));
    for (const q of ['nguyen', 'NGUYỄN đào', 'thi dao', 'h042', '042', '0912 345 678', '345678', '  '])
      expect([q, matches(key, q)]).toEqual([q, true]);
    for (const q of ['nguyen van', 'H043', '0913', 'dao x']) expect([q, matches(key, q)]).toEqual([q, false]);
    expect(matches(searchKey(household({ phone: null })), '0912')).toBe(false);
  });
});

describe('filters and villages', () => {
  it('filters by state, village and reserve, and lists villages with work first, to-do households first', async () => {
    const { toCases, filterCases, isFiltered, villageGroups } = await load();
    const done = household({ villageCode: 'V1', status: 'completed', order: 1 });
    const later = household({ villageCode: 'V1', order: 3 });
    const first = household({ villageCode: 'V1', order: 2 });
    const reserve = household({ villageCode: 'V1', isReserve: true, order: 1 });
    const refused = household({ villageCode: 'V1', status: 'nonresponse', order: 4 });
    const finished = household({ villageCode: 'V0', villageName: 'Thôn 0', status: 'completed' });
    const other = household({ villageCode: 'V2', villageName: 'Thôn 2', communeName: 'Xã An Phú' });
    const sentHere = household({ villageCode: 'V2', villageName: 'Thôn 2', communeName: 'Xã An Phú' });
    const cases = toCases([done, later, first, reserve, refused, finished, other, sentHere], (a) => ({
      state: a === sentHere ? 'waiting' : null,
    }));
    const ids = (list: Case[]) => list.map((c) => c.a.id);

    expect(isFiltered(none)).toBe(false);
    expect(isFiltered({ ...none, query: ' ' })).toBe(false);
    expect(ids(filterCases(cases, { ...none, state: 'todo' }))).toEqual(
      ids(cases).filter((id) => [later.id, first.id, reserve.id, other.id].includes(id)),
    );
    expect(ids(filterCases(cases, { ...none, state: 'done' })).sort()).toEqual(
      [done.id, finished.id, sentHere.id].sort(),
    );
    expect(ids(filterCases(cases, { ...none, village: '1:V2' }))).toEqual([other.id, sentHere.id]);
    expect(ids(filterCases(cases, { ...none, reserve: 'reserve' }))).toEqual([reserve.id]);
    expect(filterCases(cases, { ...none, reserve: 'primary' })).toHaveLength(7);

    const groups = villageGroups(cases, cases);
    // Villages with work left first (Xã An Phú before Xã Hòa Bình by name), the finished village last.
    expect(groups.map((g) => g.key)).toEqual(['1:V2', '1:V1', '1:V0']);
    expect(groups[1]?.counts).toEqual({ todo: 3, done: 1, nonresponse: 1 });
    expect(ids(groups[1]?.shown ?? [])).toEqual([first.id, later.id, reserve.id, done.id, refused.id]);
    const onlyTodo = villageGroups(cases, filterCases(cases, { ...none, state: 'todo' }));
    expect(onlyTodo.map((g) => [g.key, g.shown.length, g.all.length])).toEqual([
      ['1:V2', 1, 2],
      ['1:V1', 3, 5],
      ['1:V0', 0, 1],
    ]);
  });

  it('names released reserves still to do, newest release first', async () => {
    const { toCases, releasedReserves } = await load();
    const older = household({ isReserve: true, releasedAt: '2026-06-01T08:00:00Z', replaces: { id: 'x' } });
    const newer = household({ isReserve: true, releasedAt: '2026-06-02T08:00:00Z', replaces: { id: 'y' } });
    const visited = household({
      isReserve: true,
      status: 'completed',
      releasedAt: '2026-06-03T08:00:00Z',
      replaces: { id: 'z' },
    });
    const cases = toCases([older, newer, visited, household()], () => ({}));
    expect(releasedReserves(cases).map((c) => c.a.id)).toEqual([newer.id, older.id]);
  });
});
