import { useState } from 'react';
import { useMutation, useQuery } from '../client/client-context';
import { QueryView } from '../components/states';
import {
  WebBandDocument,
  WebMyFollowsDocument,
  WebNotificationChannelsDocument,
  WebUnfollowDocument,
  WebUpdateFollowDocument,
  type WebChannelFieldsFragment,
  type WebMyFollowsQuery,
} from '@mrt/operations';
import { channelDestination, chosenChannels, followChannelIds } from '../lib/channels';
import { CHANNEL_KIND_LABELS, FORMAT_LABELS, FORMATS, LIFECYCLE_STEP_LABELS, NOTIFICATION_KIND_LABELS, NOTIFICATION_KINDS } from '../lib/enums';
import { formatMoney, parsePriceInput } from '../lib/money';
import { toggle } from '../lib/release-filters';
import { Link } from '../router';
import { useAuth } from '../state/auth';

type Follow = WebMyFollowsQuery['myFollows'][number];

function FollowTarget({ follow }: { follow: Follow }) {
  const band = useQuery(WebBandDocument, { id: follow.targetId }, { skip: follow.targetType !== 'BAND' });
  if (follow.targetType === 'BAND') {
    if (band.data?.band) return <Link to={`/bands/${band.data.band.slug}`}>{band.data.band.name}</Link>;
    return <span className="muted">{band.loading ? 'Loading band…' : 'A band no longer in the catalogue'}</span>;
  }
  if (follow.targetType === 'RELEASE') return <Link to={`/releases/${follow.targetId}`}>A release</Link>;
  return <span>Following a {follow.targetType.toLowerCase()}</span>;
}

