// Kiosk outbox: a rating waits in localStorage only until the server has answered for it (stored, duplicate or
// a final refusal); short outages are survived by retrying with exponential backoff and jitter.
(function () {
  'use strict';
  var KEY = 'langnghe.kiosk.queue';

  function read() {
    try {
      return JSON.parse(localStorage.getItem(KEY) || '[]');
    } catch {
      return [];
    }
  }
  function write(items) {
    if (items.length === 0) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, JSON.stringify(items));
  }

  function backoff(attempt) {
    var base = Math.min(60000, 2000 * Math.pow(2, attempt));
    return base / 2 + (Math.random() * base) / 2;
  }

  function createQueue(send, onChange) {
    var busy = false;
    var timer = null;

    function schedule(ms) {
      clearTimeout(timer);
      timer = setTimeout(flush, ms);
    }

    function flush() {
      if (busy) return;
      var items = read();
      var now = Date.now();
      var next = items.find(function (i) {
        return i.nextAt <= now;
      });
      if (!next) {
        if (items.length > 0)
          schedule(
            Math.max(
              500,
              Math.min.apply(
                null,
                items.map(function (i) {
                  return i.nextAt;
                }),
              ) - now,
            ),
          );
        onChange(items.length);
        return;
      }
      busy = true;
      send(next.envelope)
        .then(function (result) {
          var left = read();
          if (result.done) {
            left = left.filter(function (i) {
              return i.envelope.id !== next.envelope.id;
            });
          } else {
            left.forEach(function (i) {
              if (i.envelope.id !== next.envelope.id) return;
              i.attempts += 1;
              i.nextAt = Date.now() + (result.retryAfterMs || backoff(i.attempts));
            });
          }
          write(left);
        })
        .finally(function () {
          busy = false;
          onChange(read().length);
          schedule(read().length > 0 ? 250 : 30000);
        });
    }

    window.addEventListener('online', function () {
      var items = read();
      items.forEach(function (i) {
        i.nextAt = 0;
      });
      write(items);
      flush();
    });

    return {
      add: function (envelope) {
        var items = read();
        if (
          !items.some(function (i) {
            return i.envelope.id === envelope.id;
          })
        )
          items.push({ envelope: envelope, attempts: 0, nextAt: 0 });
        write(items);
        flush();
      },
      size: function () {
        return read().length;
      },
      flush: flush,
    };
  }

  window.KioskQueue = { create: createQueue };
})();
