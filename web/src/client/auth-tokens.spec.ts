import { describe, expect, it } from 'vitest';
import { REFRESH_MARGIN_MS, SessionStore, needsRefresh, type Session } from './auth-tokens';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const session = (token: string, expiresInMs: number): Session => ({
  accessToken: token,
  refreshToken: `refresh-${token}`,
  accessTokenExpiresAt: new Date(NOW + expiresInMs).toISOString(),
});

function memoryStorage() {
  const store = new Map<string, string>();
  return { store, getItem: (key: string) => store.get(key) ?? null, setItem: (key: string, value: string) => void store.set(key, value), removeItem: (key: string) => void store.delete(key) };
}

describe('session tokens', () => {
  it('refreshes shortly before the access token expires', () => {
    expect(needsRefresh(session('a', REFRESH_MARGIN_MS + 1_000), NOW)).toBe(false);
    expect(needsRefresh(session('a', REFRESH_MARGIN_MS - 1_000), NOW)).toBe(true);
    expect(needsRefresh(session('a', -1), NOW)).toBe(true);
  });

  it('hands out a fresh token as it is, and refreshes a stale one once for concurrent callers', async () => {
    const storage = memoryStorage();
    const refreshed: string[] = [];
    const store = new SessionStore(
      storage,
      async (refreshToken) => {
        refreshed.push(refreshToken);
        return session('b', 600_000);
      },
      () => NOW,
    );
    store.set(session('a', 600_000));
    expect(await store.accessToken()).toBe('a');
    store.set(session('a', 1_000));
    expect(await Promise.all([store.accessToken(), store.accessToken(), store.accessToken()])).toEqual(['b', 'b', 'b']);
    // One refresh: a refresh token is single-use, a second one would have been refused.
    expect(refreshed).toEqual(['refresh-a']);
    expect(JSON.parse(storage.store.get('mrt.session')!)).toMatchObject({ accessToken: 'b' });
  });

  it('signs out when the refresh is refused', async () => {
    const storage = memoryStorage();
    const store = new SessionStore(storage, async () => null, () => NOW);
    const changes: (Session | null)[] = [];
    store.set(session('a', -1));
    store.subscribe((next) => changes.push(next));
    expect(await store.accessToken()).toBeNull();
    expect(store.current).toBeNull();
    expect(storage.store.has('mrt.session')).toBe(false);
    expect(changes).toEqual([null]);
  });

  it('restores a stored session and ignores a corrupt one', () => {
    const storage = memoryStorage();
    storage.setItem('mrt.session', JSON.stringify(session('kept', 60_000)));
    expect(new SessionStore(storage, async () => null).current?.accessToken).toBe('kept');
    storage.setItem('mrt.session', '{"accessToken": 5');
    expect(new SessionStore(storage, async () => null).current).toBeNull();
  });

  it('keeps the session when the refresh gets no answer, and tries again on the next request', async () => {
    const storage = memoryStorage();
    let online = false;
    const store = new SessionStore(
      storage,
      async () => {
        if (!online) throw new Error('fetch failed');
        return session('b', 600_000);
      },
      () => NOW,
    );
    store.set(session('a', -1));
    const changes: (Session | null)[] = [];
    store.subscribe((next) => changes.push(next));
    await expect(store.accessToken()).rejects.toThrow('fetch failed');
    expect(store.current?.refreshToken).toBe('refresh-a');
    expect(JSON.parse(storage.store.get('mrt.session')!)).toMatchObject({ refreshToken: 'refresh-a' });
    expect(changes).toEqual([]);
    online = true;
    expect(await store.accessToken()).toBe('b');
  });

  it('lets a sign-out or a newer sign-in win over a refresh that was in flight', async () => {
    const storage = memoryStorage();
    const pending: { token: string; answer: (next: Session | null) => void }[] = [];
    const store = new SessionStore(storage, (token) => new Promise((answer) => pending.push({ token, answer })), () => NOW);

    store.set(session('a', -1));
    const duringSignOut = store.accessToken();
    store.set(null);
    pending.shift()!.answer(session('a2', 600_000));
    expect(await duringSignOut).toBeNull();
    expect(store.current).toBeNull();
    expect(storage.store.has('mrt.session')).toBe(false);

    store.set(session('old', -1));
    const duringSignIn = store.accessToken();
    store.set(session('new', 600_000));
    // The old session's answer, a new token or a refusal, must leave the new sign-in alone.
    pending.shift()!.answer(session('old2', 600_000));
    expect(await duringSignIn).toBeNull();
    expect(store.current?.accessToken).toBe('new');
    store.set(session('x', -1));
    const refused = store.accessToken();
    store.set(session('y', 600_000));
    pending.shift()!.answer(null);
    expect(await refused).toBeNull();
    expect(store.current?.accessToken).toBe('y');
    expect(JSON.parse(storage.store.get('mrt.session')!)).toMatchObject({ accessToken: 'y' });
  });

  it("refreshes a new sign-in with its own token even while the old session's refresh is in flight", async () => {
    const pending: { token: string; answer: (next: Session | null) => void }[] = [];
    const store = new SessionStore(memoryStorage(), (token) => new Promise((answer) => pending.push({ token, answer })), () => NOW);
    store.set(session('old', -1));
    void store.accessToken();
    store.set(session('new', -1));
    const fresh = store.accessToken();
    expect(pending.map((refresh) => refresh.token)).toEqual(['refresh-old', 'refresh-new']);
    pending[1]!.answer(session('new2', 600_000));
    expect(await fresh).toBe('new2');
  });

  it('uses the session another tab stored instead of refreshing with the token it spent', async () => {
    // Two tabs share localStorage; the storage event has not reached the second one yet.
    const storage = memoryStorage();
    const refreshed: string[] = [];
    const refresh = async (token: string) => {
      refreshed.push(token);
      return token === 'refresh-a' ? session('b', 600_000) : session('c', 600_000);
    };
    storage.setItem('mrt.session', JSON.stringify(session('a', -1)));
    const first = new SessionStore(storage, refresh, () => NOW);
    const second = new SessionStore(storage, refresh, () => NOW);
    const seen: [string | null, boolean][] = [];
    second.subscribe((next, fromOtherTab) => seen.push([next?.accessToken ?? null, fromOtherTab]));

    expect(await first.accessToken()).toBe('b');
    expect(await second.accessToken()).toBe('b');
    expect(refreshed).toEqual(['refresh-a']);
    expect(seen).toEqual([['b', true]]);

    // The stored session is stale too: refresh it, never the spent one held in memory.
    storage.setItem('mrt.session', JSON.stringify({ ...session('b', -1), refreshToken: 'refresh-b' }));
    expect(await second.forceRefresh()).toMatchObject({ accessToken: 'c' });
    expect(refreshed).toEqual(['refresh-a', 'refresh-b']);

    // Signed out in the other tab: nothing to refresh.
    storage.removeItem('mrt.session');
    expect(await second.forceRefresh()).toBeNull();
    expect(second.current).toBeNull();
    expect(refreshed).toHaveLength(2);
  });

  it("follows another tab's sign-in and sign-out through the storage event", () => {
    const storage = memoryStorage();
    const tab = new SessionStore(storage, async () => null, () => NOW);
    const seen: [string | null, boolean][] = [];
    tab.subscribe((next, fromOtherTab) => seen.push([next?.accessToken ?? null, fromOtherTab]));
    storage.setItem('mrt.session', JSON.stringify(session('elsewhere', 600_000)));
    tab.storageChanged('basket');
    expect(tab.current).toBeNull();
    tab.storageChanged('mrt.session');
    expect(tab.current?.accessToken).toBe('elsewhere');
    storage.removeItem('mrt.session');
    tab.storageChanged(null);
    expect(tab.current).toBeNull();
    expect(seen).toEqual([
      ['elsewhere', true],
      [null, true],
    ]);
  });
});
