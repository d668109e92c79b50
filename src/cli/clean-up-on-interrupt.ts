import { removePendingTempFiles } from '../files/write-atomic.ts';

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * On Ctrl-C (or a kill) during a report write, removes the half-written temporary files, then lets the signal end
 * the process as it would have: the previous reports stay as they were and no partial file is left behind.
 */
export function cleanUpOnInterrupt(): void {
  for (const signal of SIGNALS) {
    const handler = (): void => {
      removePendingTempFiles();
      for (const s of SIGNALS) process.removeAllListeners(s);
      process.kill(process.pid, signal);
    };
    process.once(signal, handler);
  }
}
