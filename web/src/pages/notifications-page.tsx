import { useEffect } from 'react';
import { useMutation, useQuery } from '../client/client-context';
import { QueryView } from '../components/states';
import { MarkNotificationsReadDocument, WebNotificationsDocument } from '@mrt/operations';
import { formatClock, formatDateTime } from '../lib/calendar';
import { deliveryChannelLabel, deliveryStatus, type Delivery } from '../lib/channels';
import { NOTIFICATION_KIND_LABELS } from '../lib/enums';
import { Link } from '../router';
import { useNotifications } from '../state/notifications';

/** Where a notification went outside the app, in one line: "Discord sent · ntfy retrying at 14:05". */
function Deliveries({ deliveries }: { deliveries: readonly Delivery[] }) {
  if (deliveries.length === 0) return null;
  return (
    <ul className="deliveries small" aria-label="Sent to" data-testid="deliveries">
      {deliveries.map((delivery) => {
        const status = deliveryStatus(delivery, formatDateTime, formatClock);
        return (
          <li key={delivery.id} className={`delivery status-${status.tone}`}>
            <span className="delivery-channel">{deliveryChannelLabel(delivery.channel)}</span> {status.text}
          </li>
        );
      })}
    </ul>
  );
}

export function NotificationsPage() {
  const state = useQuery(WebNotificationsDocument, { first: 50 });
  const { unread, dispatch, subscribeToPushes } = useNotifications();
  const [markRead, marking] = useMutation(MarkNotificationsReadDocument);
  // A push while the list is open shows up in it.
  const { refetch } = state;
  useEffect(() => subscribeToPushes(refetch), [subscribeToPushes, refetch]);
  useEffect(() => {
    if (state.data) dispatch({ type: 'loaded', count: state.data.unreadNotificationCount });
  }, [state.data, dispatch]);

  return (
    <section aria-labelledby="notifications-heading">
      <h1 id="notifications-heading">Notifications</h1>
      <div className="actions">
        <button
          type="button"
          disabled={unread.count === 0 || marking.running}
          onClick={async () => {
            if ((await markRead({ all: true })) !== undefined) {
              dispatch({ type: 'allRead' });
              state.refetch();
            }
          }}
        >
          Mark all as read
        </button>
        {marking.error && (
          <span className="field-error" role="alert">
            {marking.error.message}
          </span>
        )}
      </div>
      <QueryView state={state} isEmpty={(data) => data.myNotifications.edges.length === 0} empty="No notifications yet. Follow a band to hear about its releases and offers.">
        {(data) => (
          <ul className="notification-list" data-testid="notification-list">
            {data.myNotifications.edges.map(({ node }) => (
              <li key={node.id} className={node.readAt ? 'card read' : 'card unread'}>
                <span className="kind">{NOTIFICATION_KIND_LABELS[node.kind]}</span>
                <strong>{node.title}</strong>
                <span>{node.message}</span>
                <span className="muted small">
                  <time dateTime={node.createdAt}>{formatDateTime(node.createdAt)}</time>
                  {node.readAt ? '' : ' · unread'}
                </span>
                <Deliveries deliveries={node.deliveries} />
                <span className="actions">
                  {node.release && <Link to={`/releases/${node.release.id}`}>Open {node.release.title}</Link>}
                  {!node.readAt && (
                    <button
                      type="button"
                      className="link-button"
                      onClick={async () => {
                        const count = await markRead({ ids: [node.id] });
                        if (count !== undefined) {
                          dispatch({ type: 'markedRead', count: count.markNotificationsRead });
                          state.refetch();
                        }
                      }}
                    >
                      Mark read
                    </button>
                  )}
                </span>
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}
