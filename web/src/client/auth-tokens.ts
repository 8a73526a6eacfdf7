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
 * Exchanges a refresh token for a new session. Resolves null when the server refused the token
 * (unknown, expired, revoked or already spent): that session is over. Rejects when no answer
 * came (network, 5xx, rate limit): the session may still be good, so it is kept.
 */
export type RefreshSession = (refreshToken: string) => Promise<Session | null>;

/** `fromOtherTab`: the change was read from storage, written there by another tab. */
export type SessionListener = (session: Session | null, fromOtherTab: boolean) => void;

/**
 * Keeps the session in localStorage (it survives reloads and is shared by the tabs) and
 * refreshes the access token once for everybody: concurrent requests share one refresh, since
 * a refresh token is single-use and presenting a spent one revokes the whole sign-in.
 */
export class SessionStore {
  private session: Session | null;
  private refreshing: { refreshToken: string; done: Promise<Session | null> } | null = null;
  private listeners = new Set<SessionListener>();

  constructor(
    private readonly storage: SessionStorage | undefined,
    private readonly refresh: RefreshSession,
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
    this.notify(false);
  }

  subscribe(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * For the window's `storage` event (fired in every tab but the one that wrote): another tab
   * signed in, signed out or refreshed, and this one follows.
   */
  storageChanged(key: string | null): void {
    // A null key is localStorage.clear().
    if (key === KEY || key === null) this.syncFromStorage();
  }

  /** A usable access token, refreshed first when it is about to expire; null when signed out. */
  async accessToken(): Promise<string | null> {
    const session = this.session;
    if (!session) return null;
    if (!needsRefresh(session, this.now())) return session.accessToken;
    return (await this.forceRefresh())?.accessToken ?? null;
  }

  /**
   * Refresh now (the server refused the token). A refused refresh signs out; one that got no
   * answer rejects and keeps the session.
   */
  forceRefresh(): Promise<Session | null> {
    // Another tab may have refreshed first: its rotation spent the token held here, so use its
    // session rather than present the spent token (a storage event can arrive late).
    if (this.syncFromStorage() && this.session && !needsRefresh(this.session, this.now())) return Promise.resolve(this.session);
    const session = this.session;
    if (!session) return Promise.resolve(null);
    if (this.refreshing?.refreshToken === session.refreshToken) return this.refreshing.done;
    const done = this.refresh(session.refreshToken)
      .then((next) => {
        // Signed out, signed in again or taken over by another tab meanwhile: that change is
        // newer than this answer, which belongs to a session that is gone.
        if (this.session?.refreshToken !== session.refreshToken) return null;
        this.set(next);
        return next;
      })
      .finally(() => {
        if (this.refreshing?.done === done) this.refreshing = null;
      });
    this.refreshing = { refreshToken: session.refreshToken, done };
    return done;
  }

  /** Takes the stored session when another tab replaced it; true when it did. */
  private syncFromStorage(): boolean {
    if (!this.storage) return false;
    const stored = readSession(this.storage);
    if (stored?.refreshToken === this.session?.refreshToken) return false;
    this.session = stored;
    this.notify(true);
    return true;
  }

  private notify(fromOtherTab: boolean): void {
    for (const listener of this.listeners) listener(this.session, fromOtherTab);
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
