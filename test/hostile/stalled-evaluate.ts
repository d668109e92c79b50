/**
 * `junheng evaluate` with every file write stalled halfway, for test/hostile/atomic-output.test.ts to kill it
 * mid-write. Prints STALLED <temporary file> once half of the first report is on disk, then waits to be killed.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { cleanUpOnInterrupt } from '../../src/cli/clean-up-on-interrupt.ts';
import { run } from '../../src/cli/program.ts';

const probe = await open(process.execPath, 'r');
const handleProto = Object.getPrototypeOf(probe) as FileHandle;
await probe.close();
const writeFile = handleProto.writeFile;
handleProto.writeFile = async function (this: FileHandle, data: string | Uint8Array): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data);
  await writeFile.call(this, bytes.subarray(0, Math.floor(bytes.length / 2)));
  process.stdout.write(`STALLED ${bytes.length}\n`);
  // Keep the process alive until the test kills it.
  await new Promise(() => setInterval(() => undefined, 1000));
};

cleanUpOnInterrupt();
await run(process.argv.slice(2));
