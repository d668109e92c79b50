import ExcelJS from 'exceljs';
const wb = new ExcelJS.Workbook();
try { await wb.xlsx.readFile(process.argv[2]); console.log('ok', wb.worksheets.map(w=>w.name)); } catch (e) { console.log(e.stack); }
