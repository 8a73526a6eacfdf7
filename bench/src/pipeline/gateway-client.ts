/** GraphQL over HTTP to the gateway, as a client would call it; errors throw with the response. */
export class GatewayClient {
  private adminToken: string | null = null;

  constructor(private readonly url: string) {}

  async login(credentials: { email: string; password: string }): Promise<void> {
    const { login } = await this.ok<{ login: { accessToken: string } }>(
      `mutation ($input: LoginInput!) { login(input: $input) { accessToken } }`,
      { input: credentials },
      null,
    );
    this.adminToken = login.accessToken;
  }

  /** Runs an operation as `token` (default: the logged-in operator; null: anonymous). */
  async ok<T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, token: string | null = this.adminToken): Promise<T> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    if (body.errors || !body.data) throw new Error(`GraphQL failed (HTTP ${response.status}): ${JSON.stringify(body.errors ?? body)}`);
    return body.data;
  }
}

/** Maps items with at most `concurrency` calls in flight, results in input order. */
export async function inParallel<T, R>(items: readonly T[], concurrency: number, map: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await map(items[index]!, index);
      }
    }),
  );
  return results;
}
