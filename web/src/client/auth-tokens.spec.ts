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
    const store = new SessionStore(storage, async () => Promise.reject(new Error('refresh token revoked')), () => NOW);
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
});
