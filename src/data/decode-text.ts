import iconv from 'iconv-lite';

/** How a text file's bytes were decoded. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** The first byte that is not valid in the encoding a file was decided to be in, located for the user. */
export interface BadByte {
  /** The encoding the file was decided to be in. */
  encoding: TextEncoding;
  /** Offset of the byte in the file, from 0. */
  offset: number;
  /** Line of the byte, from 1. */
  row: number;
  /** Character position of the byte in its line, from 1. */
  column: number;
  /** The byte's value (for UTF-16, the 16-bit code unit's). */
  byte: number;
  /** True when the file is not valid UTF-8, looks like GB18030, and is not valid GB18030 either. */
  neither: boolean;
}

export type Decoded =
  | { text: string; encoding: TextEncoding; bad?: undefined }
  | { text?: undefined; encoding: TextEncoding; bad: BadByte };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');

/**
 * Decides a text file's encoding and decodes it, never silently re-reading it in another encoding:
 * - a byte-order mark decides: EF BB BF is UTF-8, FF FE is UTF-16 LE, FE FF is UTF-16 BE;
 * - without one, bytes that are valid UTF-8 are UTF-8;
 * - bytes that are not valid UTF-8 but hold more well-formed UTF-8 multi-byte sequences than bad bytes are a broken
 *   UTF-8 file (one bad byte in a UTF-8 file must not turn 石岗小学 into 鐭冲矖灏忓);
 * - otherwise, when `gb18030` is allowed and the bytes are well-formed GB18030 (what Excel on Chinese Windows writes
 *   when saving "CSV"), the file is GB18030.
 * A file not valid in the encoding decided comes back with `bad`, the first bad byte's line and character position.
 */
export function decodeText(bytes: Uint8Array, options: { gb18030?: boolean } = {}): Decoded {
  const allowGb = options.gb18030 ?? true;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeUtf8(bytes, 3, 'utf-8-bom');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, 'utf-16be');
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: decided below by what the bytes look like.
  }
  const scan = scanUtf8(bytes, 0);
  if (scan.wellFormed > scan.bad || !allowGb) return { encoding: 'utf-8', bad: locate(bytes, 0, scan.first, 'utf-8', false) };
  const gbBad = firstInvalidGb18030(bytes);
  if (gbBad >= 0) return { encoding: 'gb18030', bad: locate(bytes, 0, gbBad, 'gb18030', true) };
  return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030'), encoding: 'gb18030' };
}

function decodeUtf8(bytes: Uint8Array, start: number, encoding: TextEncoding): Decoded {
  const body = bytes.subarray(start);
  try {
    return { text: utf8.decode(body), encoding };
  } catch {
    return { encoding, bad: locate(bytes, start, start + scanUtf8(body, 0).first, encoding, false) };
  }
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): Decoded {
  const little = encoding === 'utf-16le';
  const unit = (i: number): number =>
    little ? (bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8) : ((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0);
  let row = 1;
  let column = 1;
  for (let i = 2; i < bytes.length; i += 2) {
    const bad = (at: number): Decoded => ({
      encoding,
      bad: { encoding, offset: at, row, column, byte: at + 1 < bytes.length ? unit(at) : (bytes[at] ?? 0), neither: false },
    });
    if (i + 1 >= bytes.length) return bad(i);
    const u = unit(i);
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = i + 3 < bytes.length ? unit(i + 2) : -1;
      if (next < 0xdc00 || next > 0xdfff) return bad(i);
      i += 2;
      column++;
    } else if (u >= 0xdc00 && u <= 0xdfff) return bad(i);
    else if (u === 0x0a) {
      row++;
      column = 1;
    } else column++;
  }
  const text = new TextDecoder(encoding).decode(bytes.subarray(2));
  return { text, encoding };
}

/**
 * One pass over bytes as UTF-8: the offset of the first bad byte (or -1), how many well-formed multi-byte sequences
 * and how many bad bytes there are.
 */
