import { graphqlEnum } from '@mrt/graphql-kit';

export const FEED_KINDS = ['ATOM', 'ICAL'] as const;
export type FeedKind = (typeof FEED_KINDS)[number];
export const FeedKind = graphqlEnum('FeedKind', FEED_KINDS, 'A personal feed at a secret URL', {
  ATOM: 'Atom feed of your notifications (for feed readers)',
  ICAL: 'iCalendar feed of upcoming releases of the bands you follow (for calendar apps)',
});

export const FEED_PATHS: Record<FeedKind, string> = {
  ATOM: '/feeds/notifications.atom',
  ICAL: '/feeds/releases.ics',
};
