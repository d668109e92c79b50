import { api, h, page, say, t } from './dom.ts';
import { renderEvaluateTab, type State } from './evaluate-tab.ts';
import { renderRulesTab } from './rules-tab.ts';
import { renderSourceTab } from './source-tab.ts';
import { renderVersionsTab } from './versions-tab.ts';

const TABS = ['evaluate', 'rules', 'source', 'versions'] as const;
type Tab = (typeof TABS)[number];

let state: State;
let current: Tab = TABS.includes(location.hash.slice(1) as Tab)
  ? (location.hash.slice(1) as Tab)
  : 'evaluate';
const root = document.getElementById('app') as HTMLElement;

async function reloadState(): Promise<void> {
  state = (await api<State>('/api/state')).data;
}

/** The whole page in the current language: header, tab list, the open panel. */
function render(): void {
  document.documentElement.lang = page.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title');
  const panels = new Map<Tab, HTMLElement>();
  const tabs = TABS.map((tab, i) =>
    h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: `tab-${tab}`,
        'aria-controls': `panel-${tab}`,
        'aria-selected': tab === current ? 'true' : 'false',
        tabindex: tab === current ? 0 : -1,
        onclick: () => select(tab),
        onkeydown: (e: Event) => {
          const key = (e as KeyboardEvent).key;
          const step = key === 'ArrowRight' ? 1 : key === 'ArrowLeft' ? -1 : 0;
          if (step === 0) return;
          e.preventDefault();
          const next = TABS[(i + step + TABS.length) % TABS.length] as Tab;
          select(next);
          document.getElementById(`tab-${next}`)?.focus();
        },
      },
      t(tab),
    ),
  );
  for (const tab of TABS)
    panels.set(
      tab,
      h('section', {
        role: 'tabpanel',
        id: `panel-${tab}`,
        'aria-labelledby': `tab-${tab}`,
        hidden: tab !== current,
        tabindex: 0,
      }),
    );
  const langButton = (lang: 'zh' | 'en', label: string) =>
    h(
      'button',
      {
        type: 'button',
        class: 'lang',
        'aria-pressed': page.lang === lang ? 'true' : 'false',
        lang,
        onclick: () => switchLang(lang),
      },
      label,
    );
  root.replaceChildren(
    h(
      'header',
      {},
      h('h1', {}, t('title')),
      h(
        'p',
        { class: 'context' },
        `${t('ruleset')}: `,
        h(
          'strong',
          { id: 'ruleset-id' },
          state.ruleset ? `${state.ruleset.id}（${say(state.ruleset.title)}）` : t('none'),
        ),
      ),
      h(
        'div',
        { class: 'langs', role: 'group', 'aria-label': t('language') },
        langButton('zh', '中文'),
        langButton('en', 'English'),
      ),
    ),
    h('nav', { role: 'tablist', 'aria-label': t('tabs') }, ...tabs),
    h('main', {}, ...panels.values()),
  );
  void fill(current, panels.get(current) as HTMLElement);
  function select(tab: Tab): void {
    current = tab;
    history.replaceState(null, '', `${location.search}#${tab}`);
    render();
  }
}

async function fill(tab: Tab, panel: HTMLElement): Promise<void> {
  if (tab === 'evaluate')
    renderEvaluateTab(panel, state, (next) => {
      state = next;
      render();
    });
  else if (tab === 'rules') await renderRulesTab(panel, reloadState);
  else if (tab === 'source') await renderSourceTab(panel, reloadState);
  else renderVersionsTab(panel, state.rulesets, state.ruleset?.id);
}

function switchLang(lang: 'zh' | 'en'): void {
  page.lang = lang;
  const params = new URLSearchParams(location.search);
  params.set('lang', lang);
  history.replaceState(null, '', `?${params.toString()}${location.hash}`);
  render();
}

// A link or the back button to another tab's address opens that tab.
window.addEventListener('hashchange', () => {
  const tab = location.hash.slice(1) as Tab;
  if (TABS.includes(tab) && tab !== current) {
    current = tab;
    render();
  }
});

await reloadState();
render();
