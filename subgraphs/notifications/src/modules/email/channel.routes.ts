import type { Route } from '@mrt/platform';
import type { NotificationChannelService } from '../channel/notification-channel.service.js';

/** Served by this subgraph and passed through by the gateway, like the feeds. */
export const CHANNEL_PATHS = { verify: '/channels/verify', unsubscribe: '/channels/unsubscribe' } as const;

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head><body style="font-family:system-ui,sans-serif;max-width:560px;margin:48px auto;padding:0 16px"><h1>${title}</h1>${body}</body></html>`;
const HTML = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };

/**
 * The links in emails: confirming an address (single-use token) and unsubscribing it. A GET on the
 * unsubscribe link only shows a button, so a mail scanner that follows links unsubscribes nobody;
 * the POST (the button, or the mail client's RFC 8058 one-click POST) does it.
 */
export function channelRoutes(channels: NotificationChannelService): Route[] {
  return [
    {
      path: CHANNEL_PATHS.verify,
      name: 'channel_verify',
      handle: async (request, response, url) => {
        if (request.method !== 'GET') {
          response.writeHead(405, { allow: 'GET' }).end();
          return;
        }
        const confirmed = await channels.confirmEmail(url.searchParams.get('token') ?? '');
        response
          .writeHead(confirmed ? 200 : 404, HTML)
          .end(
            confirmed
              ? page('Address confirmed', '<p>Your notifications will now be sent to this address.</p>')
              : page('Link not valid', '<p>This confirmation link was already used or has expired. Add the address again to get a new one.</p>'),
          );
      },
    },
    {
      path: CHANNEL_PATHS.unsubscribe,
      name: 'channel_unsubscribe',
      handle: async (request, response, url) => {
        const token = url.searchParams.get('token') ?? '';
        request.resume();
        if (request.method === 'POST') {
          const done = await channels.unsubscribe(token);
          response.writeHead(done ? 200 : 404, HTML).end(done ? page('Unsubscribed', '<p>No more notifications will be sent to this address.</p>') : page('Link not valid', '<p>This link has expired.</p>'));
          return;
        }
        if (request.method !== 'GET') {
          response.writeHead(405, { allow: 'GET, POST' }).end();
          return;
        }
        response
          .writeHead(200, HTML)
          .end(page('Unsubscribe', `<form method="post" action="?token=${encodeURIComponent(token)}"><button type="submit">Stop notifications to this address</button></form>`));
      },
    },
  ];
}
