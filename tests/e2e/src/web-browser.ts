// The page functions passed to evaluate run in the browser.
/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { LoginDocument, SourcesWithLastRunDocument, WebReleasesDocument } from '@mrt/operations';
import { REPO_ROOT, launchSupergraph, type LaunchedSupergraph } from './processes.js';

/** What the web specs share: the real Chromium, trusted-document calls, waits and screenshots. */
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = path.join(REPO_ROOT, 'test-results', 'web');
export const WEB_DIST = path.join(REPO_ROOT, 'web', 'dist');
/** Generous: a loaded 2-core machine runs parsers, the event pipeline and a browser at once. */
export const WAIT_MS = 90_000;

const manifest = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@mrt/operations/persisted-documents.json'), 'utf8')) as Record<string, string>;

export type TrustedCall = <R, V extends Record<string, unknown>>(document: TypedDocumentNode<R, V>, variables: V, headers?: Record<string, string>) => Promise<R>;

/** Calls a trusted document by its hash alone, the way a production client calls the gateway. */
export function trustedCaller(graphqlUrl: () => string, defaultHeaders: () => Record<string, string>): TrustedCall {
  return async (document, variables, headers = defaultHeaders()) => {
    const hash = (document as unknown as { __meta__: { hash: string } }).__meta__.hash;
    expect(manifest[hash]).toBeDefined();
    const response = await fetch(graphqlUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash.replace('sha256:', '') } } }),
    });
    const body = (await response.json()) as { data?: never; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    return body.data!;
  };
}

export async function until<T>(what: string, read: () => Promise<T | null | undefined | false>, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** Every source's first run (queued by the demo seed) has ended. */
export async function sampleRunsFinish(call: TrustedCall) {
  await until(
    'the sample runs',
    async () => {
      const sources = (await call(SourcesWithLastRunDocument, {})).sources.edges.map((edge) => edge.node);
      return sources.length > 0 && sources.every((source) => source.lastRun && !['QUEUED', 'RUNNING'].includes(source.lastRun.status));
    },
    2 * WAIT_MS,
  );
}

/** The sample runs' listings have reached releases through the catalog: `title` is searchable, sold by several shops. */
export async function demoReleaseArrives(call: TrustedCall, title: string) {
  await until(`the demo release ${title}`, async () => {
    const { releases } = await call(WebReleasesDocument, { filter: { search: title } });
    return releases.edges.some((edge) => edge.node.title === title && edge.node.offerCount >= 2);
  });
}

/** `pnpm test` builds the web first; a spec run on its own builds it here. */
export function ensureWebBuilt() {
  mkdirSync(SCREENSHOTS, { recursive: true });
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) execFileSync('pnpm', ['--filter', '@mrt/web', 'build'], { cwd: REPO_ROOT, stdio: 'ignore' });
}

export function launchBrowser(profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A new tab that records console errors and page errors into `problems`. */
export async function openPage(browser: BrowserContext, problems: string[], viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await browser.newPage();
  // Every wait is on a condition; the long default only matters on a machine under load.
  page.setDefaultTimeout(WAIT_MS);
  await page.setViewportSize(viewport);
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return page;
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Signs a new fan up through the web app's form (the first steps of every browser spec). */
export async function signUpInBrowser(page: Page, base: string, fan: { name: string; email: string; password: string }, options: { country?: string } = {}) {
  await page.goto(`${base}/sign-up`);
  await page.getByLabel('Display name').fill(fan.name);
  await page.getByLabel('Email').fill(fan.email);
  await page.getByLabel('Password').fill(fan.password);
  if (options.country) await page.getByLabel('Country (two letters, optional)').fill(options.country);
  await page.getByRole('button', { name: 'Sign up' }).click();
}

/** `pnpm start` with trusted documents only, its demo data arrived, and a real Chromium on it. */
export interface WebApp {
  base: string;
  graphqlUrl: string;
  /** Calls as the seeded admin unless other headers are given. */
  call: TrustedCall;
  browser: BrowserContext;
  /** Console and page errors of every tab opened with openPage. */
  problems: string[];
  openPage(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * What a browser spec starts from: the one-process supergraph on its own data directory, signed
 * in as the seeded admin and, given `release`, the sample runs finished and that release arrived.
 */
export async function startWebApp(name: string, options: { admin: { email: string; password: string }; release?: string; env?: Record<string, string> }): Promise<WebApp> {
  ensureWebBuilt();
  const dataDir = mkdtempSync(path.join(tmpdir(), `mrt-${name}-`));
  const profileDir = mkdtempSync(path.join(tmpdir(), `mrt-${name}-chromium-`));
  let service: LaunchedSupergraph | undefined;
  let browser: BrowserContext | undefined;
  let admin: Record<string, string> = {};
  let graphqlUrl = '';
  const close = async () => {
    await browser?.close();
    if (service) {
      service.child.kill('SIGTERM');
      await service.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
  };
  try {
    service = await launchSupergraph(
      dataDir,
      {
        FETCH_DELAY_MS: '0',
        ADMIN_EMAIL: options.admin.email,
        ADMIN_PASSWORD: options.admin.password,
        WEB_DIST_DIR: WEB_DIST,
        RATE_LIMIT_ENABLED: 'false',
        TRUSTED_DOCUMENTS_ONLY: 'true',
        ...options.env,
      },
      180_000,
    );
    graphqlUrl = `${service.origin}/graphql`;
    const call = trustedCaller(() => graphqlUrl, () => admin);
    const { login } = await call(LoginDocument, { input: options.admin }, {});
    admin = { authorization: `Bearer ${login.accessToken}` };
    if (options.release) {
      await sampleRunsFinish(call);
      await demoReleaseArrives(call, options.release);
    }
    browser = await launchBrowser(profileDir);
    const problems: string[] = [];
    const opened = browser;
    return { base: service.origin, graphqlUrl, call, browser, problems, openPage: (viewport) => openPage(opened, problems, viewport), close };
  } catch (error) {
    await close();
    throw error;
  }
}

