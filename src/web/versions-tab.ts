import { api, h, problemList, say, t, type ProblemLine } from './dom.ts';

/** 版本: the diff of two rule sets and what it does to the current dataset, in the words of `diff` and `compare`. */
export function renderVersionsTab(panel: HTMLElement, rulesets: string[], current: string | undefined): void {
  const choose = (id: string, word: 'compareA' | 'compareB', selected: string | undefined) =>
    h(
      'div',
      { class: 'field' },
      h('label', { for: id }, t(word)),
      h('select', { id }, ...rulesets.map((r) => h('option', { value: r, selected: r === selected }, r))),
    );
  const a = choose('version-a', 'compareA', rulesets.find((r) => r !== current) ?? current);
  const b = choose('version-b', 'compareB', current);
  const out = h('div', { class: 'versions-out', 'aria-live': 'polite' });
  const run = async () => {
    out.replaceChildren(h('p', { role: 'status' }, t('working')));
    const left = (a.querySelector('select') as HTMLSelectElement).value;
    const right = (b.querySelector('select') as HTMLSelectElement).value;
    const { data } = await api<{
      problems: ProblemLine[];
      diff?: { zh: string; en: string };
      comparison?: { zh: string; en: string };
    }>(`/api/versions?a=${encodeURIComponent(left)}&b=${encodeURIComponent(right)}`);
    out.replaceChildren(
      ...(data.problems.length > 0 ? [problemList(data.problems)] : []),
      ...(data.diff
        ? [h('h3', {}, t('diff')), h('pre', { id: 'diff-text', tabindex: 0 }, say(data.diff))]
        : []),
      ...(data.comparison
        ? [
            h('h3', {}, t('comparison')),
            h('pre', { id: 'comparison-text', tabindex: 0 }, say(data.comparison)),
          ]
        : []),
    );
  };
  panel.replaceChildren(
    h(
      'div',
      { class: 'versions-bar' },
      a,
      b,
      h('button', { type: 'button', id: 'compare', onclick: () => void run() }, t('compare')),
    ),
    out,
  );
}
