import { zip } from '../files/zip.ts';

/**
 * A small, fast and deterministic XLSX (Office Open XML spreadsheet) writer for the reports: sheets of rows of
 * strings, numbers and booleans, with column widths, a bold or filled header, frozen header rows, filters, number
 * formats, fills, bold fonts and wrapped text per row or cell, and print setup (A4, orientation, fit to pages,
 * header rows repeated on every page). The interface follows the part of exceljs's the reports use
 * (`addWorksheet`, `columns`, `addRow`, `getRow`, `getCell`, `fill`, `font`, `numFmt`), so a sheet is built the same
 * way; the bytes are written directly (shared strings, one style per distinct look) and zipped with a fixed
 * timestamp, so the same workbook always gives the same file.
 */

export interface Fill {
  type: 'pattern';
  pattern: 'solid';
  fgColor: { argb: string };
}

export interface Font {
  bold?: boolean;
}

/** How a cell's text sits: wrapped within the column, at the top of the row. */
export interface Alignment {
  wrapText?: boolean;
  vertical?: 'top';
}

/**
 * How a sheet prints, in exceljs's words: A4 (`paperSize` 9), the orientation, and scaled to fit `fitToWidth` pages
 * across and `fitToHeight` down (0: as many as it takes).
 */
export interface PageSetup {
  paperSize: 9;
  orientation: 'portrait' | 'landscape';
  fitToWidth: number;
  fitToHeight: number;
}

export type CellValue = string | number | boolean | null | undefined;

export interface ColumnSpec {
  key: string;
  header: string;
  width: number;
  style?: { numFmt?: string; alignment?: Alignment };
}

export interface SheetOptions {
  views?: { state: 'frozen'; ySplit: number }[];
}

/** Excel's limit on the characters of one cell. */
const MAX_CELL_CHARS = 32_767;

export class XlsxCell {
  value: CellValue = null;
  numFmt?: string;
  fill?: Fill;
  font?: Font;
  alignment?: Alignment;
}

export class XlsxRow {
  readonly cells = new Map<number, XlsxCell>();
  fill?: Fill;
  font?: Font;

  constructor(private readonly sheet: XlsxSheet) {}

  /** The cell in a column given by its key or its 1-based number (made when first asked for). */
  getCell(column: string | number): XlsxCell {
    const index = typeof column === 'number' ? column : this.sheet.columnIndex(column);
    let cell = this.cells.get(index);
    if (!cell) {
      cell = new XlsxCell();
      this.cells.set(index, cell);
    }
    return cell;
  }
}

export class XlsxSheet {
  private specs: ColumnSpec[] = [];
  private readonly keys = new Map<string, number>();
  readonly rows: XlsxRow[] = [];
  autoFilter?: { from: { row: number; column: number }; to: { row: number; column: number } };
  pageSetup?: PageSetup;
  /** Rows repeated at the top of every printed page, as `'1:1'`. */
  printTitlesRow?: string;

  constructor(
    readonly name: string,
    readonly frozenRows: number,
  ) {}

  set columns(specs: ColumnSpec[]) {
    this.specs = specs;
    this.keys.clear();
    specs.forEach((spec, i) => this.keys.set(spec.key, i + 1));
    const header = this.getRow(1);
    specs.forEach((spec, i) => (header.getCell(i + 1).value = spec.header));
  }

  get columns(): ColumnSpec[] {
    return this.specs;
  }

  columnIndex(key: string): number {
    const index = this.keys.get(key);
    if (index === undefined) throw new Error(`xlsx: sheet ${this.name} has no column ${key}`);
    return index;
  }

  /** Row `n` (1-based), made (with the rows before it) when first asked for. */
  getRow(n: number): XlsxRow {
    while (this.rows.length < n) this.rows.push(new XlsxRow(this));
    return this.rows[n - 1]!;
  }

  /** A new row after the last, with a value for each column key given. */
  addRow(values: Record<string, CellValue>): XlsxRow {
    const row = this.getRow(this.rows.length + 1);
    for (const [key, value] of Object.entries(values)) {
      const index = this.keys.get(key);
      if (index !== undefined) row.getCell(index).value = value;
    }
    return row;
  }
}

