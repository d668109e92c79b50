import type { Command } from 'commander';
import { parseLang, UsageError, type CliIo } from './cli-context.ts';
import { DEFAULT_DATASET, DEFAULT_DATASET_NAME, DEFAULT_RULES } from './defaults.ts';
import type { Say } from './help-language.ts';
import { sharedWords } from './shared-options.ts';

/** The port `junheng serve` listens on unless --port says otherwise. */
const DEFAULT_PORT = 8417;

/** `junheng serve`: the local workbench, a web page on 127.0.0.1 to evaluate, change thresholds and save. */
export function registerServe(program: Command, io: CliIo, say: Say): void {
  const words = sharedWords(say);
  program
    .command('serve')
    .description(
      say(
        '打开本机工作台（网页，只在 127.0.0.1）：评估工作簿、查看报告，改阈值并立即看到哪些学校的结论改变，再保存',
        'start the local workbench (a web page on 127.0.0.1 only): evaluate a workbook, read the report, change a threshold and see which verdicts flip before saving',
      ),
    )
    .option(
      '-r, --rules <ruleset>',
      `${words.rules}${say(`（默认 ${DEFAULT_RULES}）`, ` (default ${DEFAULT_RULES})`)}`,
    )
    .option(
      '-d, --data <dataset>',
      say(
        `数据集文件夹或填报工作簿 .xlsx（默认：随附的示例 ${DEFAULT_DATASET_NAME}）`,
        `a dataset folder or filled-in .xlsx workbook (default: the bundled sample ${DEFAULT_DATASET_NAME})`,
      ),
    )
    .option(
      '-p, --port <port>',
      say(
        `端口（默认 ${DEFAULT_PORT}；0 表示任选一个空闲端口）`,
        `port (default ${DEFAULT_PORT}; 0 picks a free one)`,
      ),
    )
    .option('--lang <lang>', words.lang)
    .action(async (options: { rules?: string; data?: string; port?: string; lang?: string }) => {
      const lang = parseLang(options.lang);
      const port = options.port === undefined ? DEFAULT_PORT : Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new UsageError({
          zh: `--port 的值“${options.port}”无效：应为 0 到 65535 的整数`,
          en: `--port: '${options.port}' is not a port (an integer from 0 to 65535)`,
        });
      }
      const { startServer } = await import('../serve/start-server.ts');
      const server = await startServer({
        rules: options.rules ?? DEFAULT_RULES,
        data: options.data ?? DEFAULT_DATASET,
        port,
      }).catch((error: unknown) => {
        if ((error as { code?: unknown }).code !== 'EADDRINUSE') throw error;
        throw new UsageError({
          zh: `端口 ${port} 已被占用（也许工作台已经在运行）；用 --port 换一个，或 --port 0 任选空闲端口`,
          en: `port ${port} is in use (is the workbench already running?); choose another with --port, or --port 0 for any free one`,
        });
      });
      const { workspace } = server;
      if (!workspace.ruleset)
        io.err(
          `${lang === 'zh' ? '规则集有问题，工作台会列出' : 'the rule set has problems; the workbench lists them'}\n`,
        );
      io.out(
        lang === 'zh'
          ? `工作台已启动：${server.url}\n（只在本机可用；按 Ctrl+C 停止）\n`
          : `workbench running at ${server.url}?lang=en\n(this machine only; Ctrl+C stops it)\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          void server.close().then(resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
