import type { Lang } from '../model/text.ts';

/** The policy of the workbench page: its own scripts only; CodeMirror sets styles inline; the report in a frame. */
export const PAGE_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "frame-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The report page is self-contained (inline script and style) and shown only inside the workbench's frame. */
export const REPORT_POLICY =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; " +
  "frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

/** The workbench page: a shell the bundled script fills, with this session's token for its change requests. */
export function renderPage(token: string, lang: Lang): string {
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="junheng-token" content="${token}">
<title>${lang === 'zh' ? 'junheng 工作台' : 'junheng workbench'}</title>
<link rel="stylesheet" href="/assets/workbench.css">
<script type="module" src="/assets/workbench.js"></script>
</head>
<body>
<noscript>${lang === 'zh' ? '工作台需要启用 JavaScript。' : 'The workbench needs JavaScript.'}</noscript>
<div id="app"></div>
</body>
</html>
`;
}
