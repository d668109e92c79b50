import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const PREFIX = '.junheng-tmp-';

/** A change to the paths to remove on an interrupt: one added, or one gone (committed, aborted, released). */
export type PendingChange = { op: 'add' | 'delete'; path: string };

let listener: ((change: PendingChange) => void) | undefined;

/**
 * Temporary files being written now (and locks held), removed by `removePendingTempFiles` when the process is
 * interrupted; each change is also told to the listener of `watchPendingPaths`.
 */
const pending = {
  paths: new Set<string>(),
  add(path: string): void {
    this.paths.add(path);
    listener?.({ op: 'add', path });
  },
  delete(path: string): void {
    if (this.paths.delete(path)) listener?.({ op: 'delete', path });
  },
};

/**
 * Tells `watch` of every path added to or gone from those to remove on an interrupt. A command run in a worker thread
 * reports them so to the main thread, which removes them when a signal stops the worker.
 */
export function watchPendingPaths(watch: (change: PendingChange) => void): void {
  listener = watch;
}

/**
 * Writes a file so that readers see either the previous content or the whole new one, never a part:
 * the bytes go to a temporary file in the same folder, are flushed to disk, and the file is renamed over the target.
 * A temporary file left by a killed earlier run (its process is gone) is removed first.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const staged = await stageFileAtomic(file, data);
  await staged.commit();
}

/** A file written to its temporary name and flushed, waiting to be renamed over its target (or dropped). */
export interface StagedFile {
  readonly file: string;
  /** Renames the temporary file over the target. */
  commit(): Promise<void>;
  /** Removes the temporary file; the target is untouched. */
  abort(): Promise<void>;
}

/**
 * The first half of `writeFileAtomic`: the bytes are written to a temporary file beside `file` and flushed to disk,
 * and nothing else happens until `commit`. Several files staged first and committed together change a folder in a
 * moment (renames), after every byte of every file is safely on disk.
 */
export async function stageFileAtomic(file: string, data: string | Uint8Array): Promise<StagedFile> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  await removeStaleTempFiles(dir, basename(file));
  const tmp = join(dir, `${PREFIX}${basename(file)}-${process.pid}-${randomBytes(4).toString('hex')}`);
  pending.add(tmp);
  const abort = async (): Promise<void> => {
    await rm(tmp, { force: true });
    pending.delete(tmp);
  };
  try {
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await abort();
    throw error;
  }
  return {
    file,
    abort,
    commit: async () => {
      try {
        await rename(tmp, file);
      } catch (error) {
        await rm(tmp, { force: true });
        throw error;
      } finally {
        pending.delete(tmp);
      }
    },
  };
}

/**
 * Marks a path (a file, or a folder with all it holds) to be removed if the process is interrupted (a lock file, the
 * workbench's temporary folder); `release` forgets it again.
 */
export function removeOnInterrupt(path: string): { release(): void } {
  pending.add(path);
  return { release: () => void pending.delete(path) };
}

/** True when a process with this id runs on this machine. */
export function processRuns(pid: number): boolean {
  return isRunning(pid);
}

/**
 * Removes the temporary files of writes still in progress. For signal handlers (Ctrl-C during a report write):
 * synchronous, because the process ends right after.
 */
export function removePendingTempFiles(): void {
  removePaths(pending.paths);
  pending.paths.clear();
}

/** Removes each path (a file or a folder), ignoring those already gone. */
export function removePaths(paths: Iterable<string>): void {
  for (const path of paths) rmSync(path, { force: true, recursive: true });
}

/** `.junheng-tmp-<name>-<pid>-<hex>` files of `name` whose process no longer runs: a SIGKILL left them behind. */
async function removeStaleTempFiles(dir: string, name: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return;
  }
  const own = `${PREFIX}${name}-`;
  for (const entry of entries) {
    if (!entry.startsWith(own)) continue;
    const pid = Number(/^(\d+)-[0-9a-f]+$/.exec(entry.slice(own.length))?.[1]);
    if (Number.isInteger(pid) && pid !== process.pid && !isRunning(pid))
      await rm(join(dir, entry), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
