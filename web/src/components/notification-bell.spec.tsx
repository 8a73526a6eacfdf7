// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ClientProvider } from '../client/client-context';
import type { GraphqlClient } from '../client/graphql-client';
import { UnreadNotificationCountDocument, WebMeDocument, WebNotificationAddedDocument } from '@mrt/operations';
import { RouterProvider } from '../router';
import { AuthProvider } from '../state/auth';
import { NotificationsProvider } from '../state/notifications';
import { NotificationBell } from './layout';

let root: Root | undefined;
beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});
afterEach(() => {
  act(() => root?.unmount());
  document.body.innerHTML = '';
});

/** A client whose server is a few canned answers and whose subscription the test pushes into. */
function fakeClient(initialUnread: number) {
  let unread = initialUnread;
  const pushes: ((data: unknown) => void)[] = [];
  const errorHandlers: ((error: unknown) => void)[] = [];
  const client = {
    session: { current: { accessToken: 't', refreshToken: 'r', accessTokenExpiresAt: '2999-01-01T00:00:00Z' }, subscribe: () => () => undefined },
    setSession: () => undefined,
    onLiveConnected: () => () => undefined,
    request: async (document: unknown) => {
      if (document === WebMeDocument) return { me: { id: 'u1', displayName: 'Fan', email: 'fan@example.com', country: 'DE', currency: 'EUR', roles: ['USER'] } };
      if (document === UnreadNotificationCountDocument) return { unreadNotificationCount: unread };
      throw new Error('unexpected request');
    },
    subscribe: (document: unknown, _variables: unknown, handlers: { onData: (data: unknown) => void; onError?: (error: unknown) => void }) => {
      expect(document).toBe(WebNotificationAddedDocument);
      pushes.push(handlers.onData);
      if (handlers.onError) errorHandlers.push(handlers.onError);
      return () => pushes.splice(pushes.indexOf(handlers.onData), 1);
    },
  };
  const push = (id: string) => {
    for (const onData of [...pushes]) onData({ notificationAdded: { id, kind: 'PRICE_DROP', title: `Cheaper ${id}`, createdAt: '2026-01-01T00:00:00Z' } });
  };
  /** The gateway's refetch signal after pushes were lost (its Redis was away). */
  const resync = (serverUnread: number) => {
    unread = serverUnread;
    for (const onError of [...errorHandlers]) onError([{ message: 'Live updates were interrupted', extensions: { code: 'LIVE_RESYNC' } }]);
  };
  return { client: client as unknown as GraphqlClient, push, pushes, resync };
}

async function settle() {
  await act(async () => {
    for (let i = 0; i < 5; i += 1) await Promise.resolve();
  });
}

/** The bell inside the providers it lives in on every page, mounted and settled. */
async function renderBell(client: Parameters<typeof ClientProvider>[0]['client']): Promise<HTMLDivElement> {
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() =>
    root!.render(
      <ClientProvider client={client}>
        <RouterProvider>
          <AuthProvider>
            <NotificationsProvider>
              <NotificationBell />
            </NotificationsProvider>
          </AuthProvider>
        </RouterProvider>
      </ClientProvider>,
    ),
  );
  await settle();
  return container;
}

describe('<NotificationBell> with the live subscription', () => {
  it('shows the unread count from the server and counts pushed notifications up once each', async () => {
    const { client, push, pushes } = fakeClient(2);
    const container = await renderBell(client);
    const bell = () => container.querySelector('[data-testid="notification-bell"]')!;
    expect(bell().getAttribute('aria-label')).toBe('Notifications, 2 unread');
    expect(pushes).toHaveLength(1);

    act(() => push('n1'));
    expect(container.querySelector('[data-testid="unread-count"]')!.textContent).toBe('3');
    // The same notification again (a reconnect replay) is not counted twice.
    act(() => push('n1'));
    act(() => push('n2'));
    expect(bell().getAttribute('aria-label')).toBe('Notifications, 4 unread');
  });

  it('reloads the count from the server on the LIVE_RESYNC signal', async () => {
    const { client, resync } = fakeClient(1);
    const container = await renderBell(client);
    const bell = () => container.querySelector('[data-testid="notification-bell"]')!;
    expect(bell().getAttribute('aria-label')).toBe('Notifications, 1 unread');
    act(() => resync(4));
    await settle();
    expect(bell().getAttribute('aria-label')).toBe('Notifications, 4 unread');
  });

  it('shows no badge when nothing is unread', async () => {
    const { client } = fakeClient(0);
    const container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
    act(() =>
      root!.render(
        <ClientProvider client={client}>
          <RouterProvider>
            <AuthProvider>
              <NotificationsProvider>
                <NotificationBell />
              </NotificationsProvider>
            </AuthProvider>
          </RouterProvider>
        </ClientProvider>,
      ),
    );
    await settle();
    expect(container.querySelector('[data-testid="unread-count"]')).toBeNull();
    expect(container.querySelector('[data-testid="notification-bell"]')!.getAttribute('aria-label')).toBe('Notifications, none unread');
  });
});
