// The page's own style and script, inlined so the report opens with no network.

/**
 * Fonts that show Chinese on each system without shipping one: Windows (Microsoft YaHei, DengXian, SimHei), macOS
 * (PingFang SC, Hiragino Sans GB, Heiti SC), Linux (Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Micro Hei),
 * then the system's own sans-serif.
 */
export const CJK_FONT_STACK =
  '"PingFang SC", "Hiragino Sans GB", "Heiti SC", "Microsoft YaHei", "DengXian", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", system-ui, -apple-system, "Segoe UI", sans-serif';

export const HTML_STYLE = `
:root { --met: #3a8f5c; --tol: #d49a1c; --fail: #c23b3b; --pending: #5b7fa6; --nodata: #8c8c8c; --line: #dcdfe4; --ink: #1f2328; --muted: #5c6470; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 15px/1.6 ${CJK_FONT_STACK}; color: var(--ink); background: #f6f7f9; overflow-wrap: break-word; }
header, main, footer { max-width: 1180px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 24px 0 8px; }
h3 { font-size: 17px; margin: 28px 0 8px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h4 { font-size: 15px; margin: 18px 0 6px; }
.basis, .muted { color: var(--muted); font-size: 13px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 4px 18px 16px; margin: 16px 0; min-width: 0; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 13px; color: #fff; vertical-align: middle; white-space: nowrap; }
.v-met, .v-recognised { background: var(--met); }
.v-within_tolerance { background: var(--tol); }
.v-not_met, .v-not_recognised { background: var(--fail); }
.v-pending, .v-undetermined { background: var(--pending); }
.v-insufficient_data { background: var(--nodata); }
.verdict-big { font-size: 18px; padding: 2px 14px; }
.obstacles { border-left: 4px solid var(--fail); background: #fdf3f3; padding: 6px 14px; margin: 10px 0; border-radius: 0 4px 4px 0; }
.obstacles p { margin: 4px 0; }
.obstacles ol { margin: 4px 0 6px; padding-left: 1.6em; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; margin: 8px 0; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #f2f4f7; font-weight: 600; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.indicators td.title { min-width: 9em; }
table.reflow td:first-child { white-space: nowrap; }
.trail { overflow-wrap: anywhere; }
tr.row-not_met td { background: #fdeeee; }
tr.row-within_tolerance td { background: #fff6e0; }
tr.row-pending td, tr.row-insufficient_data td { background: #eef3f8; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; }
.chart { margin: 0; flex: 1 1 440px; min-width: 0; max-width: 100%; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
.chart svg { display: block; width: 100%; height: auto; }
.search { position: sticky; top: 0; background: #f6f7f9; padding: 10px 0; z-index: 2; }
.search input { font-size: 15px; padding: 6px 10px; width: 320px; max-width: 100%; border: 1px solid #b9bfc8; border-radius: 4px; }
details.subject { border: 1px solid var(--line); border-radius: 4px; margin: 6px 0; background: #fff; }
details.subject > summary { cursor: pointer; padding: 6px 10px; list-style-position: inside; }
details.subject > summary .why { display: block; color: var(--muted); font-size: 13px; }
details.subject[open] > summary { border-bottom: 1px solid var(--line); background: #f8f9fb; }
.trail { padding: 6px 14px 10px; font-size: 14px; }
.trail p { margin: 4px 0; }
.trail p.indent { margin-left: 1.5em; color: #333; }
.trail h5 { font-size: 14px; margin: 10px 0 2px; }
.trail .lead { font-weight: 600; margin: 6px 0 2px; color: var(--fail); }
.trail .item { margin: 4px 0; padding: 2px 8px; border-left: 4px solid transparent; }
.trail .item[data-v="not_met"] { border-left-color: var(--fail); background: #fdeeee; }
.trail .item[data-v="within_tolerance"] { border-left-color: var(--tol); background: #fff6e0; }
.trail .item[data-v="pending"], .trail .item[data-v="insufficient_data"] { border-left-color: var(--pending); background: #eef3f8; }
.trail .item p { margin: 2px 0; }
details.passed, details.confirmed { margin: 8px 0; }
details.passed > summary, details.confirmed > summary, details.county-why > summary { cursor: pointer; color: #0b5cad; margin: 8px 0; }
footer { color: var(--muted); font-size: 12px; padding: 16px 20px 40px; }
[hidden] { display: none !important; }
@media (max-width: 760px) {
  header, main, footer { padding: 0 8px; }
  section { padding: 4px 10px 12px; }
  h2 { font-size: 18px; }
  .search input { width: 100%; }
  .trail { padding: 4px 8px 8px; }
  table.reflow, table.reflow tbody, table.reflow tr, table.reflow td { display: block; width: 100%; }
  table.reflow thead { display: none; }
  table.reflow tr { border: 1px solid var(--line); border-radius: 4px; margin: 8px 0; padding: 4px 0; }
  .badge { white-space: normal; }
  table.reflow td, table.reflow td:first-child { white-space: normal; overflow-wrap: anywhere; }
  table.reflow td { display: grid; grid-template-columns: minmax(5em, 30%) minmax(0, 1fr); gap: 8px; border-bottom: none; padding: 2px 8px; text-align: left; }
  table.reflow td::before { content: attr(data-label); color: var(--muted); font-weight: 600; }
  table.reflow td > .badge { justify-self: start; }
  table.reflow td:empty { display: none; }
  table.reflow td.title { min-width: 0; }
}
@media print {
  @page { size: A4; margin: 15mm 12mm; }
  body { background: #fff; font-size: 10.5pt; }
  header, main, footer { max-width: none; padding: 0; }
  .search, .no-print, noscript { display: none; }
  section { border: none; padding: 0; page-break-inside: auto; }
  h2, h3, h4 { break-after: avoid; }
  tr, details.subject > summary, .trail .item, .chart { break-inside: avoid; }
  .chart { flex-basis: 45%; }
  details > summary { list-style: none; }
  a { color: inherit; text-decoration: none; }
  tr.row-not_met td, .trail .item, .badge { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/**
 * Search by name; the trails, inflated from the page's one data block and rendered into a school when it is opened
 * (failing and undecided items first, highlighted, what passed folded); every trail rendered and opened for print.
 */
export const HTML_SCRIPT = `
(function () {
  var box = document.getElementById('search');
  var count = document.getElementById('search-count');
  var rows = Array.prototype.slice.call(document.querySelectorAll('[data-name]'));
  function filter() {
    var q = box.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var hit = !q || row.getAttribute('data-name').toLowerCase().indexOf(q) >= 0;
      row.hidden = !hit;
      if (hit) shown++;
    });
    count.textContent = q ? count.getAttribute('data-template').replace('{n}', String(shown)) : '';
  }
  if (box) box.addEventListener('input', filter);

  var labels = JSON.parse(document.getElementById('trail-labels').textContent);
  var trails = null;
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function item(entry) {
    var wrap = el('div', 'item');
    wrap.setAttribute('data-v', labels.verdicts[entry[0]]);
    for (var i = 1; i < entry.length; i++) {
      var line = entry[i];
      wrap.appendChild(line.indexOf('  ') === 0 ? el('p', 'indent', line.trim()) : el('p', '', line));
    }
    return wrap;
  }
  function sections(parent, list, keep) {
    var n = 0;
    list.forEach(function (section) {
      var items = section[1].filter(function (entry) { return keep(entry[0]); });
      if (items.length === 0) return;
      parent.appendChild(el('h5', '', section[0]));
      items.forEach(function (entry) { parent.appendChild(item(entry)); n++; });
    });
    return n;
  }
  function render(details) {
    var target = details.querySelector('.trail');
    if (!trails || !target || target.getAttribute('data-ready')) return;
    var trail = trails[details.getAttribute('data-key')];
    if (!trail) return;
    target.appendChild(el('p', 'muted', trail[0]));
    var failing = el('div', 'failing');
    failing.appendChild(el('p', 'lead', labels.failing));
    var n = sections(failing, trail[1], function (v) { return v !== 0; });
    if (n > 0) target.appendChild(failing);
    var passed = el('details', 'passed');
    var summary = el('summary');
    passed.appendChild(summary);
    var m = sections(passed, trail[1], function (v) { return v === 0; });
    summary.textContent = labels.passed.replace('{n}', String(m));
    if (m > 0) target.appendChild(passed);
    target.setAttribute('data-ready', '1');
  }
  function renderOpen() {
    document.querySelectorAll('details.subject[open]').forEach(render);
  }
  document.addEventListener('toggle', function (event) {
    var target = event.target;
    if (target && target.classList && target.classList.contains('subject') && target.open) render(target);
  }, true);
  var block = document.getElementById('trail-data');
  function ready() { document.body.setAttribute('data-trails', 'ready'); renderOpen(); }
  if (block && typeof DecompressionStream === 'function') {
    var raw = atob(block.textContent.trim());
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate')))
      .text()
      .then(function (text) { trails = JSON.parse(text); ready(); })
      .catch(function () { unsupported('failed'); });
  } else {
    unsupported('unsupported');
  }
  function unsupported(state) {
    document.body.setAttribute('data-trails', state);
    document.querySelectorAll('.trail-unsupported').forEach(function (p) { p.hidden = false; });
  }

  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details').forEach(function (d) {
      d.setAttribute('data-was-open', d.open ? '1' : '');
      if (d.classList.contains('subject')) render(d);
      d.open = true;
    });
    document.querySelectorAll('details.passed').forEach(function (d) { d.open = true; });
  });
  window.addEventListener('afterprint', function () {
    document.querySelectorAll('details').forEach(function (d) { d.open = d.getAttribute('data-was-open') === '1'; });
  });
})();
`;
