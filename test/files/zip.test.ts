import { randomBytes } from 'node:crypto';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { crc32, tableCrc32, zip } from '../../src/files/zip.ts';

describe('the zip writer', () => {
  it('computes CRC-32 as zip defines it, with zlib or with its own table', () => {
    const check = new TextEncoder().encode('123456789');
    expect(crc32(check)).toBe(0xcbf43926);
    expect(tableCrc32(check)).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    for (const size of [1, 7, 255, 4096, 100_000]) {
      const data = randomBytes(size);
      expect(crc32(data), `${size} bytes`).toBe(tableCrc32(data));
    }
  });

  it('writes archives another reader opens, with every entry intact, the same bytes each time', async () => {
    const entries = [
      { name: 'xl/worksheets/sheet1.xml', data: new TextEncoder().encode('<row>学校</row>'.repeat(500)) },
      { name: '随机.bin', data: new Uint8Array(randomBytes(3000)) },
      { name: 'empty.txt', data: new Uint8Array(0) },
    ];
    const bytes = zip(entries);
    expect(Buffer.from(zip(entries)).equals(Buffer.from(bytes))).toBe(true);
    const archive = await JSZip.loadAsync(bytes, { checkCRC32: true });
    expect(Object.keys(archive.files)).toEqual(entries.map((entry) => entry.name));
    for (const entry of entries) {
      const read = await archive.file(entry.name)!.async('uint8array');
      expect(Buffer.from(read).equals(Buffer.from(entry.data)), entry.name).toBe(true);
    }
  });
});
