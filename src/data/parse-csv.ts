/**
 * Parses CSV text in one pass (RFC 4180: quoted fields, doubled quotes, separators and line breaks inside quotes,
 * LF or CRLF line ends), calling `onRow` with each record's fields and its 1-based record number, which is the row
 * a spreadsheet would show. Hand-written because it is several times faster than the libraries on national tables.
 * Returns the number of a record whose quote is never closed, if any. `start` is where the record begins in `text`;
 * `firstRow` numbers the first record of a slice of a larger file.
 */
export function parseCsv(
  text: string,
  onRow: (fields: string[], row: number, start: number) => void,
  firstRow = 1,
): { unclosedQuoteRow?: number } {
  const n = text.length;
  let i = 0;
  let row = firstRow - 1;
  while (i < n) {
    row++;
    const start = i;
    const fields: string[] = [];
    for (;;) {
      if (text.charCodeAt(i) === 34 /* " */) {
        let value = '';
        let from = ++i;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) {
            fields.push(value + text.slice(from));
            onRow(fields, row, start);
            return { unclosedQuoteRow: row };
          }
          if (text.charCodeAt(q + 1) === 34) {
            value += text.slice(from, q + 1);
            i = from = q + 2;
            continue;
          }
          value += text.slice(from, q);
          i = q + 1;
          break;
        }
        // Text after a closing quote up to the separator is kept, as spreadsheets do.
        let end = i;
        while (end < n && text.charCodeAt(end) !== 44 && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
        fields.push(value + text.slice(i, end));
        i = end;
      } else {
        let end = i;
        while (end < n && text.charCodeAt(end) !== 44 && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
        fields.push(text.slice(i, end));
        i = end;
      }
      const c = text.charCodeAt(i);
      if (c === 44 /* , */) {
        i++;
        continue;
      }
      if (c === 13 && text.charCodeAt(i + 1) === 10) i += 2;
      else if (c === 10 || c === 13) i++;
      break;
    }
    onRow(fields, row, start);
  }
  return {};
}
