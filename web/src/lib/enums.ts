import type { DigestFrequency, Format, LifecycleStep, NotificationChannelKind, Weekday, NotificationKind, ReleaseSort, StockStatus, TimelineKind } from '@mrt/operations';

// Runtime lists of the schema's enums (the generated types are unions); `satisfies` keeps
// them in step with the schema, the labels are what the pages show.
export const FORMAT_LABELS = {
  CD: 'CD',
  CD2: '2CD',
  MCD: 'MCD',
  LP: 'LP',
  LP2: '2LP',
  EP7: '7"',
  EP10: '10"',
  MC: 'Tape',
  BOX: 'Box set',
  OTHER: 'Other',
} as const satisfies Record<Format, string>;
export const FORMATS = Object.keys(FORMAT_LABELS) as Format[];

export const STOCK_LABELS = {
  IN_STOCK: 'In stock',
  PRE_ORDER: 'Pre-order',
  OUT_OF_STOCK: 'Sold out',
  UNKNOWN: 'Unknown',
} as const satisfies Record<StockStatus, string>;
export const STOCK_STATUSES = Object.keys(STOCK_LABELS) as StockStatus[];

export const SORT_LABELS = {
  NEWEST: 'Newest',
  RELEASE_DATE_DESC: 'Release date (latest)',
  RELEASE_DATE_ASC: 'Release date (earliest)',
  PRICE_ASC: 'Price (cheapest)',
  DELIVERED_PRICE_ASC: 'Delivered to you (cheapest)',
  OFFER_COUNT_DESC: 'Most offers',
} as const satisfies Record<ReleaseSort, string>;
export const SORTS = Object.keys(SORT_LABELS) as ReleaseSort[];

export const TIMELINE_LABELS = {
  ANNOUNCED: 'Announced',
  PRE_ORDER_OPENED: 'Pre-orders open',
  IN_STOCK: 'In stock',
  OUT_TODAY: 'Out today',
  PRICE_DROP: 'Price drop',
  PRICE_INCREASE: 'Price increase',
  BACK_IN_STOCK: 'Back in stock',
  SOLD_OUT: 'Sold out',
  REMOVED: 'Removed',
} as const satisfies Record<TimelineKind, string>;

/** The lifecycle steps a release follow can choose: the timeline's steps, named the same. */
export const LIFECYCLE_STEP_LABELS = TIMELINE_LABELS satisfies Record<LifecycleStep, string>;
export const LIFECYCLE_STEPS = Object.keys(LIFECYCLE_STEP_LABELS) as LifecycleStep[];

export const NOTIFICATION_KIND_LABELS = {
  RELEASE_ANNOUNCED: 'New release announced',
  RELEASE_OUT_TODAY: 'Out today',
  OFFER_ADDED: 'New offer',
  PRICE_DROP: 'Price drop',
  PRICE_INCREASE: 'Price increase',
  BACK_IN_STOCK: 'Back in stock',
  STOCK_CHANGED: 'Stock changed',
  OFFER_REMOVED: 'Offer removed',
  ADMIN_BROADCAST: 'Announcement',
  CHANNEL_PAUSED: 'Channel paused',
} as const satisfies Record<NotificationKind, string>;
export const NOTIFICATION_KINDS = Object.keys(NOTIFICATION_KIND_LABELS) as NotificationKind[];

export function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

export const CHANNEL_KIND_LABELS = {
  DISCORD: 'Discord',
  NTFY: 'ntfy',
  EMAIL: 'Email',
  TELEGRAM: 'Telegram',
  WEB_PUSH: 'Browser push',
} as const satisfies Record<NotificationChannelKind, string>;

export const DIGEST_FREQUENCY_LABELS = {
  INSTANT: 'Each as it happens',
  DAILY: 'Daily digest',
  WEEKLY: 'Weekly digest',
} as const satisfies Record<DigestFrequency, string>;
export const DIGEST_FREQUENCIES = Object.keys(DIGEST_FREQUENCY_LABELS) as DigestFrequency[];

/** Monday first, as most of the fans' calendars start the week. */
export const WEEKDAY_LABELS = {
  MONDAY: 'Monday',
  TUESDAY: 'Tuesday',
  WEDNESDAY: 'Wednesday',
  THURSDAY: 'Thursday',
  FRIDAY: 'Friday',
  SATURDAY: 'Saturday',
  SUNDAY: 'Sunday',
} as const satisfies Record<Weekday, string>;
export const WEEKDAYS = Object.keys(WEEKDAY_LABELS) as Weekday[];

/** Languages emails and messages are written in (each in its own name). */
export const DELIVERY_LANGUAGE_LABELS: Readonly<Record<string, string>> = { en: 'English', de: 'Deutsch' };
