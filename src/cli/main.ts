import { cleanUpOnInterrupt } from './clean-up-on-interrupt.ts';
import { run } from './program.ts';

cleanUpOnInterrupt();
await run(process.argv.slice(2));
