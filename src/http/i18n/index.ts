// Language choice and formatting for people: Vietnamese first, numbers as Vietnamese write them (81,62%).
import type { Lang } from '../../domain/errors.js';
import { messages, type MessageKey } from './messages.js';

export type { Lang };
export type Translate = (key: MessageKey) => string;

export function translator(lang: Lang): Translate {
  return (key) => messages[lang][key];
}

export function parseLang(value: unknown): Lang | null {
  return value === 'vi' || value === 'en' ? value : null;
}

/** Formats a number for display: Vietnamese uses a comma for decimals and a dot for thousands. */
export function formatNumber(value: number, lang: Lang, digits = 2): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

export function formatPercent(fraction: number, lang: Lang, digits = 2): string {
  return `${formatNumber(fraction * 100, lang, digits)}%`;
}

export function pickLabel(label: { vi: string; en?: string | undefined } | null | undefined, lang: Lang): string {
  if (!label) return '';
  return lang === 'en' ? (label.en ?? label.vi) : label.vi;
}

/** An ISO instant as Vietnam's wall-clock time, 'YYYY-MM-DD HH:MM' (UTC+7 all year), or '–' for none. */
export function formatVietnamTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  const local = new Date(new Date(iso).getTime() + 7 * 3_600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}
