import iconv from 'iconv-lite';

/** How a table file's bytes were decoded. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a CSV file: UTF-8 (with or without a byte-order mark), or, when the bytes are not valid UTF-8, GB18030,
 * the superset of GBK that Excel on Chinese Windows writes when saving "CSV".
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    const text = utf8.decode(bom ? bytes.subarray(3) : bytes);
    return { text, encoding: bom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030'), encoding: 'gb18030' };
  }
}
