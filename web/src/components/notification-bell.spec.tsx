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
function fakeClient(unread: number) {
  const pushes: ((data: unknown) => void)[] = [];
  const client = {
    session: { current: { accessToken: 't', refreshToken: 'r', accessTokenExpiresAt: '2999-01-01T00:00:00Z' }, subscribe: () => () => undefined },
    setSession: () => undefined,
    onLiveConnected: () => () => undefined,
    request: async (document: unknown) => {
      if (document === WebMeDocument) return { me: { id: 'u1', displayName: 'Fan', email: 'fan@example.com', country: 'DE', currency: 'EUR', roles: ['USER'] } };
      if (document === UnreadNotificationCountDocument) return { unreadNotificationCount: unread };
      throw new Error('unexpected request');
    },
    subscribe: (document: unknown, _variables: unknown, handlers: { onData: (data: unknown) => void }) => {
      expect(document).toBe(WebNotificationAddedDocument);
      pushes.push(handlers.onData);
      return () => pushes.splice(pushes.indexOf(handlers.onData), 1);
    },
  };
  const push = (id: string) => {
    for (const onData of [...pushes]) onData({ notificationAdded: { id, kind: 'PRICE_DROP', title: `Cheaper ${id}`, createdAt: '2026-01-01T00:00:00Z' } });
  };
  return { client: client as unknown as GraphqlClient, push, pushes };
}

async function settle() {
  await act(async () => {
    for (let i = 0; i < 5; i += 1) await Promise.resolve();
  });
}

describe('<NotificationBell> with the live subscription', () => {
  it('shows the unread count from the server and counts pushed notifications up once each', async () => {
    const { client, push, pushes } = fakeClient(2);
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
