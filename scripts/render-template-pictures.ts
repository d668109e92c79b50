/**
 * Renders a picture of each sheet of the data-entry workbook for docs/zh/数据格式.md and docs/en/data-format.md:
 * the template filled in with the synthetic county of test/fixtures/workbooks/filled-exceljs.xlsx (made by
 * scripts/make-workbook-fixtures.ts), one sheet per workbook, printed to PDF by LibreOffice Calc
 * (`soffice --headless --convert-to pdf`) and its first page turned into a PNG by poppler (`pdftoppm -png`).
 *
 *   npx tsx scripts/render-template-pictures.ts
 *
 * Needs Debian's libreoffice-calc, poppler-utils and python3-pil (to crop the margins); writes
 * docs/images/workbook-<n>-<sheet>.png, the first rows and columns of each sheet.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

const FILLED = fileURLToPath(new URL('../test/fixtures/workbooks/filled-exceljs.xlsx', import.meta.url));
const OUT = fileURLToPath(new URL('../docs/images/', import.meta.url));

/** What of each sheet is shown: its first rows and columns, enough to see how it is laid out. */
const AREAS: Record<string, { rows: number; columns: number }> = {
  填写说明: { rows: 22, columns: 1 },
  基本信息: { rows: 9, columns: 4 },
  县级指标: { rows: 14, columns: 6 },
  认定与佐证: { rows: 10, columns: 5 },
  口径选择: { rows: 4, columns: 4 },
  报告数字: { rows: 4, columns: 7 },
  学校: { rows: 4, columns: 9 },
  学部: { rows: 5, columns: 8 },
  班级: { rows: 9, columns: 6 },
};

/** A workbook of one sheet: the first rows and columns of `source`, with its values, widths and header style. */
function excerpt(source: ExcelJS.Worksheet, area: { rows: number; columns: number }): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(source.name);
  for (let c = 1; c <= area.columns; c++)
    // One column (the instructions) at its own width; several narrowed so that the excerpt fits a page.
    sheet.getColumn(c).width = Math.min(source.getColumn(c).width ?? 10, area.columns === 1 ? 120 : 40);
  for (let r = 1; r <= area.rows; r++) {
    for (let c = 1; c <= area.columns; c++) {
      const from = source.getRow(r).getCell(c);
      const to = sheet.getRow(r).getCell(c);
      to.value = from.value;
      // No wrapping: an excerpt's rows keep the default height, and wrapped text would run into the next row.
      to.style = {
        ...from.style,
        protection: { locked: true },
        alignment: { ...from.style.alignment, wrapText: false },
      };
      to.border = {
        top: { style: 'thin' },
        left: { style: 'thin' },
        bottom: { style: 'thin' },
        right: { style: 'thin' },
      };
    }
  }
  sheet.pageSetup = {
    ...sheet.pageSetup,
    orientation: 'landscape',
    paperSize: 9,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 1,
    margins: { left: 0.2, right: 0.2, top: 0.2, bottom: 0.2, header: 0, footer: 0 },
  };
  return workbook;
}

/** Crops the white margins of a PNG (Debian's python3-pil). */
function trim(png: string): void {
  const script = [
    'import sys',
    'from PIL import Image, ImageChops',
    'im = Image.open(sys.argv[1]).convert("RGB")',
    'box = ImageChops.difference(im, Image.new("RGB", im.size, (255, 255, 255))).getbbox()',
    'im = im.crop((max(box[0] - 8, 0), max(box[1] - 8, 0), min(box[2] + 8, im.width), min(box[3] + 8, im.height))) if box else im',
    'im.convert("P", palette=Image.ADAPTIVE, colors=64).save(sys.argv[1], optimize=True)',
  ].join('\n');
  execFileSync('/usr/bin/python3', ['-c', script, png]);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'pictures-'));
  try {
    const filled = new ExcelJS.Workbook();
    await filled.xlsx.readFile(FILLED);
    for (const [index, [name, area]] of Object.entries(AREAS).entries()) {
      const sheet = filled.getWorksheet(name);
      if (sheet === undefined) throw new Error(`no sheet ${name}`);
      const base = `workbook-${index + 1}`;
      const xlsx = join(tmp, `${base}.xlsx`);
      await excerpt(sheet, area).xlsx.writeFile(xlsx);
      execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', tmp, xlsx], {
        stdio: 'ignore',
      });
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '110',
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        join(tmp, `${base}.pdf`),
        join(tmp, base),
      ]);
      trim(join(tmp, `${base}.png`));
      copyFileSync(join(tmp, `${base}.png`), join(OUT, `${base}-${name}.png`));
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