/** The fan's channels as checkboxes; none checked sends to the default channels. */
function ChannelChoice({
  channels,
  chosen,
  appOnly,
  onChange,
}: {
  channels: readonly WebChannelFieldsFragment[] | undefined;
  chosen: string[];
  appOnly: boolean;
  onChange: (chosen: string[]) => void;
}) {
  return (
    <fieldset className="channel-choice">
      <legend>Send to (none: your default channels)</legend>
      {channels === undefined && <span className="muted small">Loading your channels…</span>}
      {appOnly && <span className="muted small">This follow sends to no channel for now (app only).</span>}
      {channels?.length === 0 && (
        <span className="muted small">
          Only in the app. <Link to="/channels">Add a channel</Link> to get news on Discord, ntfy, email, Telegram or as push.
        </span>
      )}
      {channels?.map((channel) => (
        <label key={channel.id} className="check">
          <input type="checkbox" checked={chosen.includes(channel.id)} onChange={() => onChange(toggle(chosen, channel.id))} />
          {CHANNEL_KIND_LABELS[channel.kind]}
          <span className="muted small">
            {channel.label ?? channelDestination(channel)}
            {channel.isDefault ? ' · default' : ''}
            {channel.pausedAt ? ' · paused' : ''}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

function FollowEditor({
  follow,
  onChanged,
  currency,
  channels,
}: {
  follow: Follow;
  onChanged: () => void;
  currency: string;
  channels: readonly WebChannelFieldsFragment[] | undefined;
}) {
  const [events, setEvents] = useState(follow.events);
  const [chosen, setChosen] = useState<string[]>();
  const channelIds = chosen ?? chosenChannels(follow.channelIds, channels ?? []);
  const [formats, setFormats] = useState(follow.formats ?? []);
  const [maxPrice, setMaxPrice] = useState(follow.maxPrice?.amount ?? '');
  const [update, updating] = useMutation(WebUpdateFollowDocument);
  const [unfollow, unfollowing] = useMutation(WebUnfollowDocument);
  const [saved, setSaved] = useState(false);
  const priceInvalid = maxPrice !== '' && !parsePriceInput(maxPrice);
  const id = `follow-${follow.id}`;

  return (
    <li className="card follow-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        <FollowTarget follow={follow} />
      </h2>
      {follow.steps && (
        <p data-testid="follow-steps">
          <strong>Tell me when:</strong> {follow.steps.map((step) => LIFECYCLE_STEP_LABELS[step]).join(', ')}
          {follow.maxDeliveredPrice && (
            <>
              {' '}
              · only under <strong>{formatMoney(follow.maxDeliveredPrice)}</strong> delivered to {follow.country}
            </>
          )}
          . <Link to={`/releases/${follow.targetId}`}>Change on the release page</Link>
        </p>
      )}
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          if (priceInvalid || events.length === 0) return;
          setSaved(false);
          const price = parsePriceInput(maxPrice);
          const result = await update({
            id: follow.id,
            input: {
              events,
              formats: formats.length ? formats : null,
              maxPrice: price ? { amount: price, currency: follow.maxPrice?.currency ?? currency } : null,
              // Sent only once changed: an untouched choice (even "app only", []) stays as it is.
              ...(chosen ? { channelIds: followChannelIds(chosen) } : {}),
            },
          });
          if (result) {
            setSaved(true);
            onChanged();
          }
        }}
      >
        <fieldset hidden={!!follow.steps}>
          <legend>Tell me about</legend>
          {NOTIFICATION_KINDS.filter((kind) => kind !== 'ADMIN_BROADCAST' && kind !== 'CHANNEL_PAUSED').map((kind) => (
            <label key={kind} className="check">
              <input type="checkbox" checked={events.includes(kind)} onChange={() => setEvents(toggle(events, kind))} />
              {NOTIFICATION_KIND_LABELS[kind]}
            </label>
          ))}
          {events.length === 0 && <span className="field-error">Choose at least one kind.</span>}
        </fieldset>
        <fieldset>
          <legend>Only these formats (none: any)</legend>
          {FORMATS.map((format) => (
            <label key={format} className="check">
              <input type="checkbox" checked={formats.includes(format)} onChange={() => setFormats(toggle(formats, format))} />
              {FORMAT_LABELS[format]}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-max`}>Max price ({follow.maxPrice?.currency ?? currency}, empty: any)</label>
          <input id={`${id}-max`} inputMode="decimal" value={maxPrice} aria-invalid={priceInvalid} onChange={(event) => setMaxPrice(event.target.value)} />
          {priceInvalid && <span className="field-error">Use a number like 25 or 24.99</span>}
        </div>
        <ChannelChoice channels={channels} chosen={channelIds} appOnly={chosen === undefined && follow.channelIds?.length === 0} onChange={setChosen} />
        <div className="actions">
          <button type="submit" disabled={updating.running}>
            Save
          </button>
          <button
            type="button"
            className="secondary"
            disabled={unfollowing.running}
            onClick={async () => {
              if (await unfollow({ id: follow.id })) onChanged();
            }}
          >
            Unfollow
          </button>
          {saved && <span role="status">Saved.</span>}
          {(updating.error ?? unfollowing.error) && (
            <span className="field-error" role="alert">
              {(updating.error ?? unfollowing.error)!.message}
            </span>
          )}
        </div>
      </form>
    </li>
  );
}

export function FollowsPage() {
  const { user } = useAuth();
  const state = useQuery(WebMyFollowsDocument, {});
  const channels = useQuery(WebNotificationChannelsDocument, {});
  return (
    <section aria-labelledby="follows-heading">
      <h1 id="follows-heading">My follows</h1>
      <p className="muted">
        News of your follows shows up in the app and goes to your <Link to="/channels">notification channels</Link>.
      </p>
      <QueryView
        state={state}
        isEmpty={(data) => data.myFollows.length === 0}
        empty={
          <>
            You follow nothing yet. Find a band on the <Link to="/releases">releases</Link> page and follow it.
          </>
        }
      >
        {(data) => (
          <ul className="card-list wide">
            {data.myFollows.map((follow) => (
              <FollowEditor key={follow.id} follow={follow} onChanged={state.refetch} currency={user?.currency ?? 'EUR'} channels={channels.data?.myNotificationChannels} />
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}
