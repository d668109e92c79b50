import { inflateRawSync } from 'node:zlib';
import { limits } from '../limits.ts';

/** A part of a workbook that would inflate past the limit: its name and its size (declared or found). */
export interface OversizedPart {
  name: string;
  bytes: number;
}

/**
 * Checks every part of an XLSX (zip) file against `xlsxPartBytes` before the workbook is opened: first the
 * uncompressed size the zip's central directory declares, then the real size by inflating each part with an output
 * bound, so that a part whose declared size lies stops inflating at the limit instead of filling the heap.
 * A file that is not a readable zip is left to the workbook reader to report.
 */
export function oversizedXlsxPart(bytes: Uint8Array): OversizedPart | undefined {
  const limit = limits().xlsxPartBytes;
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes.
  let end = -1;
  for (let i = view.length - 22; i >= Math.max(0, view.length - 65_557); i--) {
    if (view.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = view.readUInt16LE(end + 10);
  let at = view.readUInt32LE(end + 16);
  for (let n = 0; n < count && at + 46 <= view.length; n++) {
    if (view.readUInt32LE(at) !== 0x02014b50) return undefined;
    const method = view.readUInt16LE(at + 10);
    const compressed = view.readUInt32LE(at + 20);
    const declared = view.readUInt32LE(at + 24);
    const nameLength = view.readUInt16LE(at + 28);
    const extraLength = view.readUInt16LE(at + 30);
    const commentLength = view.readUInt16LE(at + 32);
    const local = view.readUInt32LE(at + 42);
    const name = view.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    // 0xFFFFFFFF: a ZIP64 size, 4 GiB or more.
    if (declared > limit) return { name, bytes: declared };
    if (local + 30 > view.length || view.readUInt32LE(local) !== 0x04034b50) continue;
    const start = local + 30 + view.readUInt16LE(local + 26) + view.readUInt16LE(local + 28);
    const data = view.subarray(start, Math.min(view.length, start + compressed));
    if (method === 0) {
      if (data.length > limit) return { name, bytes: data.length };
      continue;
    }
    if (method !== 8) continue;
    try {
      inflateRawSync(data, { maxOutputLength: limit });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return { name, bytes: limit + 1 };
      // A damaged stream is the workbook reader's to report.
    }
  }
  return undefined;
}
