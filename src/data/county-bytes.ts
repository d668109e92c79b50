import { deserialize, serialize } from 'node:v8';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { CountyData } from '../model/dataset.ts';
import { ColumnChunk } from './column-table.ts';
import { reviveCounty } from './revive-county.ts';

/**
 * A county's data as bytes: its records, cells and their sources as the engine read them, in the v8 serialization
 * of Node.js (what a worker thread receives of it), compressed with gzip at its fastest level. A results store keeps
 * these bytes so that explain and compare judge the county again instead of storing its trail: the same engine on
 * the same records under the same rule set gives the same trail.
 */
export function countyBytes(county: CountyData): Uint8Array {
  return packCounty(serializeCounty(county));
}

/** The county countyBytes wrote, its records' prototypes given back (reviveCounty). */
export function countyFromBytes(bytes: Uint8Array): CountyData {
  return countyFromSerialized(gunzipSync(bytes));
}

/**
 * A county serialized, not yet compressed: what is sent to a worker thread, which compresses it for a store. Texts
 * its records hold as runs of the file's bytes (a key not yet read) are made strings first (ColumnChunk.settle), so
 * that the bytes hold the county's values, not its part of the files.
 */
export function serializeCounty(county: CountyData): Uint8Array {
  for (const records of [county.schools, county.units, county.classes]) {
    let last: unknown;
    for (const record of records) {
      if (record.chunk === last) continue;
      last = record.chunk;
      if (record.chunk instanceof ColumnChunk) record.chunk.settle();
    }
  }
  return serialize(county);
}

export function packCounty(serialized: Uint8Array): Uint8Array {
  return gzipSync(serialized, { level: 1 });
}

export function countyFromSerialized(serialized: Uint8Array): CountyData {
  return reviveCounty(deserialize(serialized) as CountyData);
}
