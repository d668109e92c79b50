import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/data/decode-text.ts';

const NAMES = '学校代码,学校名称\nS1,石岗小学\nS2,第二中学\n';
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const withBytes = (bytes: Uint8Array, at: number, insert: number[]): Uint8Array =>
  Uint8Array.from([...bytes.subarray(0, at), ...insert, ...bytes.subarray(at)]);

describe('a text file’s encoding is decided per file and never silently changed', () => {
  it('valid UTF-8, with or without a byte-order mark, is UTF-8', () => {
    expect(decodeText(utf8(NAMES))).toEqual({ text: NAMES, encoding: 'utf-8' });
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(NAMES)]))).toEqual({
      text: NAMES,
      encoding: 'utf-8-bom',
    });
  });

  it('UTF-16 LE and BE with a byte-order mark are read as such', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(NAMES, 'utf16le')]);
    expect(decodeText(le)).toEqual({ text: NAMES, encoding: 'utf-16le' });
    const be = Buffer.from(le);
    be.swap16();
    expect(decodeText(be)).toEqual({ text: NAMES, encoding: 'utf-16be' });
  });

  it('GB18030 (what Chinese Excel saves as CSV) is GB18030', () => {
    expect(decodeText(iconv.encode(NAMES, 'gb18030'))).toEqual({ text: NAMES, encoding: 'gb18030' });
  });

  it('one bad byte in a UTF-8 file is a located problem, never a re-read as GB18030', () => {
    const bytes = utf8(NAMES);
    const at = utf8('学校代码,学校名称\nS1,石岗').length;
    const decoded = decodeText(withBytes(bytes, at, [0xff]));
    expect(decoded.text).toBeUndefined();
    expect(decoded.bad).toMatchObject({ encoding: 'utf-8', row: 2, column: 6, byte: 0xff, offset: at });
  });

  it('a truncated UTF-8 sequence is located at its first byte', () => {
    const bytes = utf8(NAMES);
    const at = utf8('学校代码,学校名称\nS1,石岗小学\nS2,第二').length;
    const broken = Uint8Array.from([...bytes.subarray(0, at + 1), ...bytes.subarray(at + 3)]);
    expect(decodeText(broken).bad).toMatchObject({ encoding: 'utf-8', row: 3, column: 6, offset: at });
  });

  it('a bad byte after a UTF-8 byte-order mark is located in UTF-8', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('a,b\n1,'), 0xc0, ...utf8('x\n')]);
    expect(decodeText(bytes).bad).toMatchObject({ encoding: 'utf-8-bom', row: 2, column: 3, byte: 0xc0 });
  });

  it('a GB18030 file with a byte GB18030 never uses is located in GB18030', () => {
    const bytes = iconv.encode(NAMES, 'gb18030');
    const at = iconv.encode('学校代码,学校名称\nS1,石岗', 'gb18030').length;
    expect(decodeText(withBytes(bytes, at, [0xff])).bad).toMatchObject({
      encoding: 'gb18030',
      row: 2,
      column: 6,
      byte: 0xff,
      neither: true,
    });
  });

  it('GB18030 is not allowed where the caller says so (YAML files)', () => {
    const decoded = decodeText(iconv.encode(NAMES, 'gb18030'), { gb18030: false });
    expect(decoded.text).toBeUndefined();
    expect(decoded.bad).toMatchObject({ encoding: 'utf-8', row: 1 });
  });

  it('an unpaired surrogate or an odd length in UTF-16 is located', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ab\ncd', 'utf16le'), Buffer.from([0x00, 0xd8])]);
    expect(decodeText(le).bad).toMatchObject({ encoding: 'utf-16le', row: 2, column: 3, byte: 0xd800 });
    const odd = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('ab', 'utf16le').swap16(), Buffer.from([0x41])]);
    expect(decodeText(odd).bad).toMatchObject({ encoding: 'utf-16be', row: 1, column: 3 });
  });
});
