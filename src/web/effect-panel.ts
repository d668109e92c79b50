import type { CountyFlips } from '../serve/preview-edits.ts';
import { api, h, problemList, say, t, type ProblemLine } from './dom.ts';
import { discardEdits, editList, pending } from './pending-edits.ts';

/**
 * The side panel of 规则: the edits' effect (the county verdict before → after, each verdict that flips) or their
 * problems, and the buttons that save them. `rerender` redraws the rules tab after a save or a discard.
 */
export function renderEffect(onSaved: () => Promise<void>, rerender: () => Promise<void>): HTMLElement[] {
  const title = h('h2', { id: 'effect-title' }, t('effect'));
  if (pending.edits.size === 0) return [title, h('p', {}, t('noEdits'))];
  const status = h('div', { class: 'status', role: 'status', id: 'save-status' });
  const hasErrors = (pending.preview?.problems ?? []).some((p) => p.severity === 'error');
  const overlayInput = h('input', {
    id: 'overlay-id',
    type: 'text',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const report = (result: { problems?: ProblemLine[] }, ok: string) => {
    status.replaceChildren(
      result.problems && result.problems.length > 0
        ? problemList(result.problems)
        : h('p', { class: 'ok' }, ok),
    );
  };
  const save = async () => {
    const { status: code, data } = await api<{ written?: string[]; problems?: ProblemLine[] }>('/api/save', {
      edits: editList(),
    });
    if (code === 200) {
      discardEdits();
      await onSaved();
      await rerender();
      document
        .getElementById('effect-title')
        ?.after(
          h(
            'p',
            { class: 'ok', role: 'status', id: 'save-status' },
            t('saved', { files: (data.written ?? []).join('、') }),
          ),
        );
    } else report(data, '');
  };
  const saveOverlay = async () => {
    const { status: code, data } = await api<{
      dir?: string;
      files: string[];
      problems?: ProblemLine[];
      cases?: { run: number; failed: number; uncovered: string[] };
    }>('/api/overlay', { id: overlayInput.value.trim(), edits: editList() });
    if (code === 200 && data.dir) {
      report(
        {},
        `${t('overlaySaved', { dir: data.dir, files: data.files.join('、'), run: data.cases?.run ?? 0, failed: data.cases?.failed ?? 0 })}${data.cases && data.cases.uncovered.length > 0 ? ` ${t('uncovered', { ids: data.cases.uncovered.join(', ') })}` : ''}`,
      );
      await onSaved();
    } else report(data, '');
  };
  const parts: HTMLElement[] = [title, h('p', {}, t('edits', { n: pending.edits.size }))];
  if (pending.preview && hasErrors)
    parts.push(h('p', {}, t('fixFirst')), problemList(pending.preview.problems));
  else if (pending.preview?.counties) parts.push(...pending.preview.counties.map(countyEffect));
  else if (pending.preview) parts.push(h('p', {}, t('noData')));
  parts.push(
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', id: 'save', disabled: hasErrors, onclick: () => void save() }, t('save')),
      h(
        'div',
        { class: 'overlay' },
        h('label', { for: 'overlay-id' }, t('overlayId')),
        overlayInput,
        h(
          'button',
          { type: 'button', id: 'save-overlay', disabled: hasErrors, onclick: () => void saveOverlay() },
          t('saveOverlay'),
        ),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: () => {
            discardEdits();
            void rerender();
          },
        },
        t('discard'),
      ),
    ),
    status,
  );
  return parts;
}

function countyEffect(county: CountyFlips): HTMLElement {
  return h(
    'section',
    { class: 'county-effect' },
    h(
      'p',
      { class: 'county-line' },
      `${county.name} ${t('countyVerdict')}：`,
      h('strong', { class: 'county-from' }, say(county.from)),
      ' → ',
      h('strong', { class: 'county-to' }, say(county.to)),
    ),
    county.why ? h('p', { class: 'why' }, say(county.why)) : null,
    county.flips.length === 0
      ? h('p', {}, t('noFlips'))
      : h(
          'table',
          { class: 'flips' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...(['level', 'subject', 'verdict', 'value'] as const).map((w) =>
                h('th', { scope: 'col' }, t(w)),
              ),
            ),
          ),
          h(
            'tbody',
            {},
            ...county.flips.map((f) =>
              h(
                'tr',
                { 'data-subject': f.subject?.key ?? '' },
                h('td', {}, say(f.level)),
                h('td', {}, say(f.title)),
                h('td', {}, say(f.from), ' → ', h('strong', {}, say(f.to))),
                h('td', {}, f.valueFrom === f.valueTo ? f.valueFrom : `${f.valueFrom} → ${f.valueTo}`),
              ),
            ),
          ),
        ),
  );
}
