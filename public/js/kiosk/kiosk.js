// The kiosk controller: pairing, then a loop of ratings. Each rating starts from a blank screen, ends with a
// thank-you and a full reset; an idle timeout (default 60 s, shown as a countdown) discards a half-finished
// rating. Ratings go through the outbox in queue.js; a heartbeat tells the server the tablet is alive.
(function () {
  'use strict';
  var S = window.KioskScreens;
  var TOKEN_KEY = 'langnghe.kiosk.token';
  var params = new URLSearchParams(location.search);
  var idleSeconds = Math.max(5, Number(params.get('idle')) || 60);
  var thanksSeconds = Math.max(1, Number(params.get('thanks')) || 5);
  var root = document.getElementById('kiosk');
  var countdown = document.getElementById('kiosk-countdown');
  var status = document.getElementById('kiosk-status');
  var langButton = document.getElementById('kiosk-lang');
  var lang = 'vi';
  var text = {
    vi: {
      pairTitle: 'Ghép nối thiết bị',
      pairHelp: 'Nhập mã ghép nối do quản trị viên cấp',
      pair: 'Ghép nối',
      start: 'Mời ông/bà đánh giá sự phục vụ',
      next: 'Tiếp',
      back: 'Quay lại',
      skip: 'Bỏ qua',
      send: 'Gửi đánh giá',
      thanks: 'Cảm ơn ông/bà!',
      thanksSub: 'Ý kiến của ông/bà đã được ghi nhận.',
      reset: 'Tự động làm mới sau',
      seconds: 'giây',
      waiting: 'đánh giá chờ gửi',
      badCode: 'Mã không đúng hoặc đã hết hạn.',
      other: 'English',
    },
    en: {
      pairTitle: 'Pair this device',
      pairHelp: 'Enter the pairing code from the administrator',
      pair: 'Pair',
      start: 'Please rate our service',
      next: 'Next',
      back: 'Back',
      skip: 'Skip',
      send: 'Send rating',
      thanks: 'Thank you!',
      thanksSub: 'Your rating has been recorded.',
      reset: 'Resets in',
      seconds: 's',
      waiting: 'ratings waiting to send',
      badCode: 'Wrong or expired code.',
      other: 'Tiếng Việt',
    },
  };
  var state = {
    token: localStorage.getItem(TOKEN_KEY),
    config: null,
    def: null,
    questionnaire: null,
    rating: null,
    idleTimer: null,
    idleLeft: 0,
  };

  function t(key) {
    return text[lang][key];
  }
  function api(path, options) {
    var headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (state.token) headers.Authorization = 'Bearer ' + state.token;
    return fetch(path, Object.assign({ headers: headers, cache: 'no-store' }, options || {}));
  }
  function clear() {
    while (root.firstChild) root.removeChild(root.firstChild);
  }
  function todayLocal() {
    return new Date(Date.now() + 7 * 3600000).toISOString().slice(0, 10);
  }

  var queue = window.KioskQueue.create(
    function send(envelope) {
      return api('/api/v1/kiosk/ratings', { method: 'POST', body: JSON.stringify(envelope) }).then(
        function (res) {
          if (res.status === 401) {
            forgetDevice();
            return { done: false };
          }
          if (res.status === 429)
            return { done: false, retryAfterMs: 1000 * Number(res.headers.get('Retry-After') || 3) };
          // Any other answer is final for this rating (stored, duplicate, or refused for good): it leaves the tablet.
          return { done: res.status < 500 };
        },
        function () {
          return { done: false };
        },
      );
    },
    function (waiting) {
      status.textContent = waiting > 0 ? waiting + ' ' + t('waiting') : '';
    },
  );

  function forgetDevice() {
    localStorage.removeItem(TOKEN_KEY);
    state.token = null;
    showPairing();
  }

  function showPairing(error) {
    stopIdle();
    clear();
    root.appendChild(S.el('h1', {}, t('pairTitle')));
    root.appendChild(S.el('p', { class: 'kiosk-sub', id: 'pair-help' }, t('pairHelp')));
    var input = S.el('input', {
      class: 'kiosk-input',
      id: 'pair-code',
      'aria-describedby': 'pair-help',
      autocomplete: 'off',
      autocapitalize: 'characters',
    });
    var err = S.el('p', { class: 'kiosk-error', role: 'alert' }, error || '');
    var button = S.el('button', { type: 'button', class: 'kiosk-button', id: 'pair-submit' }, t('pair'));
    button.addEventListener('click', function () {
      button.disabled = true;
      fetch('/api/v1/kiosk/pair', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ code: input.value }),
      })
        .then(function (res) {
          return res.ok ? res.json() : Promise.reject(res.status);
        })
        .then(function (body) {
          localStorage.setItem(TOKEN_KEY, body.token);
          state.token = body.token;
          boot();
        })
        .catch(function () {
          showPairing(t('badCode'));
        });
    });
    root.appendChild(input);
    root.appendChild(button);
    root.appendChild(err);
    input.focus();
  }

  function boot() {
    api('/api/v1/kiosk/config')
      .then(function (res) {
        if (res.status === 401) return forgetDevice();
        if (!res.ok) throw new Error('config ' + res.status);
        return res
          .json()
          .then(function (config) {
            state.config = config;
            return fetch(
              '/api/v1/surveys/' +
                encodeURIComponent(config.survey) +
                '?version=' +
                encodeURIComponent(config.surveyVersion),
            ).then(function (r) {
              return r.json();
            });
          })
          .then(function (def) {
            state.def = def;
            state.questionnaire = window.LangNgheRules.compileDefinition(def).questionnaire;
            startRating();
            heartbeat();
            queue.flush();
          });
      })
      .catch(function () {
        setTimeout(boot, 5000);
      });
  }

  function heartbeat() {
    if (state.token)
      api('/api/v1/kiosk/heartbeat', { method: 'POST' }).catch(function () {
        /* next minute */
      });
  }

  /** A fresh rating: no trace of the previous person's answers is kept anywhere. */
  function startRating() {
    stopIdle();
    state.rating = { id: crypto.randomUUID(), answers: {}, screen: 0, startedAt: null };
    renderScreen();
  }

  function renderScreen() {
    clear();
    var sections = state.def.sections;
    var section = sections[state.rating.screen];
    var title = state.rating.screen === 0 ? t('start') : S.label(section.title, lang);
    root.appendChild(S.el('h1', {}, title));
    var bar = S.el('div', { class: 'kiosk-progress', 'aria-hidden': 'true' });
    var fill = S.el('span', { style: 'width:' + Math.round((100 * state.rating.screen) / sections.length) + '%' });
    bar.appendChild(fill);
    root.appendChild(bar);
    var err = S.el('p', { class: 'kiosk-error', role: 'alert' });
    section.questions.forEach(function (q) {
      root.appendChild(
        S.renderQuestion(state.def, q, state.rating.answers, lang, function () {
          touched();
          err.textContent = '';
        }),
      );
    });
    root.appendChild(err);
    var nav = S.el('div', { class: 'kiosk-nav' });
    if (state.rating.screen > 0) {
      var back = S.el('button', { type: 'button', class: 'kiosk-button secondary' }, t('back'));
      back.addEventListener('click', function () {
        touched();
        state.rating.screen -= 1;
        renderScreen();
      });
      nav.appendChild(back);
    } else nav.appendChild(S.el('span'));
    var last = state.rating.screen === sections.length - 1;
    var next = S.el(
      'button',
      { type: 'button', class: 'kiosk-button', id: 'kiosk-next' },
      last ? t('send') : t('next'),
    );
    next.addEventListener('click', function () {
      var errors = S.screenErrors(state.questionnaire, section, state.rating.answers, todayLocal(), lang);
      if (errors.length > 0) {
        err.textContent = errors[0].message;
        return;
      }
      if (last) {
        next.disabled = true;
        submit();
        return;
      }
      touched();
      state.rating.screen += 1;
      renderScreen();
    });
    nav.appendChild(next);
    root.appendChild(nav);
  }

  function submit() {
    var answers = {};
    Object.keys(state.rating.answers).forEach(function (k) {
      var v = state.rating.answers[k];
      if (v !== '' && v !== undefined) answers[k] = v;
    });
    var envelope = {
      id: state.rating.id,
      survey: state.config.survey,
      surveyVersion: state.config.surveyVersion,
      answers: answers,
      completedAt: new Date().toISOString(),
    };
    if (state.rating.startedAt) envelope.startedAt = state.rating.startedAt;
    queue.add(envelope);
    state.rating = null;
    stopIdle();
    clear();
    root.appendChild(S.el('p', { class: 'kiosk-thanks', role: 'status' }, t('thanks')));
    root.appendChild(S.el('p', { class: 'kiosk-sub' }, t('thanksSub')));
    setTimeout(startRating, thanksSeconds * 1000);
  }

  function touched() {
    if (!state.rating) return;
    if (!state.rating.startedAt) state.rating.startedAt = new Date().toISOString();
    state.idleLeft = idleSeconds;
    showCountdown();
    if (!state.idleTimer) state.idleTimer = setInterval(tick, 1000);
  }
  function tick() {
    state.idleLeft -= 1;
    if (state.idleLeft <= 0) {
      startRating();
      return;
    }
    showCountdown();
  }
  function showCountdown() {
    countdown.textContent = t('reset') + ' ' + state.idleLeft + ' ' + t('seconds');
  }
  function stopIdle() {
    clearInterval(state.idleTimer);
    state.idleTimer = null;
    countdown.textContent = '';
  }

  langButton.addEventListener('click', function () {
    lang = lang === 'vi' ? 'en' : 'vi';
    document.documentElement.lang = lang;
    langButton.textContent = t('other');
    if (state.rating) renderScreen();
    else if (!state.token) showPairing();
  });

  setInterval(heartbeat, 60000);
  if (state.token) boot();
  else showPairing();
})();
