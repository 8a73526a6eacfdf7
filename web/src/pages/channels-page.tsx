import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery } from '../client/client-context';
import { AddChannelForm, CHANNEL_FORMS } from '../components/add-channel-form';
import { PushSetup, TelegramLink } from '../components/channel-connect';
import { DeliveryPreferencesForm } from '../components/delivery-preferences';
import { QueryView } from '../components/states';
import {
  WebNotificationChannelsDocument,
  WebNotificationPreferencesDocument,
  WebRemoveNotificationChannelDocument,
  WebResumeNotificationChannelDocument,
  WebUpdateNotificationChannelDocument,
  type DigestFrequency,
  type WebChannelFieldsFragment,
} from '@mrt/operations';
import { formatDateTime } from '../lib/calendar';
import { channelDestination, channelStatus } from '../lib/channels';
import { CHANNEL_KIND_LABELS, DIGEST_FREQUENCIES, DIGEST_FREQUENCY_LABELS } from '../lib/enums';

/** Push notifications are a moment's news: they have no digest. */
const COLLECTS = new Set<WebChannelFieldsFragment['kind']>(['EMAIL', 'TELEGRAM', 'DISCORD', 'NTFY']);
import { Link } from '../router';

function ChannelCard({ channel, onChanged }: { channel: WebChannelFieldsFragment; onChanged: () => void }) {
  const [resume, resuming] = useMutation(WebResumeNotificationChannelDocument);
  const [remove, removing] = useMutation(WebRemoveNotificationChannelDocument);
  const [update, updating] = useMutation(WebUpdateNotificationChannelDocument);
  const [confirming, setConfirming] = useState(false);
  const removeButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  // Backing out of the confirmation puts focus back on Remove, not on the page's start.
  useEffect(() => {
    if (wasConfirming.current && !confirming) removeButton.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);
  const status = channelStatus(channel);
  const name = `${CHANNEL_KIND_LABELS[channel.kind]}${channel.label ? ` “${channel.label}”` : ''}`;
  const id = `channel-${channel.id}`;
  const error = resuming.error ?? removing.error ?? updating.error;
  return (
    <li className="card channel-card" aria-labelledby={`${id}-title`} data-testid="channel">
      <h2 id={`${id}-title`} className="channel-title">
        {name}
        {channel.isDefault && <span className="tag">Default</span>}
      </h2>
      <span className="destination">{channelDestination(channel)}</span>
      <span className={`channel-status status-${status.tone}`}>{status.text}</span>
      <span className="muted small">
        Added <time dateTime={channel.createdAt}>{formatDateTime(channel.createdAt)}</time>
        {channel.pausedAt && (
          <>
            {' '}
            · paused <time dateTime={channel.pausedAt}>{formatDateTime(channel.pausedAt)}</time>
          </>
        )}
      </span>
      {COLLECTS.has(channel.kind) && (
        <div className="field digest-field">
          <label htmlFor={`${id}-digest`}>Send</label>
          <select
            id={`${id}-digest`}
            value={channel.digest}
            disabled={updating.running}
            onChange={async (event) => {
              if (await update({ id: channel.id, input: { digest: event.target.value as DigestFrequency } })) onChanged();
            }}
          >
            {DIGEST_FREQUENCIES.map((frequency) => (
              <option key={frequency} value={frequency}>
                {DIGEST_FREQUENCY_LABELS[frequency]}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="actions">
        {channel.pausedAt && (
          <button
            type="button"
            disabled={resuming.running}
            onClick={async () => {
              if (await resume({ id: channel.id })) onChanged();
            }}
          >
            Resume<span className="visually-hidden"> {name}</span>
          </button>
        )}
        {confirming ? (
          <span className="confirm" role="group" aria-label={`Remove ${name}?`} onKeyDown={(event) => event.key === 'Escape' && setConfirming(false)}>
            <span>Remove it and its delivery log?</span>
            <button
              type="button"
              autoFocus
              disabled={removing.running}
              onClick={async () => {
                if ((await remove({ id: channel.id })) !== undefined) onChanged();
              }}
            >
              Yes, remove<span className="visually-hidden"> {name}</span>
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => setConfirming(false)}
            >
              Keep it
            </button>
          </span>
        ) : (
          <button type="button" className="secondary" ref={removeButton} onClick={() => setConfirming(true)}>
            Remove<span className="visually-hidden"> {name}</span>
          </button>
        )}
        {error && (
          <span className="field-error" role="alert">
            {error.message}
          </span>
        )}
      </div>
    </li>
  );
}

/** Where a fan's news goes besides the app: the list, and a way to add each kind of channel. */
export function ChannelsPage() {
  const state = useQuery(WebNotificationChannelsDocument, {});
  const preferences = useQuery(WebNotificationPreferencesDocument, {});
  return (
    <section aria-labelledby="channels-heading">
      <h1 id="channels-heading">Notification channels</h1>
      <p className="muted">
        Your follows’ news also goes to these. A follow sends to your default channels unless you choose others on the <Link to="/follows">follows</Link> page.
      </p>
      <QueryView state={state} isEmpty={(data) => data.myNotificationChannels.length === 0} empty="No channels yet: your notifications stay in the app. Add one below.">
        {(data) => (
          <ul className="card-list wide" data-testid="channels">
            {data.myNotificationChannels.map((channel) => (
              <ChannelCard key={channel.id} channel={channel} onChanged={state.refetch} />
            ))}
          </ul>
        )}
      </QueryView>
      <QueryView state={preferences}>{(data) => <DeliveryPreferencesForm saved={data.myNotificationPreferences} onSaved={preferences.refetch} />}</QueryView>
      <h2>Add a channel</h2>
      <div className="channel-forms">
        {CHANNEL_FORMS.map((form) => (
          <AddChannelForm key={form.kind} form={form} onAdded={state.refetch} />
        ))}
        <TelegramLink onLinked={state.refetch} />
        {state.data && <PushSetup publicKey={state.data.webPushPublicKey} onAdded={state.refetch} />}
      </div>
    </section>
  );
}
