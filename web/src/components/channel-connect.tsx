import { useState } from 'react';
import { asRequestError, useMutation } from '../client/client-context';
import { browserPushCapabilities, subscribeThisBrowser } from '../client/push-subscription';
import { WebAddWebPushSubscriptionDocument, WebLinkTelegramDocument } from '@mrt/operations';
import { fieldErrors } from '../lib/field-errors';
import { browserLabel, pushUnavailableReason, subscriptionInput } from '../lib/web-push';

/** Telegram links through the bot: the fan opens the one-time link and presses Start there. */
export function TelegramLink({ onLinked }: { onLinked: () => void }) {
  const [link, linking] = useMutation(WebLinkTelegramDocument);
  const [url, setUrl] = useState<string>();
  const error = linking.error ? fieldErrors(linking.error, []).general : null;
  return (
    <section className="card channel-form" aria-labelledby="telegram-title">
      <h3 id="telegram-title">Telegram</h3>
      <p className="muted small">Opens a chat with our bot; press Start there and the chat is linked. The link works for 30 minutes.</p>
      <div className="actions">
        <button
          type="button"
          disabled={linking.running}
          onClick={async () => {
            const result = await link({});
            if (result) {
              setUrl(result.linkTelegram.url);
              onLinked();
            }
          }}
        >
          Link Telegram
        </button>
        {error && (
          <span className="field-error" role="alert">
            {error}
          </span>
        )}
      </div>
      {url && (
        <div role="status" className="telegram-link">
          <a className="button" href={url} target="_blank" rel="noopener noreferrer" data-testid="telegram-link">
            Open Telegram
          </a>
          <span className="muted small">
            …and press Start there. On another device, open <span className="destination">{url}</span>
          </span>
        </div>
      )}
    </section>
  );
}

/** This browser as a channel: service worker, permission, PushManager subscription, then the server. */
export function PushSetup({ publicKey, onAdded }: { publicKey: string | null; onAdded: () => void }) {
  const [add, adding] = useMutation(WebAddWebPushSubscriptionDocument);
  const [state, setState] = useState<{ running: boolean; error?: string; done?: boolean }>({ running: false });
  const unavailable = pushUnavailableReason(browserPushCapabilities(), publicKey);
  const error = state.error ?? (adding.error ? fieldErrors(adding.error, []).general : null);
  return (
    <section className="card channel-form" aria-labelledby="push-title">
      <h3 id="push-title">Push in this browser</h3>
      <p className="muted small" id="push-explanation">
        {unavailable ?? 'Your browser asks whether this site may show notifications; they arrive even when the app is closed.'}
      </p>
      <div className="actions">
        <button
          type="button"
          disabled={!!unavailable || state.running}
          aria-describedby="push-explanation"
          onClick={async () => {
            setState({ running: true });
            try {
              const subscription = await subscribeThisBrowser(publicKey!);
              const result = await add({ input: subscriptionInput(subscription, browserLabel(navigator.userAgent)) });
              setState({ running: false, done: !!result });
              if (result) onAdded();
            } catch (caught) {
              setState({ running: false, error: asRequestError(caught).message });
            }
          }}
        >
          Enable push in this browser
        </button>
        {state.done && <span role="status">Push is on in this browser.</span>}
        {error && (
          <span className="field-error" role="alert">
            {error}
          </span>
        )}
      </div>
    </section>
  );
}
