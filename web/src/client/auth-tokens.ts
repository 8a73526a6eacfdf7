/** The tokens of a signed-in session, as the users subgraph issues them. */
export interface Session {
  accessToken: string;
  /** ISO time the access token stops being accepted. */
  accessTokenExpiresAt: string;
  refreshToken: string;
}

export interface SessionStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const KEY = 'mrt.session';
/** Refresh a little before expiry: a request must not arrive with a token that just lapsed. */
export const REFRESH_MARGIN_MS = 30_000;

export function needsRefresh(session: Session, now: number): boolean {
  return Date.parse(session.accessTokenExpiresAt) - REFRESH_MARGIN_MS <= now;
}

/**
 * Keeps the session in localStorage (it survives reloads) and refreshes the access token once
 * for everybody: concurrent requests share one refresh, since a refresh token is single-use.
 */
export class SessionStore {
  private session: Session | null;
  private refreshing: Promise<Session | null> | null = null;
  private listeners = new Set<(session: Session | null) => void>();

  constructor(
    private readonly storage: SessionStorage | undefined,
    private readonly refresh: (refreshToken: string) => Promise<Session | null>,
    private readonly now: () => number = Date.now,
  ) {
    this.session = readSession(storage);
  }

  get current(): Session | null {
    return this.session;
  }

  set(session: Session | null): void {
    this.session = session;
    if (session) this.storage?.setItem(KEY, JSON.stringify(session));
    else this.storage?.removeItem(KEY);
    for (const listener of this.listeners) listener(session);
  }

  subscribe(listener: (session: Session | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A usable access token, refreshed first when it is about to expire; null when signed out. */
  async accessToken(): Promise<string | null> {
    const session = this.session;
    if (!session) return null;
    if (!needsRefresh(session, this.now())) return session.accessToken;
    return (await this.forceRefresh())?.accessToken ?? null;
  }

  /** Refresh now (the server refused the token); a failed refresh signs out. */
  forceRefresh(): Promise<Session | null> {
    const session = this.session;
    if (!session) return Promise.resolve(null);
    this.refreshing ??= this.refresh(session.refreshToken)
      .catch(() => null)
      .then((next) => {
        this.set(next);
        return next;
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }
}

function readSession(storage: SessionStorage | undefined): Session | null {
  try {
    const parsed = JSON.parse(storage?.getItem(KEY) ?? 'null') as Partial<Session> | null;
    if (parsed && typeof parsed.accessToken === 'string' && typeof parsed.refreshToken === 'string' && typeof parsed.accessTokenExpiresAt === 'string') {
      return { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken, accessTokenExpiresAt: parsed.accessTokenExpiresAt };
    }
  } catch {
    // A corrupt entry is a signed-out session.
  }
  return null;
}
