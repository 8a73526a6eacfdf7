import { createClient, type Client, type ExecutionResult } from 'graphql-ws';
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import WebSocket from 'ws';

/** What one subscription received: results as they arrive, or how it ended. */
export class LiveSubscription<T> {
  readonly results: ExecutionResult<T>[] = [];
  error: unknown;
  completed = false;
  private waiters: (() => void)[] = [];
  /** How many results next() has handed out. */
  private consumed = 0;

  push(result: ExecutionResult<T>): void {
    this.results.push(result);
    this.wake();
  }

  fail(error: unknown): void {
    this.error = error;
    this.wake();
  }

  complete(): void {
    this.completed = true;
    this.wake();
  }

  /** The next result not yet handed out, once it arrived (rejects when the subscription ended first). */
  async next(timeoutMs = 20_000): Promise<ExecutionResult<T>> {
    const count = ++this.consumed;
    const deadline = Date.now() + timeoutMs;
    while (this.results.length < count) {
      if (this.error !== undefined) throw new Error(`subscription failed: ${describe(this.error)}`);
      if (this.completed) throw new Error('subscription completed');
      if (Date.now() > deadline) throw new Error(`no result #${count} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.results[count - 1]!;
  }

  /** Resolves with the error or close event that ended the subscription. */
  async failure(timeoutMs = 20_000): Promise<unknown> {
    const deadline = Date.now() + timeoutMs;
    while (this.error === undefined) {
      if (Date.now() > deadline) throw new Error('subscription did not fail');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.error;
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (Array.isArray(error)) return JSON.stringify(error);
  const close = error as { code?: number; reason?: string };
  if (close?.code) return `closed ${close.code} ${close.reason ?? ''}`;
  return String(error);
}

/** A graphql-ws client on the gateway's /graphql (ws:// of its HTTP URL), token in connection_init. */
export function liveClient(graphqlUrl: string, token?: string): Client {
  return createClient({
    url: graphqlUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

export function subscribe<T, V extends Record<string, unknown>>(client: Client, document: TypedDocumentNode<T, V> | string, variables?: V): LiveSubscription<T> {
  const subscription = new LiveSubscription<T>();
  client.subscribe<T>(
    { query: typeof document === 'string' ? document : print(document), variables },
    { next: (result) => subscription.push(result as ExecutionResult<T>), error: (error) => subscription.fail(error), complete: () => subscription.complete() },
  );
  return subscription;
}

/** The gateway reports its active subscriptions on /metrics: wait until the ones just opened are live. */
export async function waitForSubscriptions(graphqlUrl: string, atLeast: number, timeoutMs = 20_000): Promise<void> {
  const metricsUrl = graphqlUrl.replace(/\/graphql$/, '/metrics');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await (await fetch(metricsUrl)).text();
    const match = /^graphql_ws_subscriptions(?:\{[^}]*\})? (\d+)/m.exec(text);
    if (match && Number(match[1]) >= atLeast) return;
    if (Date.now() > deadline) throw new Error(`fewer than ${atLeast} live subscriptions on ${metricsUrl}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
