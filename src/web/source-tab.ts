import { yaml } from '@codemirror/lang-yaml';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { hoverTooltip } from '@codemirror/view';
import { basicSetup, EditorView } from 'codemirror';
import { api, h, page, problemList, say, t, type ProblemLine } from './dom.ts';

interface FileEntry {
  path: string;
  label: string;
  layer: string;
  writable: boolean;
}

let hints: Record<string, Record<string, string>> | undefined;
let view: EditorView | undefined;
let openPath: string | undefined;

/** The hover text of a key: its schema's description, the part in the page's language. */
function describeKey(text: string, key: string): string | undefined {
  const schema = /\$schema=(?:.*\/)?([\w-]+\.schema\.json)/.exec(text.slice(0, 300))?.[1];
  const all = hints ?? {};
  const found = (schema ? all[schema]?.[key] : undefined) ?? Object.values(all).find((s) => s[key])?.[key];
  if (!found) return undefined;
  const [zh, en] = found.split(/\n\n/);
  return page.lang === 'zh' ? (zh ?? found) : (en ?? found);
}

/** 源文件: a rule file in a YAML editor, with the CLI's problems as markers and the schemas' words on hover. */
export async function renderSourceTab(panel: HTMLElement, onSaved: () => Promise<void>): Promise<void> {
  hints ??= (await api<Record<string, Record<string, string>>>('/api/hints')).data;
  const { data } = await api<{ files: FileEntry[] }>('/api/files');
  const select = h(
    'select',
    { id: 'source-file' },
    ...data.files.map((f) =>
      h(
        'option',
        { value: f.path, selected: f.path === openPath },
        `${f.label}${f.writable ? '' : ` ${t('readOnly')}`}`,
      ),
    ),
  );
  const holder = h('div', { class: 'editor', id: 'editor' });
  const elsewhere = h('div', { class: 'elsewhere' });
  const status = h('div', { class: 'status', role: 'status' });
  const saveButton = h('button', { type: 'button', id: 'save-file' }, t('saveFile'));
  const open = async (path: string) => {
    const { status: code, data: file } = await api<{
      path: string;
      text: string;
      writable: boolean;
      problems?: ProblemLine[];
    }>(`/api/file?path=${encodeURIComponent(path)}`);
    if (code !== 200) {
      status.replaceChildren(problemList(file.problems ?? []));
      return;
    }
    openPath = file.path;
    saveButton.disabled = !file.writable;
    view?.destroy();
    view = new EditorView({
      doc: file.text,
      parent: holder,
      extensions: [
        basicSetup,
        yaml(),
        EditorView.lineWrapping,
        lintGutter(),
        EditorView.contentAttributes.of({ 'aria-label': `${t('editorLabel')}: ${file.path}` }),
        EditorView.editable.of(file.writable),
        linter(
          async (v) => {
            const { data: lint } = await api<{ problems: ProblemLine[] }>('/api/lint', {
              path: file.path,
              text: v.state.doc.toString(),
            });
            const own = lint.problems.filter((p) => p.file === file.path && p.line !== undefined);
            elsewhere.replaceChildren(
              ...(lint.problems.length > own.length
                ? [
                    problemList(
                      lint.problems.filter((p) => !own.includes(p)),
                      t('elsewhere'),
                    ),
                  ]
                : []),
            );
            return own.map((p): Diagnostic => {
              const line = v.state.doc.line(Math.min(Math.max(p.line ?? 1, 1), v.state.doc.lines));
              const from = Math.min(line.from + Math.max((p.column ?? 1) - 1, 0), line.to);
              return {
                from,
                to: Math.max(line.to, from),
                severity: p.severity,
                message: `${p.code}: ${say(p.message)}`,
              };
            });
          },
          { delay: 400 },
        ),
        hoverTooltip((v, pos) => {
          const line = v.state.doc.lineAt(pos);
          const match = /^(\s*(?:-\s+)?)([\w-]+)\s*:/.exec(line.text);
          if (!match) return null;
          const start = line.from + (match[1] ?? '').length;
          const end = start + (match[2] ?? '').length;
          if (pos < start || pos > end) return null;
          const text = describeKey(v.state.doc.toString(), match[2] ?? '');
          if (!text) return null;
          return {
            pos: start,
            end,
            above: true,
            create: () => ({ dom: h('div', { class: 'hint' }, text) }),
          };
        }),
      ],
    });
  };
  saveButton.onclick = async () => {
    if (!view || !openPath) return;
    const { status: code, data: result } = await api<{ written?: string[]; problems: ProblemLine[] }>(
      '/api/file',
      {
        path: openPath,
        text: view.state.doc.toString(),
      },
    );
    status.replaceChildren(
      code === 200
        ? h('p', { class: 'ok' }, t('saved', { files: (result.written ?? []).join('、') }))
        : problemList(result.problems),
    );
    if (code === 200) await onSaved();
  };
  panel.replaceChildren(
    h(
      'div',
      { class: 'source-bar' },
      h('label', { for: 'source-file' }, t('file')),
      select,
      h('button', { type: 'button', onclick: () => void open(select.value) }, t('openFile')),
      saveButton,
    ),
    holder,
    status,
    elsewhere,
  );
  const first = openPath ?? data.files.find((f) => f.writable)?.path ?? data.files[0]?.path;
  if (first) {
    select.value = first;
    await open(first);
  }
}
