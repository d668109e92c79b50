import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** One diagnostic as the editor would draw it under a file. */
export interface EditorDiagnostic {
  line: number;
  message: string;
  source?: string;
}

interface Message {
  id?: number;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { message: string };
}

/** Settings an editor sends: validation and hover on, no schema store (no network), schemas only from modelines. */
const SETTINGS = {
  yaml: {
    validate: true,
    hover: true,
    completion: true,
    format: { enable: false },
    schemaStore: { enable: false },
    schemas: {},
    keyOrdering: false,
  },
};

/** How long one file may take to be diagnosed on a busy machine. */
const PER_FILE_MS = 60_000;

/**
 * yaml-language-server run as a child process over stdio, the way an editor runs it: the test opens files, the
 * server publishes the diagnostics an editor would underline.
 */
export class YamlLanguageServer {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (message: Message) => void>();
  private readonly diagnostics = new Map<string, EditorDiagnostic[]>();
  private readonly waiters: (() => void)[] = [];
  private stderr = '';

  constructor(rootDir: string) {
    const require = createRequire(import.meta.url);
    const pkg = require.resolve('yaml-language-server/package.json');
    const bin = join(dirname(pkg), 'bin', 'yaml-language-server');
    this.child = spawn(process.execPath, [bin, '--stdio'], { cwd: rootDir, stdio: 'pipe' });
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.child.once('exit', () => {
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** The LSP handshake, with the editor's settings. */
  async start(rootDir: string): Promise<void> {
    await this.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(rootDir).href,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
        textDocument: { publishDiagnostics: {}, hover: { contentFormat: ['markdown', 'plaintext'] } },
      },
      workspaceFolders: [{ uri: pathToFileURL(rootDir).href, name: 'junheng' }],
    });
    this.notify('initialized', {});
    this.notify('workspace/didChangeConfiguration', { settings: SETTINGS });
  }

  /** Opens a file and waits until the server has published its diagnostics. */
  async diagnose(file: string): Promise<EditorDiagnostic[]> {
    const uri = pathToFileURL(file).href;
    this.diagnostics.delete(uri);
    this.notify('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text: readFileSync(file, 'utf8') },
    });
    // Bounded: a server that never answers for a file fails the test with the file's name, not a hang.
    const deadline = Date.now() + PER_FILE_MS;
    while (!this.diagnostics.has(uri)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`yaml-language-server published no diagnostics for ${file} within ${PER_FILE_MS} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      if (this.child.exitCode !== null) throw new Error(`yaml-language-server exited: ${this.stderr}`);
    }
    this.notify('textDocument/didClose', { textDocument: { uri } });
    return this.diagnostics.get(uri) ?? [];
  }

  /** The hover text at a position (0-based line and character). */
  async hover(file: string, line: number, character: number): Promise<string> {
    const uri = pathToFileURL(file).href;
    this.notify('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text: readFileSync(file, 'utf8') },
    });
    const result = (await this.request('textDocument/hover', {
      textDocument: { uri },
      position: { line, character },
    })) as { contents?: { value?: string } | string } | null;
    this.notify('textDocument/didClose', { textDocument: { uri } });
    const contents = result?.contents;
    return typeof contents === 'string' ? contents : (contents?.value ?? '');
  }

  /** shutdown, exit, and the process gone. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 5000))]);
      this.notify('exit', null);
    } finally {
      const timer = setTimeout(() => this.child.kill(), 5000);
      await exited;
      clearTimeout(timer);
    }
  }

  private request(method: string, params: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (message) =>
        message.error ? reject(new Error(`${method}: ${message.error.message}`)) : resolve(message.result),
      );
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  private notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  private send(message: object): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.handle(JSON.parse(body) as Message);
    }
  }

  private handle(message: Message): void {
    if (message.id !== undefined && message.method === undefined) {
      this.pending.get(message.id)?.(message);
      this.pending.delete(message.id);
      return;
    }
    if (message.id !== undefined && message.method) {
      // Requests from the server: the settings it asks for, and nothing else an editor would refuse.
      const result =
        message.method === 'workspace/configuration'
          ? ((message.params as { items?: { section?: string }[] }).items ?? []).map((item) =>
              item.section === 'yaml' ? SETTINGS.yaml : item.section ? null : SETTINGS,
            )
          : null;
      this.send({ jsonrpc: '2.0', id: message.id, result });
      return;
    }
    if (message.method === 'textDocument/publishDiagnostics') {
      const params = message.params as {
        uri: string;
        diagnostics: { range: { start: { line: number } }; message: string; source?: string }[];
      };
      this.diagnostics.set(
        params.uri,
        params.diagnostics.map((d) => ({
          line: d.range.start.line + 1,
          message: d.message,
          ...(d.source ? { source: d.source } : {}),
        })),
      );
      for (const wake of this.waiters.splice(0)) wake();
    }
  }
}