export class XlsxWorkbook {
  creator = '';
  created = new Date(Date.UTC(2000, 0, 1));
  modified = new Date(Date.UTC(2000, 0, 1));
  readonly worksheets: XlsxSheet[] = [];

  addWorksheet(name: string, options: SheetOptions = {}): XlsxSheet {
    const frozen = options.views?.find((view) => view.state === 'frozen')?.ySplit ?? 0;
    const sheet = new XlsxSheet(name, frozen);
    this.worksheets.push(sheet);
    return sheet;
  }

  /** The workbook as the bytes of an .xlsx file. */
  toBuffer(): Uint8Array {
    const strings = new SharedStrings();
    const styles = new Styles();
    const sheets = this.worksheets.map((sheet, i) => ({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: utf8(sheetXml(sheet, i === 0, strings, styles)),
    }));
    const names = this.worksheets.map((sheet) => sheet.name);
    return zip([
      { name: '[Content_Types].xml', data: utf8(contentTypes(names.length)) },
      { name: '_rels/.rels', data: utf8(ROOT_RELS) },
      { name: 'docProps/app.xml', data: utf8(appXml(names)) },
      { name: 'docProps/core.xml', data: utf8(coreXml(this)) },
      { name: 'xl/workbook.xml', data: utf8(workbookXml(this.worksheets)) },
      { name: 'xl/_rels/workbook.xml.rels', data: utf8(workbookRels(names.length)) },
      { name: 'xl/styles.xml', data: utf8(styles.xml()) },
      { name: 'xl/sharedStrings.xml', data: utf8(strings.xml()) },
      ...sheets,
    ]);
  }
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function utf8(text: string): Uint8Array {
  return Buffer.from(text, 'utf8');
}

/** Text made safe for XML 1.0: the five markup characters escaped, the control characters XML forbids dropped. */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

/** A1-style column letters of a 1-based column number. */
export function columnLetters(n: number): string {
  let letters = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26))
    letters = String.fromCharCode(65 + ((x - 1) % 26)) + letters;
  return letters;
}

class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly list: string[] = [];
  private count = 0;

  id(text: string): number {
    this.count++;
    let id = this.index.get(text);
    if (id === undefined) {
      id = this.list.length;
      this.index.set(text, id);
      this.list.push(text);
    }
    return id;
  }

  xml(): string {
    const items = this.list.map((text) => {
      const space = /^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : '';
      return `<si><t${space}>${escapeXml(text)}</t></si>`;
    });
    return `${XML_HEAD}<sst xmlns="${MAIN_NS}" count="${this.count}" uniqueCount="${this.list.length}">${items.join('')}</sst>`;
  }
}

/** Excel's built-in number formats the reports use; any other code is declared in styles.xml. */
const BUILT_IN_FORMATS: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '0%': 9, '0.00%': 10 };

class Styles {
  private readonly formats = new Map<string, number>();
  private readonly fills = new Map<string, number>();
  private readonly xfs = new Map<string, number>();
  private readonly xfList: { numFmt: number; font: number; fill: number; wrap: boolean; top: boolean }[] = [
    { numFmt: 0, font: 0, fill: 0, wrap: false, top: false },
  ];

  constructor() {
    this.xfs.set('0|0|0|0|0', 0);
  }

  /** The index of the cell style for this look (0, the default, when there is nothing to say). */
  id(
    numFmt: string | undefined,
    font: Font | undefined,
    fill: Fill | undefined,
    alignment?: Alignment,
  ): number {
    const fmt = this.formatId(numFmt);
    const fontId = font?.bold ? 1 : 0;
    const fillId = fill ? this.fillId(fill.fgColor.argb) : 0;
    const wrap = alignment?.wrapText === true;
    const top = alignment?.vertical === 'top';
    const key = `${fmt}|${fontId}|${fillId}|${Number(wrap)}|${Number(top)}`;
    let id = this.xfs.get(key);
    if (id === undefined) {
      id = this.xfList.length;
      this.xfs.set(key, id);
      this.xfList.push({ numFmt: fmt, font: fontId, fill: fillId, wrap, top });
    }
    return id;
  }

