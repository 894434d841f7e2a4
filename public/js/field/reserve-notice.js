// The notice above the household list that names the reserve households released after a non-response and still to
// be visited, each with the household it replaces. Short whatever their number: the newest are named, "show" finds
// them in the list, "got it" hides the notice until another reserve is released.
import { h, replacesText } from './household-list.js';
import { formatNumber, t } from './lang.js';
import { villageLabel } from './case-list.js';

/** Up to two notices are named; with more, the newest is named and the others counted. */
const named = (count) => (count <= 2 ? count : 1);

/** `reserves`: cases from releasedReserves(), newest first; `seen`: ids the surveyor already acknowledged. */
export function renderReserveNotices(container, reserves, seen, { onShow, onShowAll, onDismiss }) {
  const fresh = reserves.filter((c) => !seen.includes(c.a.id)).map((c) => c.a);
  container.hidden = fresh.length === 0;
  if (fresh.length === 0) return container.replaceChildren();
  const items = fresh.slice(0, named(fresh.length)).map((a) => {
    const name = h('button', {
      type: 'button',
      class: 'link',
      'data-show-reserve': a.id,
      text: `${a.headName} (${a.householdId}), ${villageLabel(a).name}`,
    });
    name.addEventListener('click', () => onShow(a));
    return h('li', {}, name, h('span', { class: 'small', text: replacesText(a.replaces) }));
  });
  const more = fresh.length - named(fresh.length);
  const showAll =
    fresh.length > 1 ? h('button', { type: 'button', class: 'button', text: t('cases.noticeShowAll') }) : null;
  const dismiss = h('button', { type: 'button', class: 'button', text: t('cases.noticeDismiss') });
  showAll?.addEventListener('click', onShowAll);
  dismiss.addEventListener('click', () => onDismiss(fresh.map((a) => a.id)));
  container.replaceChildren(
    h(
      'div',
      { class: 'notice reserve-notice', role: 'status' },
      h('p', {
        class: 'notice-title',
        text:
          fresh.length === 1
            ? t('cases.noticeOne', { n: formatNumber(fresh[0].order) })
            : t('cases.noticeMany', { n: formatNumber(fresh.length) }),
      }),
      h('ul', {}, ...items),
      more > 0 ? h('p', { class: 'small', text: t('cases.noticeMore', { n: formatNumber(more) }) }) : null,
      h('div', { class: 'button-row' }, showAll, dismiss),
    ),
  );
}
