// A short name for the device behind a user agent ("Android 14 · Pixel 7 · Chrome 131"), so an admin can tell a
// surveyor's phones apart at a glance; the full user agent stays available as the cell's title.

const browsers: [RegExp, string][] = [
  [/Edg(?:A|iOS)?\/(\d+)/, 'Edge'],
  [/SamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/(?:Firefox|FxiOS)\/(\d+)/, 'Firefox'],
  [/(?:Chrome|CriOS)\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari/, 'Safari'],
];

function systemOf(ua: string): string | null {
  const android = /Android ([\d.]+)(?:; ([^;)]+))?/.exec(ua);
  if (android) {
    const model = android[2]?.replace(/ Build\/.*$/, '').trim();
    return model && model !== 'K' ? `Android ${android[1]} · ${model}` : `Android ${android[1]}`;
  }
  const ios = /(iPhone|iPad)[^)]*? OS ([\d_]+)/.exec(ua);
  if (ios) return `${ios[1]} · iOS ${ios[2]?.replace(/_/g, '.')}`;
  if (/Windows NT/.test(ua)) return 'Windows';
  if (/Mac OS X/.test(ua)) return 'macOS';
  if (/Linux/.test(ua)) return 'Linux';
  return null;
}

/**
 * @example deviceLabel('Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36')
 * // 'Android 14 · Pixel 7 · Chrome 131'
 */
export function deviceLabel(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const system = systemOf(userAgent);
  const browser = browsers.map(([re, name]) => [re.exec(userAgent), name] as const).find(([m]) => m);
  const parts = [system, browser ? `${browser[1]} ${browser[0]?.[1]}` : null].filter((p): p is string => !!p);
  return parts.length > 0 ? parts.join(' · ') : userAgent.slice(0, 60);
}
