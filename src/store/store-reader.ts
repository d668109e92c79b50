import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBBlobValue, type DuckDBConnection } from '@duckdb/node-api';
import { countyFromBytes } from '../data/county-bytes.ts';
import { compilePlan } from '../engine/compile-plan.ts';
import { evaluateCounty } from '../engine/evaluate-dataset.ts';
import type { ThresholdEvaluator } from '../engine/threshold-evaluator.ts';
import type { CountyResult, Evaluation } from '../model/evaluation.ts';
import type { RuleSet } from '../model/ruleset.ts';
import { hashRuleSet } from '../rules/hash-ruleset.ts';
import { ENGINE_VERSION } from '../version.ts';
import { checkStoreTables } from './check-store-tables.ts';
import { StoreError } from './store-error.ts';
import { STORE_TABLES } from './store-tables.ts';
import { sqlString } from './store-writer.ts';

/** A row of `runs`, as a reader needs it. */
export interface StoredRun {
  runId: string;
  rulesetId: string;
  rulesetHash: string;
  datasetId: string;
  datasetHash: string;
  schoolYear: string | null;
  label: string | null;
  engineVersion: string;
  evaluator: string;
  header: string;
  ruleset: string;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads a results store: a DuckDB file (opened read-only), or a folder of Parquet files as `--format parquet`
 * writes them (each table a view over its files, the shards and runs of the folder together).
 */
export class StoreReader {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
  ) {}

