import type { CountyFlips, Preview } from '../serve/preview-edits.ts';
import type { RuleTable, ThresholdField } from '../serve/rule-table.ts';
import { api, h, problemList, say, t, type ProblemLine } from './dom.ts';

/** The edits not yet saved, by the field's key, kept across re-renders (a language switch). */
const edits = new Map<string, { field: ThresholdField; value: string }>();
let lastPreview:
  | (Omit<Preview, 'problems' | 'fields' | 'ruleset'> & {
      problems: ProblemLine[];
      fields: Record<string, ProblemLine[]>;
    })
  | undefined;
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
      h('td', {}, area.perUnit ? t('atLeastMet', { n: area.perUnit.atLeastMet }) : '—'),
      h('td', {}, area.perUnit ? t('othersNotBelow', { p: percent(area.perUnit.othersNotBelow) }) : '—'),
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
      const own = lastPreview?.fields[key] ?? [];
      message.replaceChildren(
        ...own.map((p) => h('div', { class: p.severity, role: 'alert' }, say(p.message))),
      );
      inputs
        .get(key)
        ?.setAttribute('aria-invalid', own.some((p) => p.severity === 'error') ? 'true' : 'false');
    }
    effect.replaceChildren(...renderEffect(panel, onSaved));
  };
  const schedule = () => {
    clearTimeout(timer);
    if (edits.size === 0) {
      lastPreview = undefined;
      showPreview();
      return;
    }
    timer = setTimeout(() => void preview(), 250);
  };
  const preview = async () => {
    const mine = ++sequence;
    effect.setAttribute('aria-busy', 'true');
    const { data: result } = await api<NonNullable<typeof lastPreview>>('/api/preview', {
      edits: editList(),
    });
    if (mine !== sequence) return;
    effect.removeAttribute('aria-busy');
    lastPreview = result;
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

function editList() {
  return [...edits.values()].map(({ field, value }) => ({
    file: field.file,
    line: field.line,
    column: field.column,
    value,
    was: field.text,
  }));
}

function renderEffect(panel: HTMLElement, onSaved: () => Promise<void>): HTMLElement[] {
  const title = h('h2', { id: 'effect-title' }, t('effect'));
  if (edits.size === 0) return [title, h('p', {}, t('noEdits'))];
  const status = h('div', { class: 'status', role: 'status', id: 'save-status' });
  const hasErrors = (lastPreview?.problems ?? []).some((p) => p.severity === 'error');
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
      edits.clear();
      lastPreview = undefined;
      await onSaved();
      await renderRulesTab(panel, onSaved);
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
  const parts: HTMLElement[] = [title, h('p', {}, t('edits', { n: edits.size }))];
  if (lastPreview && hasErrors) parts.push(h('p', {}, t('fixFirst')), problemList(lastPreview.problems));
  else if (lastPreview?.counties) parts.push(...lastPreview.counties.map(countyEffect));
  else if (lastPreview) parts.push(h('p', {}, t('noData')));
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
            edits.clear();
            lastPreview = undefined;
            void renderRulesTab(panel, onSaved);
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
