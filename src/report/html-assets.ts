// The page's own style and script, inlined so the report opens with no network.

export const HTML_STYLE = `
:root { --met: #3a8f5c; --tol: #d49a1c; --fail: #c23b3b; --pending: #5b7fa6; --nodata: #8c8c8c; --line: #dcdfe4; --ink: #1f2328; --muted: #5c6470; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.6 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; color: var(--ink); background: #f6f7f9; }
header, main, footer { max-width: 1180px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 24px 0 8px; }
h3 { font-size: 17px; margin: 28px 0 8px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h4 { font-size: 15px; margin: 18px 0 6px; }
.basis, .muted { color: var(--muted); font-size: 13px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 4px 18px 16px; margin: 16px 0; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 13px; color: #fff; vertical-align: middle; white-space: nowrap; }
.v-met, .v-recognised { background: var(--met); }
.v-within_tolerance { background: var(--tol); }
.v-not_met, .v-not_recognised { background: var(--fail); }
.v-pending, .v-undetermined { background: var(--pending); }
.v-insufficient_data { background: var(--nodata); }
.verdict-big { font-size: 18px; padding: 2px 14px; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; margin: 8px 0; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #f2f4f7; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.row-not_met td { background: #fdeeee; }
tr.row-within_tolerance td { background: #fff6e0; }
tr.row-pending td, tr.row-insufficient_data td { background: #eef3f8; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; }
.chart { border: 1px solid var(--line); border-radius: 4px; background: #fff; }
.chart svg { display: block; max-width: 100%; height: auto; }
.search { position: sticky; top: 0; background: #f6f7f9; padding: 10px 0; z-index: 2; }
.search input { font-size: 15px; padding: 6px 10px; width: 320px; max-width: 100%; border: 1px solid #b9bfc8; border-radius: 4px; }
details.subject { border: 1px solid var(--line); border-radius: 4px; margin: 6px 0; background: #fff; }
details.subject > summary { cursor: pointer; padding: 6px 10px; list-style-position: inside; }
details.subject > summary .why { color: var(--muted); font-size: 13px; margin-left: 8px; }
details.subject[open] > summary { border-bottom: 1px solid var(--line); background: #f8f9fb; }
.trail { padding: 6px 14px 10px; font-size: 14px; }
.trail p { margin: 4px 0; }
.trail p.indent { margin-left: 1.5em; color: #333; }
.trail h5 { font-size: 14px; margin: 10px 0 2px; }
details.county-why > summary { cursor: pointer; color: #0b5cad; margin: 8px 0; }
footer { color: var(--muted); font-size: 12px; padding: 16px 20px 40px; }
[hidden] { display: none !important; }
@media print {
  body { background: #fff; font-size: 11pt; }
  .search, .no-print { display: none; }
  section { border: none; padding: 0; page-break-inside: auto; }
  details.subject, .chart { break-inside: avoid; }
  details > summary { list-style: none; }
  a { color: inherit; text-decoration: none; }
}
`;

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
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details').forEach(function (d) { d.setAttribute('data-was-open', d.open ? '1' : ''); d.open = true; });
  });
  window.addEventListener('afterprint', function () {
    document.querySelectorAll('details').forEach(function (d) { d.open = d.getAttribute('data-was-open') === '1'; });
  });
})();
`;
