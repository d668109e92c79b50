import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import {
  DuckDBInstance,
  DuckDBTimestampValue,
  type DuckDBAppender,
  type DuckDBConnection,
} from '@duckdb/node-api';
import { removeOnInterrupt } from '../files/write-atomic.ts';
import type { Evaluation } from '../model/evaluation.ts';
import type { RuleSet } from '../model/ruleset.ts';
import { provinceOf, type Cell } from './county-rows.ts';
import type { PreparedStoreCounty } from './prepare-store-county.ts';
import { checkCodedTexts, checkStoreTables, codeStore } from './check-store-tables.ts';
import { StoreError } from './store-error.ts';
import { ChunkedTables } from './chunked-tables.ts';
import { STORE_TABLES, storeDdl, storeTable, type StoreTable } from './store-tables.ts';
import type { Shard } from './shard.ts';

/** Where a run is written: a DuckDB file, or a folder of Parquet files partitioned by province. */
export type StoreTarget = { kind: 'duckdb'; file: string } | { kind: 'parquet'; dir: string };

/** What a run records besides its counties. */
export interface RunInfo {
  /** The evaluation without its counties (as the first line of counties.ndjson). */
  header: Evaluation;
  ruleset: RuleSet;
  schoolYear?: string;
  /** The run id asked for; a DuckDB store chooses `<dataset>~<rule set>` (then ~2, ~3 …) otherwise. */
  runId?: string;
  label?: string;
  shard?: Shard;
}

function appendCell(appender: DuckDBAppender, type: StoreTable['columns'][number]['type'], cell: Cell): void {
  if (cell === null) appender.appendNull();
  else if (type === 'VARCHAR') appender.appendVarchar(String(cell));
  else if (type === 'DOUBLE') appender.appendDouble(Number(cell));
  else if (type === 'INTEGER') appender.appendInteger(Number(cell));
  else if (type === 'BOOLEAN') appender.appendBoolean(cell === true);
  else if (type === 'BLOB') appender.appendBlob(cell as unknown as Uint8Array);
  else appender.appendTimestamp(new DuckDBTimestampValue(BigInt(Number(cell)) * 1000n));
}

function appendRows(appender: DuckDBAppender, table: StoreTable, rows: Cell[][]): void {
  const { columns } = table;
  for (const row of rows) {
    for (let n = 0; n < columns.length; n++)
      appendCell(appender, (columns[n] as StoreColumnLike).type, row[n] ?? null);
    appender.endRow();
  }
}

type StoreColumnLike = StoreTable['columns'][number];

/** A SQL string literal. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Writes one run into a results store, county by county, through DuckDB appenders (one per table), the rows a data
 * chunk at a time (see chunked-tables.ts). A new DuckDB store is written to a temporary file beside the target and renamed over it when the run is complete; a run
 * appended to an existing store is one transaction, committed when the run is complete and rolled back otherwise.
 * A Parquet run is written to a temporary DuckDB file first, then copied out table by table, partitioned by
 * province (hive style, `province=440000/`), and its files moved into the folder.
 */
export class StoreWriter {
  private countyData: DuckDBAppender | undefined;
  private chunked: ChunkedTables | undefined;
  private counties = 0;
  private readonly startedAt = Date.now();

  private constructor(
    private readonly target: StoreTarget,
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    /** The file DuckDB writes: a temporary one for a new store or a Parquet run. */
    private readonly dbFile: string,
    private readonly fresh: boolean,
    readonly runId: string,
    private readonly info: RunInfo,
    private readonly release: () => void,
  ) {}

