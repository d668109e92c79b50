import type { Lang, Text } from '../model/text.ts';
import { WORDS, type Word } from './words.ts';

/** The page's language and the words in it. */
export const page = {
  lang: (new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh') as Lang,
};

/** A word of the page in the current language, `{name}` filled in. */
export function t(word: Word, fill: Record<string, string | number> = {}): string {
  let text: string = WORDS[word][page.lang];
  for (const [key, value] of Object.entries(fill)) text = text.replace(`{${key}}`, String(value));
  return text;
}

/** A text of the rule set (or the engine) in the current language. */
export function say(text: Text | undefined): string {
  return text ? text[page.lang] : '';
}

type Child = Node | string | undefined | null | false;

/** An element with attributes (`on…` are listeners) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | EventListener | undefined> = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child);
  }
  return el;
}

const token = document.querySelector<HTMLMetaElement>('meta[name="junheng-token"]')?.content ?? '';

/** A request to the workbench's own server; changes carry the session's token. */
export async function api<T>(
  path: string,
  body?: unknown,
  raw?: { bytes: ArrayBuffer; name: string },
): Promise<{ status: number; data: T }> {
  const init: RequestInit = { headers: { 'x-junheng-token': token } };
  if (raw) {
    init.method = 'POST';
    init.body = raw.bytes;
    init.headers = {
      'x-junheng-token': token,
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent(raw.name),
    };
  } else if (body instanceof FormData) {
    init.method = 'POST';
    init.body = body;
  } else if (body !== undefined) {
    init.method = 'POST';
    init.body = JSON.stringify(body);
    init.headers = { 'x-junheng-token': token, 'content-type': 'application/json' };
  }
  const response = await fetch(path, init);
  return { status: response.status, data: (await response.json()) as T };
}

/** A problem as the server sends it. */
export interface ProblemLine {
  code: string;
  severity: 'error' | 'warning';
  file?: string;
  line?: number;
  column?: number;
  message: Text;
  said: Text;
}

/** The problems as a list, each the line the command line prints. */
export function problemList(problems: readonly ProblemLine[], label = t('problems')): HTMLElement {
  if (problems.length === 0) return h('p', { class: 'ok' }, t('noProblems'));
  return h(
    'section',
    { class: 'problems', role: 'alert', 'aria-label': label },
    h('h3', {}, label),
    h('ul', {}, ...problems.map((p) => h('li', { class: p.severity }, h('code', {}, say(p.said))))),
  );
}
