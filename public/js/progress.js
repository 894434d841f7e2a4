// Keeps the fieldwork progress page current without a reload: fetches the same figures as JSON every 15 s
// and updates each bar and its numbers in place.
(function () {
  'use strict';
  var tree = document.getElementById('progress-tree');
  var status = document.getElementById('progress-status');
  if (!tree) return;
  var source = tree.getAttribute('data-source');
  var locale = tree.getAttribute('data-lang') === 'en' ? 'en-GB' : 'vi-VN';
  var rateLabel = tree.getAttribute('data-rate-label') || '';

  function figures(n) {
    var text = n.completed + '/' + n.target;
    if (n.responseRate !== null) {
      text +=
        ' · ' +
        rateLabel +
        ' ' +
        (n.responseRate * 100).toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) +
        '%';
    }
    return text;
  }

  function apply(n) {
    var item = tree.querySelector('[data-code="' + n.code + '"]');
    if (item) {
      var fig = item.querySelector('[data-figures]');
      var bar = item.querySelector('progress');
      if (fig) fig.textContent = figures(n);
      if (bar) {
        bar.max = Math.max(n.target, 1);
        bar.value = Math.min(n.completed, n.target);
      }
    }
    n.children.forEach(apply);
  }

  function refresh() {
    fetch(source, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (res) {
        return res.ok ? res.json() : Promise.reject(res.status);
      })
      .then(function (root) {
        apply(root);
        if (status) status.setAttribute('data-updated', new Date().toISOString());
      })
      .catch(function () {
        /* keep the last figures; the next tick tries again */
      });
  }

  setInterval(refresh, 15000);
})();