  static async open(path: string): Promise<StoreReader> {
    if (!existsSync(path))
      throw new StoreError({ zh: `${path}：结果库不存在`, en: `${path}: no such results store` });
    const folder = statSync(path).isDirectory();
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(
        folder ? ':memory:' : path,
        folder ? {} : { access_mode: 'read_only' },
      );
    } catch (error) {
      throw new StoreError({
        zh: `${path}：不是 DuckDB 数据库（${describe(error)}）`,
        en: `${path}: not a DuckDB database (${describe(error)})`,
      });
    }
    const connection = await instance.connect();
    const reader = new StoreReader(path, instance, connection);
    try {
      if (folder) await reader.viewParquet(path);
      await checkStoreTables(connection, path, false);
    } catch (error) {
      reader.close();
      throw error;
    }
    return reader;
  }

  /** Each table a view over its Parquet files, with its columns in the order of the DuckDB store. */
  private async viewParquet(dir: string): Promise<void> {
    for (const table of STORE_TABLES) {
      const folder = join(dir, table.name);
      if (!existsSync(folder))
        throw new StoreError({
          zh: `${dir}：不是 junheng 的 Parquet 结果集（缺少 ${table.name}/）`,
          en: `${dir}: not a junheng Parquet data set (${table.name}/ is missing)`,
        });
      const columns = table.columns.map((c) => `"${c.name}"`).join(', ');
      const source =
        table.name === 'runs'
          ? `read_parquet(${sqlString(join(folder, '*.parquet'))})`
          : `read_parquet(${sqlString(join(folder, '**', '*.parquet'))}, hive_partitioning = true, hive_types_autocast = false, union_by_name = true)`;
      await this.connection.run(`CREATE VIEW ${table.name} AS SELECT ${columns} FROM ${source}`);
    }
  }

  /** Rows of a query, as objects keyed by column name. */
  async rows(sql: string): Promise<Record<string, unknown>[]> {
    const reader = await this.connection.runAndReadAll(sql);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  }

  /** The runs of the store, in the order they were written. */
  async runs(): Promise<StoredRun[]> {
    const rows = await this.rows(
      'SELECT run_id, any_value(ruleset_id) AS ruleset_id, any_value(ruleset_hash) AS ruleset_hash, ' +
        'any_value(dataset_id) AS dataset_id, any_value(dataset_hash) AS dataset_hash, ' +
        'any_value(school_year) AS school_year, any_value(label) AS label, any_value(engine_version) AS engine_version, ' +
        'any_value(evaluator) AS evaluator, any_value(header) AS header, ' +
        'any_value(ruleset) AS ruleset, min(evaluated_at) AS first_at FROM runs GROUP BY run_id ORDER BY first_at, run_id',
    );
    return rows.map((row) => ({
      runId: String(row['run_id']),
      rulesetId: String(row['ruleset_id']),
      rulesetHash: String(row['ruleset_hash']),
      datasetId: String(row['dataset_id']),
      datasetHash: String(row['dataset_hash']),
      schoolYear: row['school_year'] === null ? null : String(row['school_year']),
      label: row['label'] === null ? null : String(row['label']),
      engineVersion: String(row['engine_version']),
      evaluator: String(row['evaluator']),
      header: String(row['header']),
      ruleset: String(row['ruleset']),
    }));
  }

  /** The run of this id; without an id, the store's only run. An unknown or missing id lists the runs. */
  async run(id: string | undefined): Promise<StoredRun> {
    const runs = await this.runs();
    const found =
      id === undefined ? (runs.length === 1 ? runs[0] : undefined) : runs.find((r) => r.runId === id);
    if (found) return found;
    const list = runs.map((r) => r.runId).join(', ') || '—';
    throw new StoreError(
      id === undefined
        ? {
            zh: `${this.path} 有 ${runs.length} 次运行，请用 --run 指定一个：${list}`,
            en: `${this.path} holds ${runs.length} runs; name one with --run: ${list}`,
          }
        : {
            zh: `${this.path} 没有运行“${id}”；已有：${list}`,
            en: `${this.path} holds no run "${id}"; runs: ${list}`,
          },
    );
  }

  /** The counties of a run that hold a subject of this key or name (a county code names its county). */
  async countiesOf(run: StoredRun, keyOrName: string): Promise<string[]> {
    const rows = await this.rows(
      `SELECT DISTINCT county FROM subjects WHERE run_id = ${sqlString(run.runId)} AND ` +
        `(subject = ${sqlString(keyOrName)} OR name = ${sqlString(keyOrName)}) ORDER BY county`,
    );
    return rows.map((row) => String(row['county']));
  }

  /**
   * The run's evaluation, judged again from the data it stored (all counties, or those named), in dataset order:
   * each county's records as the run read them, evaluated under the run's rule set with the run's threshold
   * evaluator (`evaluator` makes it from its name), trail included: the Evaluation the run was written from. Only
   * the engine version that wrote the run reads it back, so that the trail is the run's own.
   */
  async evaluation(
    run: StoredRun,
    evaluator: (name: string) => ThresholdEvaluator,
    counties?: string[],
  ): Promise<Evaluation> {
    if (run.engineVersion !== ENGINE_VERSION)
      throw new StoreError({
        zh: `${this.path}：运行“${run.runId}”由 junheng ${run.engineVersion} 写入，本程序为 ${ENGINE_VERSION}；依据需由写入它的版本重建：请用本版本重新 evaluate --store（表中数据仍可直接用 SQL 查询）`,
        en: `${this.path}: run "${run.runId}" was written by junheng ${run.engineVersion} and this is ${ENGINE_VERSION}; its trails are rebuilt by the version that wrote it: evaluate again with --store (its tables can still be queried with SQL)`,
      });
    const ruleset = this.ruleset(run);
    if (hashRuleSet(ruleset) !== run.rulesetHash)
      throw new StoreError({
        zh: `${this.path}：运行“${run.runId}”的规则集与其哈希不符，结果库已被改动`,
        en: `${this.path}: the rule set of run "${run.runId}" does not match its hash; the store was altered`,
      });
    const only =
      counties === undefined ? '' : ` AND county IN (${counties.map(sqlString).join(', ') || 'NULL'})`;
    const reader = await this.connection.runAndReadAll(
      `SELECT data FROM county_data WHERE run_id = ${sqlString(run.runId)}${only} ORDER BY position, county`,
    );
    const plan = compilePlan(ruleset, evaluator(run.evaluator));
    const results: CountyResult[] = [];
    for (const row of reader.getRows())
      results.push(await evaluateCounty(countyFromBytes((row[0] as DuckDBBlobValue).bytes), plan));
    const { kind: _kind, ...head } = JSON.parse(run.header) as Record<string, unknown>;
    return { ...(head as Omit<Evaluation, 'counties'>), counties: results };
  }

  /** The resolved rule set the run was evaluated under. */
  ruleset(run: StoredRun): RuleSet {
    return JSON.parse(run.ruleset) as RuleSet;
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
