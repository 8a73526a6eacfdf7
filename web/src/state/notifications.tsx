import { createContext, useCallback, useContext, useEffect, useReducer, useRef, type ReactNode } from 'react';
import { useClient } from '../client/client-context';
import { UnreadNotificationCountDocument, WebNotificationAddedDocument, type WebNotificationAddedSubscription } from '@mrt/operations';
import { INITIAL_UNREAD, unreadReducer, type UnreadAction, type UnreadState } from '../lib/unread-count';
import { useAuth } from './auth';

type Pushed = WebNotificationAddedSubscription['notificationAdded'];

interface NotificationsValue {
  unread: UnreadState;
  dispatch: (action: UnreadAction) => void;
  /** Re-reads the count from the server (after marking read elsewhere, on focus). */
  reload: () => void;
  /** The latest pushed notification, for a live status message. */
  subscribeToPushes: (listener: (notification: Pushed) => void) => () => void;
}

const NotificationsContext = createContext<NotificationsValue | null>(null);

/** The signed-in user's unread count, kept live by the notificationAdded subscription. */
export function NotificationsProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const { user } = useAuth();
  const [unread, dispatch] = useReducer(unreadReducer, INITIAL_UNREAD);
  const pushListeners = useRef(new Set<(notification: Pushed) => void>()).current;

  const reload = useCallback(() => {
    if (!user) return;
    client.request(UnreadNotificationCountDocument, {}).then(
      ({ unreadNotificationCount }) => dispatch({ type: 'loaded', count: unreadNotificationCount }),
      () => undefined,
    );
  }, [client, user]);

  useEffect(() => {
    if (!user) {
      dispatch({ type: 'signedOut' });
      return;
    }
    reload();
    // After a reconnect the server's count is the truth: pushes during the gap were not seen.
    const stopReloading = client.onLiveConnected(reload);
    const stop = client.subscribe(WebNotificationAddedDocument, {}, {
      onData: ({ notificationAdded }) => {
        dispatch({ type: 'pushed', id: notificationAdded.id });
        for (const listener of pushListeners) listener(notificationAdded);
      },
      // The gateway lost pushes (its Redis was away) while this socket stayed open: same as a reconnect.
      onError: (error) => {
        if (isLiveResync(error)) reload();
      },
    });
    return () => {
      stopReloading();
      stop();
    };
  }, [client, user, reload, pushListeners]);

  const subscribeToPushes = useCallback((listener: (notification: Pushed) => void) => {
    pushListeners.add(listener);
    return () => {
      pushListeners.delete(listener);
    };
  }, [pushListeners]);

  return <NotificationsContext.Provider value={{ unread, dispatch, reload, subscribeToPushes }}>{children}</NotificationsContext.Provider>;
}

export function useNotifications(): NotificationsValue {
  const value = useContext(NotificationsContext);
  if (!value) throw new Error('useNotifications outside NotificationsProvider');
  return value;
}

/** The gateway's `LIVE_RESYNC` signal: live delivery was interrupted and pushes may be missing. */
function isLiveResync(error: unknown): boolean {
  return Array.isArray(error) && error.some((item: { extensions?: { code?: unknown } }) => item?.extensions?.code === 'LIVE_RESYNC');
}