  static async open(target: StoreTarget, info: RunInfo): Promise<StoreWriter> {
    const near = target.kind === 'duckdb' ? dirname(target.file) : target.dir;
    await mkdir(near, { recursive: true });
    const exists = target.kind === 'duckdb' && existsSync(target.file);
    const name = target.kind === 'duckdb' ? basename(target.file) : 'parquet.duckdb';
    const dbFile = exists
      ? (target as { file: string }).file
      : join(near, `.junheng-tmp-${name}-${process.pid}-${randomBytes(4).toString('hex')}`);
    const guard = exists ? { release: () => {} } : removeOnInterrupt(dbFile);
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(dbFile);
    } catch (error) {
      guard.release();
      throw new StoreError({
        zh: `${dbFile}：不是可写的 DuckDB 数据库（${describe(error)}）`,
        en: `${dbFile}: not a DuckDB database that can be written (${describe(error)})`,
      });
    }
    const connection = await instance.connect();
    try {
      // DuckDB's buffer pool defaults to most of the machine's memory; a run is appended county by county and needs
      // little of it, so it is capped to keep the process's peak near that of the evaluation.
      await connection.run(`SET memory_limit = '512MB'`);
      // A store written before its columns were coded is coded first (in a transaction of its own).
      const layout = exists ? await checkStoreTables(connection, dbFile, true) : 'new';
      if (layout === 'plain') await codeStore(connection);
      if (layout === 'coded') await checkCodedTexts(connection, dbFile);
      await connection.run(storeDdl());
      const runId =
        info.runId ?? (await freeRunId(connection, `${info.header.dataset.id}~${info.ruleset.id}`));
      if (exists && info.runId !== undefined) {
        const taken = await connection.runAndReadAll(
          `SELECT count(*) FROM runs WHERE run_id = ${sqlString(info.runId)}`,
        );
        if (Number(taken.getRows()[0]?.[0] ?? 0) > 0)
          throw new StoreError({
            zh: `${dbFile}：已有运行“${info.runId}”；请换一个 --run-id`,
            en: `${dbFile}: the store already holds run "${info.runId}"; give another --run-id`,
          });
      }
      if (exists) await connection.run('BEGIN TRANSACTION');
      const writer = new StoreWriter(
        target,
        instance,
        connection,
        dbFile,
        !exists,
        runId,
        info,
        guard.release,
      );
      writer.chunked = await ChunkedTables.open(connection);
      writer.countyData = await connection.createAppender('county_data');
      return writer;
    } catch (error) {
      connection.closeSync();
      instance.closeSync();
      if (!exists) await rm(dbFile, { force: true });
      guard.release();
      throw error;
    }
  }

  /** Appends a county prepared by prepareStoreCounty (in this thread or a worker). */
  writePrepared(county: PreparedStoreCounty, position: number): void {
    const key = county.county;
    const province = provinceOf(key);
    (this.chunked as ChunkedTables).add([this.runId, province, key], county.rows);
    appendRows(this.countyData as DuckDBAppender, storeTable('county_data'), [
      [this.runId, province, key, position, county.data],
    ]);
    this.counties++;
    // An appender holds its rows until it is flushed, and a county's data is one row of tens of kilobytes: flushed
    // every 64 counties, they do not gather a whole run in memory (the nation's peak 1.98 → 1.62 GB). The row tables'
    // appenders are left to DuckDB: flushing them as often made the run slower and the store larger.
    if (this.counties % 64 === 0) (this.countyData as DuckDBAppender).flushSync();
  }

  /** Finishes the run: its `runs` row, then the commit (or rename, or Parquet files). Returns what was written. */
  async close(): Promise<string[]> {
    try {
      const chunked = this.chunked as ChunkedTables;
      this.chunked = undefined;
      chunked.close();
      const countyData = this.countyData as DuckDBAppender;
      this.countyData = undefined;
      countyData.flushSync();
      countyData.closeSync();
      await this.writeRun();
      if (this.target.kind === 'duckdb') {
        if (!this.fresh) await this.connection.run('COMMIT');
        else await this.connection.run('CHECKPOINT');
        this.shut();
        if (this.fresh) {
          await rename(this.dbFile, this.target.file);
          await rm(`${this.dbFile}.wal`, { force: true });
        }
        return [this.target.file];
      }
      const files = await this.exportParquet(this.target.dir);
      this.shut();
      await rm(this.dbFile, { force: true });
      await rm(`${this.dbFile}.wal`, { force: true });
      return files;
    } catch (error) {
      await this.abort();
      throw error;
    } finally {
      this.release();
    }
  }

  /** Gives up: the transaction is rolled back, or the temporary file removed; the store stays as it was. */
  async abort(): Promise<void> {
    this.chunked?.drop();
    this.chunked = undefined;
    try {
      this.countyData?.closeSync();
    } catch {
      // The appender's rows are dropped with the transaction or the file.
    }
    this.countyData = undefined;
    if (!this.fresh) {
      try {
        await this.connection.run('ROLLBACK');
      } catch {
        // No transaction left to roll back.
      }
    }
    this.shut();
    if (this.fresh) {
      await rm(this.dbFile, { force: true });
      await rm(`${this.dbFile}.wal`, { force: true });
    }
    this.release();
  }

  private closed = false;

  private shut(): void {
    if (this.closed) return;
    this.closed = true;
    this.connection.closeSync();
    this.instance.closeSync();
  }

  private async writeRun(): Promise<void> {
    const { header, ruleset, schoolYear, label, shard } = this.info;
    const { counties: _counties, ...head } = header;
    const row: Cell[] = [
      this.runId,
      header.ruleset.id,
      header.ruleset.hash,
      header.dataset.id,
      header.dataset.hash,
      schoolYear ?? null,
      label ?? null,
      header.engine.version,
      header.engine.evaluator,
      this.startedAt,
      shard ? `${shard.index}/${shard.count}` : null,
      this.counties,
      JSON.stringify({ ...head, kind: 'header' }),
      JSON.stringify(ruleset),
    ];
    const appender = await this.connection.createAppender('runs');
    appendRows(appender, storeTable('runs'), [row]);
    appender.flushSync();
    appender.closeSync();
  }

  /**
   * Copies every table out as Parquet under `<dir>/<table>/` (by province, hive style, but `runs`), the file names
   * carrying the run and the shard so that runs and shards add files beside each other; then moves them in.
   */
  private async exportParquet(dir: string): Promise<string[]> {
    const staging = join(dir, `.junheng-tmp-parquet-${process.pid}-${randomBytes(4).toString('hex')}`);
    const token = `${this.runId.replace(/[^A-Za-z0-9._-]/g, '_')}-${
      this.info.shard ? `${this.info.shard.index}of${this.info.shard.count}` : 'all'
    }`;
    try {
      for (const table of STORE_TABLES) {
        const out = join(staging, table.name);
        if (table.name === 'runs') {
          await mkdir(out, { recursive: true });
          await this.connection.run(
            `COPY runs TO ${sqlString(join(out, `${token}.parquet`))} (FORMAT PARQUET)`,
          );
          continue;
        }
        // A table without rows still gets a file (of no rows), so that every table of the data set can be read.
        const count = await this.connection.runAndReadAll(`SELECT count(*) FROM ${table.name}`);
        if (Number(count.getRows()[0]?.[0] ?? 0) === 0) {
          await mkdir(join(out, 'province=unknown'), { recursive: true });
          await this.connection.run(
            `COPY (SELECT * EXCLUDE (province) FROM ${table.name}) TO ${sqlString(
              join(out, 'province=unknown', `${token}-0.parquet`),
            )} (FORMAT PARQUET)`,
          );
          continue;
        }
        await this.connection.run(
          `COPY (SELECT * FROM ${table.name}) TO ${sqlString(out)} (FORMAT PARQUET, PARTITION_BY (province), ` +
            `FILENAME_PATTERN ${sqlString(`${token}-{i}`)}, OVERWRITE_OR_IGNORE)`,
        );
      }
      const files = await listFiles(staging);
      for (const file of files) {
        const to = join(dir, relative(staging, file));
        await mkdir(dirname(to), { recursive: true });
        await rename(file, to);
      }
      return files.map((file) => join(dir, relative(staging, file)));
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else out.push(path);
  }
  return out.sort();
}

/** `base`, or `base~2`, `base~3` … : the first run id the store does not hold. */
async function freeRunId(connection: DuckDBConnection, base: string): Promise<string> {
  const reader = await connection.runAndReadAll('SELECT run_id FROM runs');
  const taken = new Set(reader.getRows().map((row) => String(row[0])));
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}~${n}`;
  return id;
}

/** The size of what a run wrote, in bytes. */
export async function writtenBytes(files: string[]): Promise<number> {
  let total = 0;
  for (const file of files) total += (await stat(file)).size;
  return total;
}
