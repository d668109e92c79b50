import type { Lang } from '../model/text.ts';

/** What each file-system error means for the user and what to do about it, as a sentence; `{path}` is the path. */
const SENTENCES = new Map<string, { zh: string; en: string }>([
  [
    'EEXIST',
    {
      zh: '{path} 已存在，且不是这里需要的那种（文件夹或文件）；请删除它或用 --out 换一个位置',
      en: '{path} already exists and is not what is needed here (a folder or a file); remove it or choose another place with --out',
    },
  ],
  [
    'EROFS',
    {
      zh: '{path} 在只读的文件系统上，不能写入；请用 --out 指定一个可写的文件夹',
      en: '{path} is on a read-only file system and cannot be written; give a writable folder with --out',
    },
  ],
  [
    'ENOSPC',
    {
      zh: '写入 {path} 时磁盘空间不足；请腾出空间或用 --out 写到另一块磁盘，之前的报告未被改动',
      en: 'the disk is full while writing {path}; free some space or write to another disk with --out (the earlier reports are unchanged)',
    },
  ],
  [
    'EDQUOT',
    {
      zh: '写入 {path} 时超出了磁盘配额；请腾出空间或用 --out 写到别处',
      en: 'the disk quota is exceeded while writing {path}; free some space or write elsewhere with --out',
    },
  ],
  [
    'EISDIR',
    {
      zh: '{path} 是一个文件夹，这里需要一个文件；请给出文件名，例如 {path}/out.xlsx',
      en: '{path} is a folder where a file is needed; give a file name, e.g. {path}/out.xlsx',
    },
  ],
  [
    'ENOTDIR',
    {
      zh: '{path} 的上级路径中有一个是文件而不是文件夹；请检查路径或用 --out 换一个位置',
      en: 'part of the path {path} is a file, not a folder; check the path or choose another place with --out',
    },
  ],
  [
    'EACCES',
    {
      zh: '没有权限访问 {path}；请检查它的权限，或用 --out 换一个自己有权写的位置',
      en: 'permission denied for {path}; check its permissions or choose a place you may write with --out',
    },
  ],
  [
    'EPERM',
    {
      zh: '不允许对 {path} 进行这个操作；请检查它的权限，或换一个位置',
      en: 'the operation is not permitted on {path}; check its permissions or choose another place',
    },
  ],
  [
    'ENOENT',
    {
      zh: '找不到 {path}；请检查路径是否写对',
      en: '{path} does not exist; check the path',
    },
  ],
  [
    'ENAMETOOLONG',
    {
      zh: '路径 {path} 太长；请用短一些的路径',
      en: 'the path {path} is too long; use a shorter one',
    },
  ],
  [
    'EMFILE',
    {
      zh: '打开的文件太多，无法打开 {path}；请关闭其他程序后重试',
      en: 'too many open files to open {path}; close other programs and try again',
    },
  ],
  [
    'EBUSY',
    {
      zh: '{path} 正被其他程序占用；请关闭占用它的程序（例如 Excel）后重试',
      en: '{path} is in use by another program; close it (e.g. Excel) and try again',
    },
  ],
  [
    'ELOOP',
    {
      zh: '{path} 的符号链接层层相连、形成了循环；请检查这些链接',
      en: 'the symbolic links of {path} form a loop; check them',
    },
  ],
  [
    'EIO',
    {
      zh: '读写 {path} 时发生输入输出错误（磁盘或网络盘故障）；请检查磁盘后重试',
      en: 'an input/output error occurred on {path} (a failing disk or network drive); check the disk and try again',
    },
  ],
]);

/**
 * A file-system error (an Error with a `code` such as EEXIST or ENOSPC) as a sentence in the user's language naming
 * the path and the fix; undefined for any other error, which is reported as it is.
 */
export function describeFsError(error: unknown, lang: Lang): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, path, dest, syscall } = error as NodeJS.ErrnoException & { dest?: string };
  if (typeof code !== 'string') return undefined;
  const sentence = SENTENCES.get(code);
  if (!sentence) return undefined;
  // A rename names the temporary file first; the user knows the destination.
  const where = (syscall === 'rename' ? dest : undefined) ?? path ?? (lang === 'zh' ? '输出' : 'the output');
  return `${sentence[lang].replaceAll('{path}', where)} (${code})`;
}