function scanUtf8(bytes: Uint8Array, start: number): { first: number; wellFormed: number; bad: number } {
  let first = -1;
  let wellFormed = 0;
  let bad = 0;
  let i = start;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = sequenceLength(bytes, i);
    if (length > 0) {
      wellFormed++;
      i += length;
    } else {
      if (first < 0) first = i;
      bad++;
      i++;
    }
  }
  return { first, wellFormed, bad };
}

/** The length of the well-formed UTF-8 multi-byte sequence at `i` (RFC 3629 table 3-7), 0 when there is none. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] ?? 0;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => {
    const b = bytes[i + k];
    return b !== undefined && b >= lo && b <= hi;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((b0 >= 0xe1 && b0 <= 0xec) || b0 === 0xee || b0 === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/** The offset of the first byte that breaks GB18030's structure (one, two or four bytes a character), or -1. */
function firstInvalidGb18030(bytes: Uint8Array): number {
  const n = bytes.length;
  const inRange = (k: number, lo: number, hi: number): boolean => {
    const b = bytes[k];
    return b !== undefined && b >= lo && b <= hi;
  };
  let i = 0;
  while (i < n) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) i++;
    else if (b === 0x80 || b === 0xff) return i;
    else if (inRange(i + 1, 0x40, 0x7e) || inRange(i + 1, 0x80, 0xfe)) i += 2;
    else if (inRange(i + 1, 0x30, 0x39) && inRange(i + 2, 0x81, 0xfe) && inRange(i + 3, 0x30, 0x39)) i += 4;
    else return i;
  }
  return -1;
}

/** The line and character position of the byte at `offset` in a file whose bytes before it are valid. */
function locate(bytes: Uint8Array, start: number, offset: number, encoding: TextEncoding, neither: boolean): BadByte {
  let row = 1;
  let lineStart = start;
  for (let i = start; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      row++;
      lineStart = i + 1;
    }
  }
  const line = bytes.subarray(lineStart, offset);
  const before =
    encoding === 'gb18030'
      ? iconv.decode(Buffer.from(line.buffer, line.byteOffset, line.byteLength), 'gb18030')
      : utf8Lenient.decode(line);
  return { encoding, offset, row, column: [...before].length + 1, byte: bytes[offset] ?? 0, neither };
}

/** The names of encodings, as said to the user. */
export const ENCODING_NAMES: Readonly<Record<TextEncoding, string>> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 (BOM)',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  gb18030: 'GB18030',
};

/**
 * A bad byte in words, for a located problem's message (its row is in the location); `kind` says how to save the
 * file again.
 */
export function describeBadByte(bad: BadByte, kind: 'csv' | 'yaml' = 'csv'): { zh: string; en: string } {
  const hex = `0x${bad.byte.toString(16).toUpperCase().padStart(bad.encoding.startsWith('utf-16') ? 4 : 2, '0')}`;
  const what = bad.encoding.startsWith('utf-16') ? { zh: '编码单元', en: 'code unit' } : { zh: '字节', en: 'byte' };
  const name = ENCODING_NAMES[bad.encoding];
  const save =
    kind === 'csv'
      ? { zh: '用“CSV UTF-8”重新保存', en: 'save it again as "CSV UTF-8"' }
      : { zh: '在编辑器中以 UTF-8 编码重新保存', en: 'save it again as UTF-8 in the editor' };
  if (bad.neither)
    return {
      zh: `文件不是有效的 UTF-8，看来是 GB18030（GBK）编码，但第 ${bad.row} 行第 ${bad.column} 个字符处的字节 ${hex} 也不是有效的 GB18030；请修正这一处或${save.zh}（文件未读取）`,
      en: `the file is not valid UTF-8 and looks like GB18030 (GBK), but the byte ${hex} at row ${bad.row}, character ${bad.column} is not valid GB18030 either; fix it or ${save.en} (the file was not read)`,
    };
  return {
    zh: `文件是 ${name} 编码，但第 ${bad.row} 行第 ${bad.column} 个字符处的${what.zh} ${hex} 不是有效的 ${name}；请修正这一处或${save.zh}（文件未读取）`,
    en: `the file is ${name}, but the ${what.en} ${hex} at row ${bad.row}, character ${bad.column} is not valid ${name}; fix it or ${save.en} (the file was not read)`,
  };
}
