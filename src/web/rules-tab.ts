import type { RuleTable, ThresholdField } from '../serve/rule-table.ts';
import { api, h, problemList, say, t, type ProblemLine } from './dom.ts';
import { renderEffect } from './effect-panel.ts';
import { editList, pending, type PreviewView } from './pending-edits.ts';

const edits = pending.edits;
let timer: ReturnType<typeof setTimeout> | undefined;
let sequence = 0;

function percent(share: number): string {
  return `${Number((share * 100).toPrecision(6))}%`;
}

/** 规则: the rule set as a table, each threshold a field; beside it, live, the verdicts the edits flip. */
export async function renderRulesTab(panel: HTMLElement, onSaved: () => Promise<void>): Promise<void> {
  const { status, data } = await api<RuleTable & { problems?: ProblemLine[] }>('/api/rules');
  if (status !== 200) {
    panel.replaceChildren(problemList(data.problems ?? []));
    return;
  }
  const effect = h('section', { class: 'effect', 'aria-labelledby': 'effect-title', 'aria-live': 'polite' });
  const messages = new Map<string, HTMLElement>();
  const inputs = new Map<string, HTMLInputElement>();
  const field = (f: ThresholdField, owner: string): HTMLElement => {
    const id = `f-${inputs.size}`;
    const message = h('div', { class: 'field-message', id: `${id}-msg` });
    const input = h('input', {
      id,
      type: 'text',
      class: 'threshold',
      value: edits.get(f.key)?.value ?? f.text,
      'data-key': f.key,
      'aria-describedby': `${id}-msg`,
      spellcheck: 'false',
      autocomplete: 'off',
      oninput: () => {
        if (input.value === f.text) edits.delete(f.key);
        else edits.set(f.key, { field: f, value: input.value });
        input.classList.toggle('edited', edits.has(f.key));
        schedule();
      },
    });
    input.classList.toggle('edited', edits.has(f.key));
    messages.set(f.key, message);
    inputs.set(f.key, input);
    // The label says the whole name to a screen reader; the eye sees the row's name already, and only the branch.
    return h(
      'div',
      { class: 'field' },
      h('label', { for: id }, h('span', { class: 'sr-only' }, `${owner} `), say(f.branch) || t('thresholds')),
      input,
      message,
    );
  };
  const areaRows = data.areas.map((area) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, say(area.title)),
      h(
        'td',
        { id: `per-unit-${area.area}` },
        !area.perUnit
          ? '—'
          : area.perUnit.fields.atLeastMet
            ? field(area.perUnit.fields.atLeastMet, `${say(area.title)} ${t('perUnit')}`)
            : t('atLeastMet', { n: area.perUnit.atLeastMet }),
      ),
      h(
        'td',
        { id: `tolerance-${area.area}` },
        !area.perUnit
          ? '—'
          : area.perUnit.fields.othersNotBelow
            ? field(area.perUnit.fields.othersNotBelow, `${say(area.title)} ${t('tolerance')}`)
            : t('othersNotBelow', { p: percent(area.perUnit.othersNotBelow) }),
      ),
      h(
        'td',
        {},
        area.cvLimits.length === 0
          ? '—'
          : area.cvLimits.map((f) => field(f, `${say(area.title)} ${t('cvLimits')}`)),
      ),
    ),
  );
  const areaOf = new Map(data.areas.flatMap((a) => a.indicators.map((id) => [id, a] as const)));
  const rows = data.rows.map((row) => {
    const area = areaOf.get(row.indicator);
    const name = `${row.indicator} ${say(row.title)}${row.check ? ` · ${say(row.check)}` : ''}`;
    return h(
      'tr',
      { id: `rule-${row.indicator}` },
      h(
        'th',
        { scope: 'row' },
        h('span', { class: 'id' }, row.indicator),
        ' ',
        say(row.title),
        row.check ? h('div', { class: 'check' }, say(row.check)) : null,
      ),
      h('td', {}, say(row.area)),
      h('td', {}, row.thresholds.length === 0 ? '—' : row.thresholds.map((f) => field(f, name))),
      h('td', {}, area?.perUnit ? percent(area.perUnit.othersNotBelow) : '—'),
      h('td', {}, area?.perUnit ? t('atLeastMet', { n: area.perUnit.atLeastMet }) : '—'),
      h(
        'td',
        {},
        area && area.cvLimits.length > 0
          ? area.cvLimits.map((f) => `${say(f.branch)} ${f.text}`.trim()).join('；')
          : '—',
      ),
      h(
        'td',
        {},
        `${row.source.document} ${row.source.clause}`,
        row.source.verified ? null : h('span', { class: 'unverified' }, ` (${t('unverified')})`),
        row.source.quote ? h('div', { class: 'quote' }, row.source.quote) : null,
      ),
    );
  });
  const showPreview = () => {
    for (const [key, message] of messages) {
      const own = pending.preview?.fields[key] ?? [];
      message.replaceChildren(
        ...own.map((p) => h('div', { class: p.severity, role: 'alert' }, say(p.message))),
      );
      inputs
        .get(key)
        ?.setAttribute('aria-invalid', own.some((p) => p.severity === 'error') ? 'true' : 'false');
    }
    effect.replaceChildren(...renderEffect(onSaved, () => renderRulesTab(panel, onSaved)));
  };
  const schedule = () => {
    clearTimeout(timer);
    if (edits.size === 0) {
      delete pending.preview;
      showPreview();
      return;
    }
    timer = setTimeout(() => void preview(), 250);
  };
  const preview = async () => {
    const mine = ++sequence;
    effect.setAttribute('aria-busy', 'true');
    const { data: result } = await api<PreviewView>('/api/preview', {
      edits: editList(),
    });
    if (mine !== sequence) return;
    effect.removeAttribute('aria-busy');
    pending.preview = result;
    showPreview();
  };
  panel.replaceChildren(
    h(
      'div',
      { class: 'rules-layout' },
      h(
        'div',
        { class: 'rules-table' },
        h('h2', {}, `${data.ruleset.id} · ${say(data.ruleset.title)}`),
        h('h3', {}, t('areas')),
        h(
          'table',
          { class: 'areas' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, t('area')),
              h('th', { scope: 'col' }, t('perUnit')),
              h('th', { scope: 'col' }, t('tolerance')),
              h('th', { scope: 'col' }, t('cvLimits')),
            ),
          ),
          h('tbody', {}, ...areaRows),
        ),
        h('h3', {}, t('indicators')),
        h(
          'table',
          { class: 'indicators' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...(
                [
                  'indicator',
                  'area',
                  'thresholds',
                  'tolerance',
                  'perUnit',
                  'cvLimits',
                  'sourceClause',
                ] as const
              ).map((w) => h('th', { scope: 'col' }, t(w))),
            ),
          ),
          h('tbody', {}, ...rows),
        ),
      ),
      effect,
    ),
  );
  showPreview();
  if (edits.size > 0) void preview();
}
