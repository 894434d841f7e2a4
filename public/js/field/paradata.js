// Paradata collected on the device: time and visits per screen (paused while the page is hidden), the number
// of answers changed after being given, device facts, and a GPS fix only when the surveyor allowed it.
import { localIso } from './local-time.js';

export const APP_VERSION = 'field-2026.11.1';

export class ScreenClock {
  constructor(saved) {
    this.screens = (saved && saved.screens ? saved.screens : []).map((s) => ({ ...s }));
    this.changedAnswers = (saved && saved.changedAnswers) || 0;
    this.current = null;
    this.since = null;
    document.addEventListener('visibilitychange', () => (document.hidden ? this.pause() : this.resume()));
  }

  record(screen) {
    let rec = this.screens.find((s) => s.screen === screen);
    if (!rec) {
      rec = { screen, seconds: 0, visits: 0 };
      this.screens.push(rec);
    }
    return rec;
  }

  enter(screen) {
    this.flush();
    this.current = screen;
    this.record(screen).visits += 1;
    this.since = performance.now();
  }

  /** Adds the time since the last flush to the current screen. */
  flush() {
    if (this.current === null || this.since === null) return;
    const now = performance.now();
    this.record(this.current).seconds += (now - this.since) / 1000;
    this.since = now;
  }

  pause() {
    this.flush();
    this.since = null;
  }

  /** Stops counting without a screen (the closing screen is not part of the questionnaire). */
  leave() {
    this.flush();
    this.current = null;
    this.since = null;
  }

  resume() {
    if (this.current !== null && this.since === null) this.since = performance.now();
  }

  noteChange() {
    this.changedAnswers += 1;
  }

  snapshot() {
    this.flush();
    return { screens: this.screens.map((s) => ({ ...s })), changedAnswers: this.changedAnswers };
  }
}

export function deviceInfo() {
  const platform = (navigator.userAgentData && navigator.userAgentData.platform) || navigator.platform || '';
  return {
    userAgent: navigator.userAgent.slice(0, 400),
    platform: platform.slice(0, 80),
    screenWidth: Math.round(screen.width) || 0,
    screenHeight: Math.round(screen.height) || 0,
    appVersion: APP_VERSION,
  };
}

/** The envelope's paradata, within the server's limits. */
export function envelopeParadata(saved, gps) {
  const screens = saved.screens
    .filter((s) => s.visits > 0)
    .map((s) => ({
      screen: s.screen.slice(0, 80),
      seconds: Math.min(86400, Math.round(s.seconds * 10) / 10),
      visits: Math.min(1000, s.visits),
    }));
  return { screens, changedAnswers: saved.changedAnswers, device: deviceInfo(), ...(gps ? { gps } : {}) };
}

/** One position fix, or null (denied, unavailable, timed out). Never throws. */
export function requestGps() {
  return new Promise((resolve) => {
    if (!navigator.geolocation) return resolve(null);
    navigator.geolocation.getCurrentPosition(
      (p) =>
        resolve({
          lat: Math.round(p.coords.latitude * 1e6) / 1e6,
          lon: Math.round(p.coords.longitude * 1e6) / 1e6,
          accuracy: Math.round(p.coords.accuracy),
          at: localIso(new Date(p.timestamp)),
        }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: 20000, maximumAge: 120000 },
    );
  });
}
