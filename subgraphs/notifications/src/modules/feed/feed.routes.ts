import type { Route } from '@mrt/platform';
import type { NotificationService } from '../notification/notification.service.js';
import { FEED_PATHS, type FeedKind } from './feed-kind.js';
import { renderAtom, renderICalendar } from './feed-formats.js';
import type { FeedService } from './feed.service.js';

/** GET routes for the secret feed URLs; an unknown or revoked token is a plain 404. */
export function feedRoutes(feeds: FeedService, notifications: NotificationService): Route[] {
  const route = (kind: FeedKind, contentType: string, render: (userId: string, url: URL) => Promise<string>): Route => ({
    path: FEED_PATHS[kind],
    name: `feed_${kind.toLowerCase()}`,
    handle: async (request, response, url) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      const userId = await feeds.userForToken(url.searchParams.get('token') ?? '', kind);
      if (!userId) {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      const body = await render(userId, url);
      response.writeHead(200, { 'content-type': contentType, 'cache-control': 'private, max-age=300', 'referrer-policy': 'no-referrer' });
      response.end(request.method === 'HEAD' ? undefined : body);
    },
  });
  return [
    route('ATOM', 'application/atom+xml; charset=utf-8', async (userId, url) =>
      renderAtom(await notifications.latestForUser(userId, 50), { feedUrl: url.pathname, userId, now: new Date() }),
    ),
    route('ICAL', 'text/calendar; charset=utf-8', async (userId) => renderICalendar(await feeds.upcomingReleasesOfFollowedBands(userId), new Date())),
  ];
}
