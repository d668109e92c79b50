import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { PROJECT_ROOT } from '../project-root.ts';
import { buildApp } from './app.ts';
import { Workspace, type WorkspaceOptions } from './workspace.ts';

/** The loopback address the workbench listens on, and nothing else. */
export const LOOPBACK = '127.0.0.1';

export interface StartOptions extends WorkspaceOptions {
  /** 0 lets the system pick a free port. */
  port: number;
  /** The folder of the page's script and style (default dist/web, built by `npm run build`). */
  assets?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  workspace: Workspace;
  close(): Promise<void>;
}

/** Why the page cannot be served: its bundled script was not built. */
export class AssetsMissingError extends Error {
  readonly text: { zh: string; en: string };
  constructor(dir: string) {
    const text = {
      zh: `找不到工作台页面的脚本（${dir}）；请先运行 npm run build`,
      en: `the workbench page's script is missing (${dir}); run npm run build first`,
    };
    super(text.en);
    this.text = text;
  }
}

/** Loads the rule set and the dataset, then serves the workbench on 127.0.0.1. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const assets = options.assets ?? join(PROJECT_ROOT, 'dist', 'web');
  if (!existsSync(join(assets, 'workbench.js'))) throw new AssetsMissingError(assets);
  const workspace = new Workspace(options);
  await workspace.loadRules();
  await workspace.useStarted();
  const token = randomBytes(24).toString('base64url');
  let port = options.port;
  const app = buildApp({ workspace, token, port: () => port, assets });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: LOOPBACK }, () => resolve(s));
    s.once('error', reject);
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${LOOPBACK}:${port}/`,
    port,
    workspace,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await workspace.close();
    },
  };
}
