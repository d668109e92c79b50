import type { CliIo } from './cli-context.ts';

/** A progress bar on stderr, redrawn at most every 100 ms, only on a terminal. */
export class ProgressBar {
  private last = 0;
  private readonly started = Date.now();

  constructor(
    private readonly io: CliIo,
    private readonly label: string,
    private readonly width = 30,
  ) {}

  update(done: number, total: number): void {
    if (!this.io.isTTY) return;
    const now = Date.now();
    if (done < total && now - this.last < 100) return;
    this.last = now;
    const filled = total === 0 ? this.width : Math.round((done / total) * this.width);
    const seconds = ((now - this.started) / 1000).toFixed(1);
    this.io.err(
      `\r${this.label} [${'█'.repeat(filled)}${'░'.repeat(this.width - filled)}] ${done}/${total} ${seconds}s`,
    );
    if (done >= total) this.io.err('\n');
  }
}