  private formatId(code: string | undefined): number {
    if (code === undefined) return 0;
    const builtIn = BUILT_IN_FORMATS[code];
    if (builtIn !== undefined) return builtIn;
    let id = this.formats.get(code);
    if (id === undefined) {
      id = 164 + this.formats.size;
      this.formats.set(code, id);
    }
    return id;
  }

  private fillId(argb: string): number {
    let id = this.fills.get(argb);
    if (id === undefined) {
      // 0 and 1 are the two fills every workbook starts with (none, gray125).
      id = 2 + this.fills.size;
      this.fills.set(argb, id);
    }
    return id;
  }

  xml(): string {
    const formats = [...this.formats].map(
      ([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`,
    );
    const fills = [...this.fills.keys()].map(
      (argb) =>
        `<fill><patternFill patternType="solid"><fgColor rgb="${escapeXml(argb)}"/><bgColor indexed="64"/></patternFill></fill>`,
    );
    const xfs = this.xfList.map(({ numFmt, font, fill, wrap, top }) => {
      const attrs = `numFmtId="${numFmt}" fontId="${font}" fillId="${fill}" borderId="0" xfId="0"${numFmt ? ' applyNumberFormat="1"' : ''}${font ? ' applyFont="1"' : ''}${fill ? ' applyFill="1"' : ''}`;
      if (!wrap && !top) return `<xf ${attrs}/>`;
      const alignment = `<alignment${top ? ' vertical="top"' : ''}${wrap ? ' wrapText="1"' : ''}/>`;
      return `<xf ${attrs} applyAlignment="1">${alignment}</xf>`;
    });
    return (
      `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
      (formats.length > 0 ? `<numFmts count="${formats.length}">${formats.join('')}</numFmts>` : '') +
      '<fonts count="2"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>' +
      '<font><b/><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>' +
      `<fills count="${2 + fills.length}"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>${fills.join('')}</fills>` +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>'
    );
  }
}

function sheetXml(sheet: XlsxSheet, first: boolean, strings: SharedStrings, styles: Styles): string {
  const parts: string[] = [`${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`];
  // Fit-to-page printing is switched on in the sheet's properties, which come first in the sheet.
  if (sheet.pageSetup) parts.push('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
  let lastColumn = sheet.columns.length;
  for (const row of sheet.rows)
    for (const index of row.cells.keys()) if (index > lastColumn) lastColumn = index;
  const lastRow = sheet.rows.length;
  if (lastRow > 0 && lastColumn > 0)
    parts.push(`<dimension ref="A1:${columnLetters(lastColumn)}${lastRow}"/>`);
  const selected = first ? ' tabSelected="1"' : '';
  if (sheet.frozenRows > 0) {
    const top = `A${sheet.frozenRows + 1}`;
    parts.push(
      `<sheetViews><sheetView${selected} workbookViewId="0"><pane ySplit="${sheet.frozenRows}" topLeftCell="${top}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${top}" sqref="${top}"/></sheetView></sheetViews>`,
    );
  } else parts.push(`<sheetViews><sheetView${selected} workbookViewId="0"/></sheetViews>`);
  parts.push('<sheetFormatPr defaultRowHeight="15"/>');
  const columnFormats = sheet.columns.map((spec) => spec.style?.numFmt);
  const columnAlignments = sheet.columns.map((spec) => spec.style?.alignment);
  if (sheet.columns.length > 0) {
    const cols = sheet.columns.map((spec, i) => {
      const style =
        spec.style?.numFmt || spec.style?.alignment
          ? ` style="${styles.id(spec.style.numFmt, undefined, undefined, spec.style.alignment)}"`
          : '';
      return `<col min="${i + 1}" max="${i + 1}" width="${spec.width}"${style} customWidth="1"/>`;
    });
    parts.push(`<cols>${cols.join('')}</cols>`);
  }
  parts.push('<sheetData>');
  sheet.rows.forEach((row, r) => {
    const rowStyle = row.fill || row.font ? styles.id(undefined, row.font, row.fill) : 0;
    const cells: string[] = [];
    for (const index of [...row.cells.keys()].sort((a, b) => a - b)) {
      const cell = row.cells.get(index)!;
      const ref = `${columnLetters(index)}${r + 1}`;
      const style = styles.id(
        cell.numFmt ?? columnFormats[index - 1],
        cell.font ?? row.font,
        cell.fill ?? row.fill,
        cell.alignment ?? (r === 0 ? undefined : columnAlignments[index - 1]),
      );
      const s = style ? ` s="${style}"` : '';
      const value = cell.value;
      if (typeof value === 'number') {
        cells.push(
          Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : s ? `<c r="${ref}"${s}/>` : '',
        );
      } else if (typeof value === 'boolean') {
        cells.push(`<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`);
      } else if (typeof value === 'string') {
        const text = value.length > MAX_CELL_CHARS ? `${value.slice(0, MAX_CELL_CHARS - 1)}…` : value;
        cells.push(`<c r="${ref}"${s} t="s"><v>${strings.id(text)}</v></c>`);
      } else if (s) cells.push(`<c r="${ref}"${s}/>`);
    }
    const attrs = rowStyle ? ` s="${rowStyle}" customFormat="1"` : '';
    parts.push(`<row r="${r + 1}"${attrs}>${cells.join('')}</row>`);
  });
  parts.push('</sheetData>');
  if (sheet.autoFilter) {
    const { from, to } = sheet.autoFilter;
    parts.push(
      `<autoFilter ref="${columnLetters(from.column)}${from.row}:${columnLetters(to.column)}${to.row}"/>`,
    );
  }
  parts.push('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
  if (sheet.pageSetup) {
    const { paperSize, orientation, fitToWidth, fitToHeight } = sheet.pageSetup;
    parts.push(
      `<pageSetup paperSize="${paperSize}" orientation="${orientation}" fitToWidth="${fitToWidth}" fitToHeight="${fitToHeight}"/>`,
    );
  }
  parts.push('</worksheet>');
  return parts.join('');
}

function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function workbookXml(sheets: XlsxSheet[]): string {
  const list = sheets.map(
    (sheet, i) => `<sheet name="${escapeXml(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`,
  );
  const filters = sheets.flatMap((sheet, i) => {
    if (!sheet.autoFilter) return [];
    const { from, to } = sheet.autoFilter;
    const ref = `${quoteSheetName(sheet.name)}!$${columnLetters(from.column)}$${from.row}:$${columnLetters(to.column)}$${to.row}`;
    return [
      `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeXml(ref)}</definedName>`,
    ];
  });
  const titles = sheets.flatMap((sheet, i) => {
    const rows = sheet.printTitlesRow?.match(/^(\d+):(\d+)$/u);
    if (!rows) return [];
    const ref = `${quoteSheetName(sheet.name)}!$${rows[1]}:$${rows[2]}`;
    return [`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeXml(ref)}</definedName>`];
  });
  const names = [...filters, ...titles];
  return (
    `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView activeTab="0"/></bookViews>` +
    `<sheets>${list.join('')}</sheets>` +
    (names.length > 0 ? `<definedNames>${names.join('')}</definedNames>` : '') +
    '<calcPr calcId="191029"/></workbook>'
  );
}

function workbookRels(count: number): string {
  const rels: string[] = [];
  for (let i = 1; i <= count; i++)
    rels.push(`<Relationship Id="rId${i}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i}.xml"/>`);
  rels.push(`<Relationship Id="rId${count + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>`);
  rels.push(`<Relationship Id="rId${count + 2}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`);
  return `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`;
}

function contentTypes(count: number): string {
  const sheets: string[] = [];
  for (let i = 1; i <= count; i++)
    sheets.push(
      `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    );
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    sheets.join('') +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
    '</Types>'
  );
}

const ROOT_RELS =
  `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  `<Relationship Id="rId3" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/>` +
  '</Relationships>';

function appXml(names: string[]): string {
  return (
    `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
    '<Application>junheng</Application>' +
    `<TitlesOfParts><vt:vector size="${names.length}" baseType="lpstr">${names.map((n) => `<vt:lpstr>${escapeXml(n)}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts>` +
    '</Properties>'
  );
}

function coreXml(workbook: XlsxWorkbook): string {
  const date = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:creator>${escapeXml(workbook.creator)}</dc:creator>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${date(workbook.created)}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${date(workbook.modified)}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}
