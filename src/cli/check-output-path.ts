import { lstat, realpath, statfs } from 'node:fs/promises';
import { dirname, sep } from 'node:path';
import { UsageError } from './cli-context.ts';

/** Folders of kernel file systems: writing reports there makes no sense and may block for ever. */
const SPECIAL_ROOTS = ['/proc', '/sys', '/dev'];

/** statfs magic numbers of kernel file systems that hold no ordinary files (proc, sysfs, devpts, cgroup, …). */
const SPECIAL_FS_TYPES = new Set([
  0x9fa0, // proc
  0x62656572, // sysfs
  0x1cd1, // devpts
  0x27e0eb, // cgroup
  0x63677270, // cgroup2
  0x64626720, // debugfs
  0x74726163, // tracefs
  0x73636673, // securityfs
  0xcafe4a11, // bpf
  0x6165676c, // pstore
  0x62656570, // configfs
  0x65735543, // fusectl
]);

/**
 * Refuses an output path on a special file system (/proc, /sys, /dev or any kernel file system) or an existing
 * output that is not an ordinary file or folder (a device, a pipe, a socket), before anything is computed: such a
 * write fails late or never returns. `kind` says whether the output is a folder or a file.
 */
export async function checkOutputPath(path: string, kind: 'folder' | 'file' = 'folder'): Promise<void> {
  const existing = await nearestExisting(path);
  const real = await realpath(existing).catch(() => existing);
  const special =
    SPECIAL_ROOTS.some((root) => real === root || real.startsWith(`${root}${sep}`)) ||
    (await statfs(real).then(
      (s) => SPECIAL_FS_TYPES.has(Number(s.type)),
      () => false,
    ));
  if (special)
    throw new UsageError({
      zh: `输出位置 ${path} 在系统专用的文件系统（${real}）上，不能写报告；请用 --out 指定一个普通文件夹`,
      en: `the output ${path} is on a special system file system (${real}) where reports cannot be written; give an ordinary folder with --out`,
    });
  if (existing !== path) return;
  const stat = await lstat(real);
  const ordinary = kind === 'folder' ? stat.isDirectory() : stat.isFile();
  if (!ordinary && !(kind === 'folder' ? stat.isFile() : stat.isDirectory()))
    throw new UsageError({
      zh: `输出位置 ${path} 不是普通${kind === 'folder' ? '文件夹' : '文件'}（是设备、管道或套接字），不能写入；请换一个位置`,
      en: `the output ${path} is not an ordinary ${kind} (it is a device, a pipe or a socket) and cannot be written; choose another place`,
    });
}

/** The path itself when it exists, else its nearest existing ancestor. */
async function nearestExisting(path: string): Promise<string> {
  let current = path;
  for (;;) {
    try {
      await lstat(current);
      return current;
    } catch {
      const parent = dirname(current);
      if (parent === current) return current;
      current = parent;
    }
  }
}
