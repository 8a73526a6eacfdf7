/** The Bot API's answer envelope: `ok`, then `result`, or `error_code`/`description`/`parameters`. */
export interface BotApiAnswer<T> {
  ok: boolean;
  result?: T;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
}

export interface TelegramUpdate {
  update_id: number;
  message?: { chat: { id: number | string }; text?: string };
}

/**
 * A minimal Bot API client. The API URL and bot token are the operator's, not a fan's, so the
 * requests go straight out (a self-hosted Bot API server on the local network must keep working).
 */
export class TelegramApi {
  constructor(
    private readonly apiUrl: string,
    private readonly token: string,
    private readonly timeoutMs: number,
  ) {}

  async call<T>(method: string, body: Record<string, unknown>, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<{ status: number; answer: BotApiAnswer<T> | null }> {
    const timeout = AbortSignal.timeout(options.timeoutMs ?? this.timeoutMs);
    const response = await fetch(`${this.apiUrl.replace(/\/$/, '')}/bot${this.token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: options.signal ? AbortSignal.any([timeout, options.signal]) : timeout,
    });
    const answer = (await response.json().catch(() => null)) as BotApiAnswer<T> | null;
    return { status: response.status, answer };
  }
}
