// The home's two tabs, households and outbox; the outbox's is kept in the address (#outbox), so a reload stays on it.
const $ = (id) => document.getElementById(id);

export function selectTab(name, focus = false) {
  for (const tab of ['cases', 'outbox']) {
    const selected = tab === name;
    $(`tab-${tab}`).setAttribute('aria-selected', String(selected));
    $(`tab-${tab}`).tabIndex = selected ? 0 : -1;
    $(`panel-${tab}`).hidden = !selected;
  }
  history.replaceState(null, '', name === 'outbox' ? '#outbox' : location.pathname + location.search);
  if (focus) $(`tab-${name}`).focus();
}

/** Click or arrow keys switch tabs (the ARIA tabs pattern); the address decides the first one shown. */
export function bindTabs() {
  $('tab-cases').addEventListener('click', () => selectTab('cases'));
  $('tab-outbox').addEventListener('click', () => selectTab('outbox'));
  for (const tab of ['cases', 'outbox'])
    $(`tab-${tab}`).addEventListener('keydown', (e) => {
      if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') selectTab(tab === 'cases' ? 'outbox' : 'cases', true);
    });
  selectTab(location.hash === '#outbox' ? 'outbox' : 'cases');
}
