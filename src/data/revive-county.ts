import type { Cell, CountyData, DataRecord } from '../model/dataset.ts';
import { TableCell } from './table-cell.ts';

/**
 * A county's data after it crossed to a worker thread (structured clone): a table cell arrives as a plain object
 * with its own `value`, `column` and `row`, without TableCell's `source` getter, which is given back here. The
 * county is changed in place and returned.
 */
export function reviveCounty(county: CountyData): CountyData {
  const revive = (record: DataRecord): void => {
    for (const cell of Object.values(record.values) as (Cell & { column?: unknown; row?: unknown })[]) {
      if (cell !== null && typeof cell === 'object' && 'column' in cell && 'row' in cell && !('source' in cell))
        Object.setPrototypeOf(cell, TableCell.prototype);
    }
  };
  revive(county.record);
  for (const list of [county.schools, county.units, county.classes]) for (const record of list) revive(record);
  return county;
}
