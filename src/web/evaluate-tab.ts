import { api, h, page, problemList, say, t, type ProblemLine } from './dom.ts';

export interface State {
  ruleset?: { id: string; title: { zh: string; en: string }; dir: string };
  ruleProblems: ProblemLine[];
  data?: {
    label: string;
    origin: string;
    problems: ProblemLine[];
    evaluated: boolean;
    counties: { name: string; verdict: string }[];
  };
  datasets: string[];
  reportFiles: string[];
  rulesets: string[];
}

const COUNTY_WORDS: Record<string, { zh: string; en: string }> = {
  recognised: { zh: '予以认定', en: 'recognised' },
  not_recognised: { zh: '不予认定', en: 'not recognised' },
  undetermined: { zh: '无法判定', en: 'undetermined' },
};

/** 评估: choose or drop a dataset, read its report, download the five files. */
export function renderEvaluateTab(panel: HTMLElement, state: State, refresh: (next: State) => void): void {
  const status = h('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const run = async (work: () => Promise<{ status: number; data: State & { problems?: ProblemLine[] } }>) => {
    status.textContent = t('working');
    const { data } = await work();
    status.textContent = '';
    // A refused upload keeps the page as it was and says why beside the controls.
    if (data.datasets) refresh(data);
    else status.replaceChildren(problemList(data.problems ?? []));
  };
  const select = h(
    'select',
    { id: 'dataset-choice' },
    h('option', { value: '' }, t('startedDataset')),
    ...state.datasets.map((name) =>
      h(
        'option',
        { value: name, selected: name === state.data?.label && state.data.origin === 'folder' },
        name,
      ),
    ),
  );
  const upload = async (file: File | undefined) => {
    if (!file) return;
    await run(async () =>
      api<State>('/api/upload', undefined, { bytes: await file.arrayBuffer(), name: file.name }),
    );
  };
  const fileInput = h('input', {
    type: 'file',
    id: 'workbook-file',
    accept: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    onchange: (e: Event) => void upload((e.target as HTMLInputElement).files?.[0]),
  });
  const uploadFolder = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    const form = new FormData();
    for (const file of Array.from(files)) form.append(file.webkitRelativePath || file.name, file);
    await run(() => api<State>('/api/upload-folder', form));
  };
  const folderInput = h('input', {
    type: 'file',
    id: 'dataset-folder',
    webkitdirectory: true,
    multiple: true,
    onchange: (e: Event) => void uploadFolder((e.target as HTMLInputElement).files),
  });
  const drop = h(
    'div',
    {
      class: 'drop',
      ondragover: (e: Event) => {
        e.preventDefault();
        drop.classList.add('over');
      },
      ondragleave: () => drop.classList.remove('over'),
      ondrop: (e: Event) => {
        e.preventDefault();
        drop.classList.remove('over');
        void upload((e as DragEvent).dataTransfer?.files[0]);
      },
    },
    h('label', { for: 'workbook-file', class: 'button' }, t('chooseWorkbook')),
    fileInput,
    h('span', {}, t('dropHint')),
  );
  const folder = h(
    'div',
    { class: 'drop' },
    h('label', { for: 'dataset-folder', class: 'button secondary' }, t('chooseFolder')),
    folderInput,
  );
  const data = state.data;
  const q = `?lang=${page.lang}`;
  const parts: (HTMLElement | null)[] = [
    h(
      'section',
      { class: 'choose' },
      h('label', { for: 'dataset-choice' }, t('chooseDataset')),
      select,
      h(
        'button',
        {
          type: 'button',
          onclick: () =>
            void run(() => api<State>('/api/evaluate', select.value === '' ? {} : { dataset: select.value })),
        },
        t('evaluateButton'),
      ),
      drop,
      folder,
      status,
    ),
    h('p', {}, `${t('dataset')}: `, h('strong', { id: 'dataset-label' }, data?.label ?? t('none'))),
    state.ruleProblems.length > 0 ? problemList(state.ruleProblems) : null,
    data ? problemList(data.problems) : null,
    data?.evaluated
      ? h(
          'section',
          { class: 'verdicts' },
          h('h3', {}, t('countyVerdict')),
          h(
            'ul',
            { id: 'county-verdicts' },
            ...data.counties.map((c) =>
              h(
                'li',
                {},
                `${c.name}：`,
                h('strong', { class: `v-${c.verdict}` }, say(COUNTY_WORDS[c.verdict])),
              ),
            ),
          ),
          h('h3', {}, t('downloads')),
          h(
            'ul',
            { class: 'downloads' },
            ...state.reportFiles.map((name) =>
              h('li', {}, h('a', { href: `/download/${name}${q}`, download: name }, name)),
            ),
          ),
          h('h3', {}, t('report')),
          h('iframe', {
            class: 'report',
            title: t('report'),
            sandbox: 'allow-scripts',
            src: `/report.html${q}&t=${Date.now()}`,
          }),
        )
      : data
        ? h('p', {}, t('notEvaluated'))
        : null,
  ];
  panel.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
}
