import type { Cell, CountyData, DataRecord } from '../model/dataset.ts';
import { ColumnChunk, ColumnRecord } from './column-table.ts';
import { TableCell } from './table-cell.ts';

/**
 * A county's data after it crossed to a worker thread (structured clone): a table cell arrives as a plain object
 * with its own `value`, `column` and `row`, without TableCell's `source` getter, and a record held in columns as a
 * plain object with its `chunk` and `index`, without ColumnRecord's getters; their prototypes are given back here.
 * The county is changed in place and returned.
 */
export function reviveCounty(county: CountyData): CountyData {
  const revive = (record: DataRecord): void => {
    if (!(record instanceof ColumnRecord) && 'chunk' in record && 'index' in record) {
      Object.setPrototypeOf(record, ColumnRecord.prototype);
      const chunk = (record as ColumnRecord).chunk;
      if (!(chunk instanceof ColumnChunk)) Object.setPrototypeOf(chunk, ColumnChunk.prototype);
      // Cells made before the crossing came as plain objects too.
      const made = (record as unknown as { made?: Record<string, Cell> }).made;
      if (made !== undefined) reviveCells(made);
      return;
    }
    if (record instanceof ColumnRecord) return;
    reviveCells(record.values);
  };
  revive(county.record);
  for (const list of [county.schools, county.units, county.classes]) for (const record of list) revive(record);
  return county;
}

function reviveCells(values: Record<string, Cell>): void {
  for (const cell of Object.values(values) as (Cell & { column?: unknown; row?: unknown })[]) {
    if (cell !== null && typeof cell === 'object' && 'column' in cell && 'row' in cell && !('source' in cell))
      Object.setPrototypeOf(cell, TableCell.prototype);
  }
}
