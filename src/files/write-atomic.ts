import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const PREFIX = '.junheng-tmp-';

/** Temporary files being written now, removed by `removePendingTempFiles` when the process is interrupted. */
const pending = new Set<string>();

/**
 * Writes a file so that readers see either the previous content or the whole new one, never a part:
 * the bytes go to a temporary file in the same folder, are flushed to disk, and the file is renamed over the target.
 * A temporary file left by a killed earlier run (its process is gone) is removed first.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  await removeStaleTempFiles(dir, basename(file));
  const tmp = join(dir, `${PREFIX}${basename(file)}-${process.pid}-${randomBytes(4).toString('hex')}`);
  pending.add(tmp);
  try {
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  } finally {
    pending.delete(tmp);
  }
}

/**
 * Removes the temporary files of writes still in progress. For signal handlers (Ctrl-C during a report write):
 * synchronous, because the process ends right after.
 */
export function removePendingTempFiles(): void {
  for (const tmp of pending) rmSync(tmp, { force: true });
  pending.clear();
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
