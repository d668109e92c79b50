import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { CountyResult, Evaluation } from '../model/index.ts';
import { compactCountyLine } from '../result/county-line.ts';

/** The file the county results of a many-county evaluation are streamed to, one JSON document per line. */
export const COUNTY_STREAM_FILE = 'counties.ndjson';

/**
 * Streams county results to one NDJSON file as they are evaluated, so that memory does not grow with the number
 * of counties. The first line is the evaluation's header (engine, rule set, dataset, without counties); each further
 * line is one county's whole result, trail included, in format version 2 with the rule constants and places it
 * refers to (compactCountyLine; readCountyLine reads it back). The lines go to a temporary file in the same folder, which is
 * flushed and renamed over the target when the stream is closed: readers see the previous file or the whole new
 * one, never a part (as write-atomic.ts does for whole files).
 */
export class CountyStreamWriter {
  private constructor(
    readonly file: string,
    private readonly tmp: string,
    private readonly stream: WriteStream,
    private readonly header: Evaluation,
  ) {}

  static async open(file: string, header: Evaluation): Promise<CountyStreamWriter> {
    const dir = dirname(file);
    await mkdir(dir, { recursive: true });
    const tmp = join(dir, `.junheng-tmp-${basename(file)}-${process.pid}-${randomBytes(4).toString('hex')}`);
    const stream = createWriteStream(tmp, { highWaterMark: 1 << 20 });
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
    const writer = new CountyStreamWriter(file, tmp, stream, header);
    const { counties: _counties, ...head } = header;
    await writer.line({ ...head, kind: 'header' });
    return writer;
  }

  /** Appends one county's result; waits when the disk is behind, so results never pile up in memory. */
  async write(result: CountyResult): Promise<void> {
    await this.line(compactCountyLine(this.header, result));
  }

  private async line(value: unknown): Promise<void> {
    // Plain JSON.stringify (it writes a number that is not finite as null, as serialize-json.ts does): the engine
    // and compactCountyLine build every result in the same key order, so equal results give equal lines, without
    // sorting keys.
    await this.writeLine(JSON.stringify(value));
  }

  /** Appends one line already serialised (`JSON.stringify(compactCountyLine(header, result))`, made elsewhere). */
  async writeLine(text: string): Promise<void> {
    if (!this.stream.write(`${text}\n`)) {
      await new Promise<void>((resolve, reject) => {
        const onError = (error: Error) => reject(error);
        this.stream.once('error', onError);
        this.stream.once('drain', () => {
          this.stream.off('error', onError);
          resolve();
        });
      });
    }
  }

  /** Flushes the file to disk and renames it over the target. */
  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
    try {
      const handle = await open(this.tmp, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(this.tmp, this.file);
    } catch (error) {
      await rm(this.tmp, { force: true });
      throw error;
    }
  }

  /** Gives up: removes the temporary file and leaves the target as it was. */
  async abort(): Promise<void> {
    this.stream.destroy();
    await rm(this.tmp, { force: true });
  }
}
