
const COMMENTS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments';
const VML = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing';
const RELATIONSHIP = /<Relationship\b[^>]*>/g;

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
}

/** A relationship target as a path inside the zip: `/xl/comments/comment1.xml` or `../comments1.xml` from a sheet. */
function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ['xl', 'worksheets'];
  for (const part of target.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/**
 * exceljs finds a sheet's cell notes only at `xl/commentsN.xml` and `xl/drawings/vmlDrawingN.vml`, named from the
 * sheet by a relative target; other writers put them elsewhere (one library writes `/xl/comments/comment1.xml`
 * and `/xl/drawings/commentsDrawing1.vml`, absolute), and exceljs then fails with "Cannot read properties of
 * undefined (reading 'comments')". Such parts are moved to the names exceljs expects and their targets rewritten,
 * and plain-text notes are given the rich-text run exceljs reads; a workbook that needs nothing is returned as it came.
 */
export async function normalizeXlsxParts(bytes: Uint8Array): Promise<Uint8Array> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(bytes);
  let changed = false;
  const relsFiles = Object.keys(zip.files).filter((name) => /^xl\/worksheets\/_rels\/sheet\d+\.xml\.rels$/.test(name));
  for (const relsName of relsFiles) {
    const sheet = /sheet(\d+)\.xml\.rels$/.exec(relsName)?.[1] ?? '';
    const relsFile = zip.file(relsName);
    if (relsFile === null) continue;
    const rels = await relsFile.async('string');
    let rewritten = rels;
    for (const tag of rels.match(RELATIONSHIP) ?? []) {
      const type = attribute(tag, 'Type');
      const target = attribute(tag, 'Target');
      if (target === undefined || (type !== COMMENTS && type !== VML)) continue;
      if ((type === COMMENTS ? /^\.\.\/comments\d+\.xml$/ : /^\.\.\/drawings\/vmlDrawing\d+\.vml$/).test(target)) continue;
      const from = zip.file(resolveTarget(target));
      if (from === null) continue;
      // A fresh name: another sheet's part may already have the sheet's own number.
      let n = Number(sheet);
      const nameOf = (i: number): string => (type === COMMENTS ? `../comments${i}.xml` : `../drawings/vmlDrawing${i}.vml`);
      while (zip.file(resolveTarget(nameOf(n))) !== null) n += 1000;
      const expected = nameOf(n);
      zip.file(resolveTarget(expected), await from.async('uint8array'));
      zip.remove(resolveTarget(target));
      rewritten = rewritten.replace(tag, tag.replace(`Target="${target}"`, `Target="${expected}"`));
      changed = true;
    }
    if (rewritten !== rels) zip.file(relsName, rewritten);
  }
  // A note's text may be one plain <t> (valid, and what one library writes); exceljs reads only rich-text runs
  // (<r><t>), and would read such a note as empty.
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/comments\d+\.xml$/.test(n))) {
    const part = zip.file(name);
    if (part === null) continue;
    const xml = await part.async('string');
    const runs = xml.replace(/<text>\s*<t(\s[^>]*)?>([\s\S]*?)<\/t>\s*<\/text>/g, '<text><r><t$1>$2</t></r></text>');
    if (runs === xml) continue;
    zip.file(name, runs);
    changed = true;
  }
  if (!changed) return bytes;
  return zip.generateAsync({ type: 'uint8array' });
}
