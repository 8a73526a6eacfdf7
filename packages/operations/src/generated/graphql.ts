/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type AddNotificationChannelInput = {
  /** For EMAIL the address; a confirmation link is sent to it first */
  email?: string | null | undefined;
  /** Send follows without a channel choice here (default true) */
  isDefault?: boolean | null | undefined;
  kind: NotificationChannelKind;
  label?: string | null | undefined;
  /** For DISCORD a webhook URL (https://discord.com/api/webhooks/...), for NTFY a topic URL (https://ntfy.sh/<topic>) */
  url?: string | null | undefined;
};

/** All given conditions must hold */
export type AuditLogFilter = {
  actorId?: string | number | null | undefined;
  /** From this instant on */
  from?: string | null | undefined;
  /** Mutation field or operation name */
  operation?: string | null | undefined;
  /** `OK`, `ERROR` (any failure) or one error code */
  outcome?: string | null | undefined;
  /** Subgraph name, e.g. raw-data */
  subgraph?: string | null | undefined;
  /** Before this instant */
  to?: string | null | undefined;
};

/** Whether a band is still active */
export type BandStatus =
  | 'ACTIVE'
  | 'CHANGED_NAME'
  | 'ON_HOLD'
  | 'SPLIT_UP'
  | 'UNKNOWN';

/** Releases to buy, one copy each, as cheaply as possible delivered */
export type BasketInput = {
  /** Also buy pre-orders (default: only offers a shop can ship now) */
  allowPreOrders?: boolean | null | undefined;
  /** ISO 3166-1 alpha-2 destination */
  country: string;
  /** ISO 4217 currency every amount of the plan is in */
  currency: string;
  /** Acceptable formats; default any */
  formats?: Array<Format> | null | undefined;
  /** 1 to 50 releases (exact answers are expected up to 20) */
  releaseIds: Array<string | number>;
};

/** Why a release cannot be bought */
export type BasketProblemReason =
  /** No shop that has it ships to the country */
  | 'NOT_SHIPPABLE'
  /** Every priced offer is sold out (or a pre-order where none are allowed) */
  | 'NOT_SOLD_NOW'
  /** No shop offers it (in an acceptable format) with a price */
  | 'NO_OFFER';

/** A message from the operators */
export type BroadcastInput = {
  /** Only the followers of this band, label or genre; not with userIds */
  followersOf?: BroadcastTargetInput | null | undefined;
  /** At most 2,000 characters */
  message: string;
  /** At most 200 characters */
  title: string;
  /** Only these users; default everyone who follows something */
  userIds?: Array<string | number> | null | undefined;
};

/** A band, label or genre whose followers a broadcast goes to */
export type BroadcastTargetInput = {
  /** The catalog id of the band, label or genre */
  id: string | number;
  /** BAND, LABEL or GENRE */
  type: FollowTargetType;
};

export type CarrierInput = {
  maxDays: number;
  minDays: number;
  name: string;
  tracked: boolean;
};

/** What a search hit is */
export type CatalogHitKind =
  | 'BAND'
  | 'LABEL';

/** Where a release stands in a fan’s collection */
export type CollectionStatus =
  /** Already on the shelf */
  | 'HAVE'
  /** On the want list: the fan hears about its prices and restocks */
  | 'WANT';

/** A shop to track */
export type CreateDistributorInput = {
  /** ISO 3166-1 alpha-2 country the shop ships from, e.g. "DE" */
  country: string;
  /** ISO 4217 currency the shop prices in, e.g. "EUR" */
  currency: string;
  logoUrl?: string | null | undefined;
  /** Unique display name */
  name: string;
  /** The shop's home page (http or https) */
  websiteUrl: string;
};

/** A shop catalogue or announcement feed to read */
export type CreateSourceInput = {
  /** The catalog Distributor this shop is; null for announcement feeds */
  distributorId?: string | number | null | undefined;
  /** Default true */
  enabled?: boolean | null | undefined;
  kind: SourceKind;
  /** Unique display name */
  name: string;
  /** Per-kind options, e.g. {"currency": "EUR"} for SHOPIFY; validated against the kind's schema */
  options?: unknown;
  /** Cron expression (UTC, 5 or 6 fields), e.g. "0 *\/6 * * *"; null runs only on demand */
  schedule?: string | null | undefined;
  /** The shop's base URL (SHOPIFY, WOOCOMMERCE), the listing page (JSON_LD, HTML), the Bandcamp site (BANDCAMP) or the document itself (METAL_ARCHIVES_UPCOMING, FEED) */
  url: string;
};

/** How often a channel is sent what happened */
export type DigestFrequency =
  /** One message a day at your digest hour, listing what happened since the last one */
  | 'DAILY'
  /** Each notification as it happens (waiting for the end of quiet hours) */
  | 'INSTANT'
  /** One message a week, on your digest weekday at your digest hour */
  | 'WEEKLY';

/** What to follow and which of its news to be told about */
export type FollowInput = {
  /** Your notification channels to send its news to; default (null) your default channels, [] the app only */
  channelIds?: Array<string | number> | null | undefined;
  /** ISO 3166-1 alpha-2 country the delivered price is delivered to; default your profile country */
  country?: string | null | undefined;
  /** Kinds to be told about; default depends on the target type */
  events?: Array<NotificationKind> | null | undefined;
  /** Only offers in these formats; default every format */
  formats?: Array<Format> | null | undefined;
  /** A release follow: only offers whose delivered price (shelf plus that shop's shipping to `country`) is at most this, in its currency */
  maxDeliveredPrice?: MoneyInput | null | undefined;
  /** Only offers at most this price (converted with current rates) */
  maxPrice?: MoneyInput | null | undefined;
  /** Only releases of these types; default every type */
  releaseTypes?: Array<ReleaseType> | null | undefined;
  /** A release follow: the lifecycle steps to be told about (instead of events); default none (judged by events) */
  steps?: Array<LifecycleStep> | null | undefined;
  /** Id of the band, label, genre, release or distributor */
  targetId: string | number;
  targetType: FollowTargetType;
};

/** What a follow watches */
export type FollowTargetType =
  /** A band (catalog Band id) */
  | 'BAND'
  /** A shop (catalog Distributor id) */
  | 'DISTRIBUTOR'
  /** A genre (catalog Genre id) */
  | 'GENRE'
  /** A record label (catalog Label id) */
  | 'LABEL'
  /** One release (releases Release id): its offers’ prices and stock */
  | 'RELEASE';

/** Physical format of an offer */
export type Format =
  /** Box set */
  | 'BOX'
  /** Compact disc */
  | 'CD'
  /** Double CD */
  | 'CD2'
  /** 7" vinyl */
  | 'EP7'
  /** 10" vinyl */
  | 'EP10'
  /** 12" vinyl album */
  | 'LP'
  /** Double 12" vinyl */
  | 'LP2'
  /** Cassette tape */
  | 'MC'
  /** Mini CD (EP length) */
  | 'MCD'
  /** Anything else (e.g. flexi, shaped disc) */
  | 'OTHER';

/** A step in the life of a release a fan can follow (as in Release.timeline) */
export type LifecycleStep =
  /** The release is announced */
  | 'ANNOUNCED'
  /** A shop has it again after selling out */
  | 'BACK_IN_STOCK'
  /** A shop has it in stock (includes BACK_IN_STOCK); with a delivered-price condition, also when an in-stock offer gets under it */
  | 'IN_STOCK'
  /** Its release day */
  | 'OUT_TODAY'
  /** A shop opened pre-orders */
  | 'PRE_ORDER_OPENED'
  /** A shop lowered its price (in its own currency; a rate change alone is not one) */
  | 'PRICE_DROP'
  /** A shop raised its price */
  | 'PRICE_INCREASE'
  /** A shop took it down */
  | 'REMOVED'
  /** A shop sold out */
  | 'SOLD_OUT';

export type LoginInput = {
  email: string;
  password: string;
};

/** An exact amount in one currency */
export type MoneyInput = {
  /** Exact decimal, e.g. "12.99" */
  amount: string;
  /** ISO 4217 code, e.g. "EUR" */
  currency: string;
};

/** A service notifications are sent to */
export type NotificationChannelKind =
  /** A Discord channel, through a webhook URL you created in its settings */
  | 'DISCORD'
  /** An email address, used once you confirmed it through the link we send */
  | 'EMAIL'
  /** An ntfy topic (ntfy.sh or your own server), as a topic URL */
  | 'NTFY'
  /** A Telegram chat with our bot, linked through linkTelegram */
  | 'TELEGRAM'
  /** Push notifications in one browser, added through addWebPushSubscription */
  | 'WEB_PUSH';

/** What a notification is about */
export type NotificationKind =
  /** A message from the operators to every fan */
  | 'ADMIN_BROADCAST'
  /** A sold-out offer can be ordered again */
  | 'BACK_IN_STOCK'
  /** One of your delivery channels (Discord, ntfy, a webhook, ...) kept failing and was paused */
  | 'CHANNEL_PAUSED'
  /** A shop started selling a release */
  | 'OFFER_ADDED'
  /** A shop stopped listing an offer */
  | 'OFFER_REMOVED'
  /** An offer became cheaper */
  | 'PRICE_DROP'
  /** An offer became more expensive */
  | 'PRICE_INCREASE'
  /** A new release was announced */
  | 'RELEASE_ANNOUNCED'
  /** A release comes out today */
  | 'RELEASE_OUT_TODAY'
  /** Any change of an offer’s stock (includes BACK_IN_STOCK) */
  | 'STOCK_CHANGED';

export type NotificationPreferencesInput = {
  /** 0-23 */
  digestHour: number;
  digestWeekday: Weekday;
  /** Language tag, e.g. en or de */
  language: string;
  /** HH:MM */
  quietHoursEnd?: string | null | undefined;
  /** HH:MM; set together with quietHoursEnd, or both null for none */
  quietHoursStart?: string | null | undefined;
  /** IANA time zone, e.g. Europe/Berlin */
  timeZone: string;
};

/** Copies of one format in a parcel */
export type ParcelContentInput = {
  format: Format;
  /** 1 to 99 */
  quantity: number;
};

/** Where a parser run stands */
export type ParserRunStatus =
  /** Nothing usable was read; stored listings are untouched */
  | 'FAILED'
  /** Some pages failed, or the removal guard held back removals: what was read is stored, nothing was removed */
  | 'PARTIAL'
  /** Waiting for a worker */
  | 'QUEUED'
  /** Fetching and parsing */
  | 'RUNNING'
  /** Every page read; listings no longer seen were marked removed */
  | 'SUCCEEDED';

/** What started a run */
export type ParserRunTrigger =
  /** runParser */
  | 'MANUAL'
  /** The source's cron schedule */
  | 'SCHEDULE';

/** What a raw item is */
export type RawItemKind =
  /** A release announced without an offer */
  | 'ANNOUNCEMENT'
  /** A shop's offer */
  | 'LISTING';

/** A new account */
export type RegisterInput = {
  /** ISO 3166-1 alpha-2 country deliveries go to */
  country?: string | null | undefined;
  /** ISO 4217 currency to show prices in (default EUR) */
  currency?: string | null | undefined;
  /** Name shown to others (1 to 60 characters) */
  displayName: string;
  email: string;
  /** 10 to 128 characters, not your email address */
  password: string;
};

/** How exact a release date is */
export type ReleaseDatePrecision =
  /** Exact day */
  | 'DAY'
  /** Only a text such as "Summer 2027" */
  | 'ESTIMATE'
  /** Month only */
  | 'MONTH'
  /** Year only */
  | 'YEAR';

/** Only news matching every given list (each list matches any of its values) */
export type ReleaseFeedFilter = {
  /** Any of these bands (at most 100) */
  bandIds?: Array<string | number> | null | undefined;
  /** Offers in any of these formats (announcements have none and are left out) */
  formats?: Array<Format> | null | undefined;
  /** Any of these genres (at most 100) */
  genreIds?: Array<string | number> | null | undefined;
  /** Only these kinds of news */
  kinds?: Array<NotificationKind> | null | undefined;
};

/** Every given condition must hold; offer conditions must hold for one and the same live offer */
export type ReleaseFilter = {
  /** First seen by the tracker at or after this instant */
  announcedSince?: string | null | undefined;
  /** Releases by any of these bands (splits included) */
  bandIds?: Array<string | number> | null | undefined;
  /** Offered by any of these shops */
  distributorIds?: Array<string | number> | null | undefined;
  /** Offered in any of these formats */
  formats?: Array<Format> | null | undefined;
  genreIds?: Array<string | number> | null | undefined;
  labelIds?: Array<string | number> | null | undefined;
  /** Offer price at most this, in the currency of the list (its `currency` argument) */
  priceMax?: string | null | undefined;
  /** Offer price at least this, in the currency of the list (its `currency` argument) */
  priceMin?: string | null | undefined;
  /** Release date on or after this day */
  releasedFrom?: string | null | undefined;
  /** Release date on or before this day */
  releasedTo?: string | null | undefined;
  /** Words of the title or band name; case and diacritics ignored */
  search?: string | null | undefined;
  /** Offered with any of these stock states */
  stock?: Array<StockStatus> | null | undefined;
  types?: Array<ReleaseType> | null | undefined;
};

/** Order of a release list */
export type ReleaseSort =
  /** Cheapest single copy delivered to `country` first: shelf price plus that shop's shipping of the format, compared after conversion; releases no shop delivers there last */
  | 'DELIVERED_PRICE_ASC'
  /** Most recently seen by the tracker first (the default) */
  | 'NEWEST'
  /** Most offered first */
  | 'OFFER_COUNT_DESC'
  /** Cheapest live offer first, prices compared after conversion into one currency (ECB rates); unpriced last */
  | 'PRICE_ASC'
  /** Earliest release date first; undated last */
  | 'RELEASE_DATE_ASC'
  /** Latest release date first; undated last */
  | 'RELEASE_DATE_DESC';

/** What kind of release this is */
export type ReleaseType =
  | 'BOXED_SET'
  | 'COMPILATION'
  | 'DEMO'
  | 'EP'
  | 'FULL_LENGTH'
  | 'LIVE'
  | 'OTHER'
  | 'SINGLE'
  | 'SPLIT'
  | 'VIDEO';

/** Why resolution asks an operator to look */
export type ReviewKind =
  /** Several same-name bands fit a listing; one was picked deterministically */
  | 'AMBIGUOUS_BAND'
  /** A listing came without a known shop; one was created from its URL's host */
  | 'DISTRIBUTOR_CREATED'
  /** Bands of that name exist but none fit, so a new one was created */
  | 'SAME_NAME_BAND_CREATED';

export type ReviewStatus =
  /** Waiting for an operator */
  | 'OPEN'
  /** An operator rejected the decision without naming a band; nothing was learnt from it */
  | 'REJECTED'
  /** An operator settled on a band (or confirmed the shop) */
  | 'RESOLVED';

/** What an account may do; its access token carries the scopes of its roles */
export type Role =
  /** An operator: all an editor may, plus users and roles, signing keys, dead-letter replay and broadcasts (scopes sources:write, catalog:write, delivery:write, events:replay, users:admin, broadcast) */
  | 'ADMIN'
  /** Keeps the data right: sources and runs, shops and their shipping rules, resolution and band merges (scopes sources:write, catalog:write, delivery:write) */
  | 'EDITOR'
  /** A fan: follows, notifications, own profile; no operator scope */
  | 'USER';

export type SetCollectionItemInput = {
  /** One format (a fan may own the CD and want the LP); omitted or null: any format */
  format?: Format | null | undefined;
  releaseId: string | number;
  status: CollectionStatus;
};

/** A draft profile tried on one parcel before it is saved */
export type ShippingCheckInput = {
  /** ISO 3166-1 alpha-2 destination, e.g. "UA" */
  country: string;
  /** What the parcel holds (1 to 100 lines); its weight comes from parcelWeights */
  items: Array<ParcelContentInput>;
  /** The rules to try, as setShippingProfile takes them */
  profile: ShippingProfileInput;
  /** What the items cost, in the profile's currency (free-shipping threshold) */
  subtotal: string;
};

/** A shop's complete shipping rules; replaces its previous profile */
export type ShippingProfileInput = {
  /** ISO 4217 currency of every amount of the profile */
  currency: string;
  /** The catalog Distributor */
  distributorId: string | number;
  /** Added to the rate of every parcel */
  handlingFee: string;
  /** ISO 3166-1 alpha-2 country parcels leave from */
  shipsFrom: string;
  zones: Array<ShippingZoneInput>;
};

/** Why something cannot be delivered */
export type ShippingUnavailableReason =
  /** The shop does not ship to the country */
  | 'COUNTRY_NOT_SERVED'
  /** Sold out, or a pre-order where none are allowed */
  | 'NOT_SOLD_NOW'
  /** No exchange rate is known for a currency involved */
  | 'NO_CURRENCY_RATE'
  /** The shop shows no price */
  | 'NO_PRICE'
  /** No shipping rates are known for the shop */
  | 'NO_SHIPPING_PROFILE'
  /** Heavier than the heaviest rate of the shop for the country */
  | 'TOO_HEAVY'
  /** No such offer is known */
  | 'UNKNOWN_OFFER';

export type ShippingZoneInput = {
  carrier: CarrierInput;
  /** ISO 3166-1 alpha-2 codes and the groups EU and WORLD */
  countries: Array<string>;
  /** Parcels whose subtotal reaches this ship free; omit for never */
  freeShippingThreshold?: string | null | undefined;
  name: string;
  /** Non-overlapping gram ranges */
  rates: Array<WeightBracketInput>;
};

/** The format a source publishes */
export type SourceKind =
  /** A band's or label's Bandcamp site: its albums' physical packages (vinyl, CD, tape), never downloads */
  | 'BANDCAMP'
  /** RSS 2.0 or Atom feed (announcements) */
  | 'FEED'
  /** HTML pages read with configured CSS selectors */
  | 'HTML'
  /** schema.org JSON-LD in HTML pages */
  | 'JSON_LD'
  /** The Metal Archives upcoming-releases JSON (announcements) */
  | 'METAL_ARCHIVES_UPCOMING'
  /** A Shopify shop's public /products.json */
  | 'SHOPIFY'
  /** A WooCommerce shop's public Store API */
  | 'WOOCOMMERCE';

/** Whether a shop can sell an offer now */
export type StockStatus =
  /** Can be ordered and ships now */
  | 'IN_STOCK'
  /** Listed but sold out */
  | 'OUT_OF_STOCK'
  /** Can be ordered; ships on release */
  | 'PRE_ORDER'
  /** The shop does not say */
  | 'UNKNOWN';

/** One step in the life of a release across shops */
export type TimelineKind =
  /** The tracker first saw it (an announcement or a first listing) */
  | 'ANNOUNCED'
  /** A shop has it again after selling out */
  | 'BACK_IN_STOCK'
  /** A shop has it in stock (listed in stock, or a pre-order that shipped) */
  | 'IN_STOCK'
  /** Its release day */
  | 'OUT_TODAY'
  /** A shop opened pre-orders */
  | 'PRE_ORDER_OPENED'
  /** A shop lowered its price (in its own currency) */
  | 'PRICE_DROP'
  /** A shop raised its price (in its own currency) */
  | 'PRICE_INCREASE'
  /** A shop took it down */
  | 'REMOVED'
  /** A shop sold out */
  | 'SOLD_OUT';

/** Fields to change; omitted (or null) fields stay as they are */
export type UpdateBandInput = {
  /** Every other spelling that should resolve to this band (replaces the list) */
  aliases?: Array<string> | null | undefined;
  /** The band on Bandcamp (http or https); an empty string clears it */
  bandcampUrl?: string | null | undefined;
  /** ISO 3166-1 alpha-2 country of origin; an empty string clears it */
  country?: string | null | undefined;
  /** Year the band was formed */
  formedIn?: number | null | undefined;
  /** The band page on Encyclopaedia Metallum (http or https); an empty string clears it */
  metalArchivesUrl?: string | null | undefined;
  /** Display name; the slug stays, so links keep working */
  name?: string | null | undefined;
};

/** Fields to change; omitted fields stay as they are */
export type UpdateDistributorInput = {
  country?: string | null | undefined;
  currency?: string | null | undefined;
  /** An empty string removes the logo */
  logoUrl?: string | null | undefined;
  name?: string | null | undefined;
  websiteUrl?: string | null | undefined;
};

/** Changes to a follow; omitted fields keep their value, null clears a filter */
export type UpdateFollowInput = {
  /** Null goes back to your default channels */
  channelIds?: Array<string | number> | null | undefined;
  /** Default (with a new maxDeliveredPrice) your profile country */
  country?: string | null | undefined;
  events?: Array<NotificationKind> | null | undefined;
  formats?: Array<Format> | null | undefined;
  /** Null removes the delivered-price condition */
  maxDeliveredPrice?: MoneyInput | null | undefined;
  maxPrice?: MoneyInput | null | undefined;
  releaseTypes?: Array<ReleaseType> | null | undefined;
  /** Null goes back to reporting by events */
  steps?: Array<LifecycleStep> | null | undefined;
};

export type UpdateNotificationChannelInput = {
  /** What is already collected still goes out at its digest time */
  digest?: DigestFrequency | null | undefined;
};

/** Only the fields given change */
export type UpdateProfileInput = {
  /** ISO 3166-1 alpha-2; null clears it */
  country?: string | null | undefined;
  /** ISO 4217 */
  currency?: string | null | undefined;
  displayName?: string | null | undefined;
};

/** Fields to change; omitted fields stay as they are */
export type UpdateSourceInput = {
  distributorId?: string | number | null | undefined;
  name?: string | null | undefined;
  /** Replaces the options as a whole */
  options?: unknown;
  /** Cron expression; an empty string removes the schedule */
  schedule?: string | null | undefined;
  url?: string | null | undefined;
};

/** A browser's PushSubscription (its toJSON(): endpoint and keys) */
export type WebPushSubscriptionInput = {
  /** keys.auth, base64url */
  auth: string;
  /** The push service URL the browser gave */
  endpoint: string;
  /** Which browser or device, for you */
  label?: string | null | undefined;
  /** keys.p256dh, base64url */
  p256dh: string;
};

/** A day of the week */
export type Weekday =
  | 'FRIDAY'
  | 'MONDAY'
  | 'SATURDAY'
  | 'SUNDAY'
  | 'THURSDAY'
  | 'TUESDAY'
  | 'WEDNESDAY';

/** One rate: parcels from minGrams to maxGrams (both inclusive) cost price */
export type WeightBracketInput = {
  maxGrams: number;
  minGrams: number;
  /** In the profile's currency */
  price: string;
};

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, displayName: string, country: string | null, currency: string, roles: Array<Role> } | null };

export type UnreadNotificationCountQueryVariables = Exact<{ [key: string]: never; }>;


export type UnreadNotificationCountQuery = { unreadNotificationCount: number };

export type RegisterMutationVariables = Exact<{
  input: RegisterInput;
}>;


export type RegisterMutation = { register: { accessToken: string, accessTokenExpiresAt: string, refreshToken: string, user: { id: string, email: string | null, displayName: string, roles: Array<Role> } } };

export type LoginMutationVariables = Exact<{
  input: LoginInput;
}>;


export type LoginMutation = { login: { accessToken: string, refreshToken: string, user: { id: string, email: string | null, roles: Array<Role> } } };

export type RefreshTokenMutationVariables = Exact<{
  refreshToken: string;
}>;


export type RefreshTokenMutation = { refreshToken: { accessToken: string, refreshToken: string } };

export type LogoutMutationVariables = Exact<{
  refreshToken: string;
}>;


export type LogoutMutation = { logout: boolean };

export type MyNotificationsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  unreadOnly?: boolean | null | undefined;
}>;


export type MyNotificationsQuery = { myNotifications: { edges: Array<{ node: { id: string, kind: NotificationKind, title: string, message: string, createdAt: string, readAt: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type BandsWithReleasesQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  search?: string | null | undefined;
}>;


export type BandsWithReleasesQuery = { bands: { edges: Array<{ node: { id: string, name: string, slug: string, country: string | null, releases: { edges: Array<{ node: { id: string, title: string, type: ReleaseType, releaseDate: string | null } }> } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type DistributorsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type DistributorsQuery = { distributors: { edges: Array<{ node: { id: string, name: string, country: string, currency: string, websiteUrl: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type CurrencyRatesQueryVariables = Exact<{
  date?: string | null | undefined;
}>;


export type CurrencyRatesQuery = { currencyRates: { date: string, base: string, rates: Array<{ currency: string, rate: string }> } | null };

export type SetShippingProfileMutationVariables = Exact<{
  input: ShippingProfileInput;
}>;


export type SetShippingProfileMutation = { setShippingProfile: { currency: string, updatedAt: string } };

export type FollowMutationVariables = Exact<{
  input: FollowInput;
}>;


export type FollowMutation = { follow: { id: string, targetType: FollowTargetType, targetId: string, events: Array<NotificationKind> } };

export type NotificationAddedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type NotificationAddedSubscription = { notificationAdded: { id: string, kind: NotificationKind, title: string, release: { id: string, title: string, band: { name: string } } | null } };

export type ReleaseFeedSubscriptionVariables = Exact<{
  filter?: ReleaseFeedFilter | null | undefined;
}>;


export type ReleaseFeedSubscription = { releaseFeed: { id: string, kind: NotificationKind, bandIds: Array<string>, release: { id: string, title: string } } };

export type MarkNotificationsReadMutationVariables = Exact<{
  ids?: Array<string | number> | string | number | null | undefined;
  all?: boolean | null | undefined;
}>;


export type MarkNotificationsReadMutation = { markNotificationsRead: number };

export type LatestReleasesQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type LatestReleasesQuery = { releases: { edges: Array<{ node: { id: string, title: string, type: ReleaseType, releaseDate: string | null, band: { name: string, country: string | null } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ReleaseQueryVariables = Exact<{
  id: string | number;
}>;


export type ReleaseQuery = { release: { id: string, title: string, type: ReleaseType, releaseDate: string | null, band: { id: string, name: string } } | null };

export type SearchReleasesQueryVariables = Exact<{
  filter?: ReleaseFilter | null | undefined;
  sort?: ReleaseSort | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SearchReleasesQuery = { releases: { edges: Array<{ node: { id: string, title: string, reissue: boolean, releaseDate: string | null, releaseDatePrecision: ReleaseDatePrecision | null, offerCount: number, lowestPrice: { amount: string, currency: string } | null, band: { name: string } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ReleasePriceComparisonQueryVariables = Exact<{
  id: string | number;
  stock?: Array<StockStatus> | StockStatus | null | undefined;
  formats?: Array<Format> | Format | null | undefined;
}>;


export type ReleasePriceComparisonQuery = { release: { id: string, title: string, lowestPrice: { amount: string, currency: string } | null, offers: Array<{ id: string, format: Format, variant: string | null, url: string, stock: StockStatus, price: { amount: string, currency: string } | null, distributor: { id: string, name: string }, priceHistory: Array<{ stock: StockStatus, at: string, price: { amount: string, currency: string } | null }> }> } | null };

export type UpcomingReleasesQueryVariables = Exact<{
  from?: string | null | undefined;
  to?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type UpcomingReleasesQuery = { upcomingReleases: { edges: Array<{ node: { id: string, title: string, releaseDate: string | null, releaseDatePrecision: ReleaseDatePrecision | null, releaseDateText: string | null, band: { name: string } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type SourcesWithLastRunQueryVariables = Exact<{ [key: string]: never; }>;


export type SourcesWithLastRunQuery = { sources: { edges: Array<{ node: { id: string, name: string, kind: SourceKind, enabled: boolean, schedule: string | null, lastRun: { id: string, status: ParserRunStatus, listingsSeen: number, errors: Array<{ code: string, message: string }> } | null } }> } };

export type RunParserMutationVariables = Exact<{
  sourceId: string | number;
  acceptShrink?: boolean | null | undefined;
}>;


export type RunParserMutation = { runParser: { id: string, status: ParserRunStatus } };

export type WebMeQueryVariables = Exact<{ [key: string]: never; }>;


export type WebMeQuery = { me: { id: string, displayName: string, email: string | null, emailVerified: boolean | null, country: string | null, currency: string, roles: Array<Role> } | null };

export type WebUpdateProfileMutationVariables = Exact<{
  input: UpdateProfileInput;
}>;


export type WebUpdateProfileMutation = { updateProfile: { id: string, displayName: string, email: string | null, emailVerified: boolean | null, country: string | null, currency: string, roles: Array<Role> } };

export type WebSignUpMutationVariables = Exact<{
  input: RegisterInput;
}>;


export type WebSignUpMutation = { register: { accessToken: string, accessTokenExpiresAt: string, refreshToken: string } };

export type WebSignInMutationVariables = Exact<{
  input: LoginInput;
}>;


export type WebSignInMutation = { login: { accessToken: string, accessTokenExpiresAt: string, refreshToken: string } };

export type WebRefreshSessionMutationVariables = Exact<{
  refreshToken: string;
}>;


export type WebRefreshSessionMutation = { refreshToken: { accessToken: string, accessTokenExpiresAt: string, refreshToken: string } };

export type WebRequestEmailVerificationMutationVariables = Exact<{ [key: string]: never; }>;


export type WebRequestEmailVerificationMutation = { requestEmailVerification: boolean };

export type WebVerifyEmailMutationVariables = Exact<{
  token: string;
}>;


export type WebVerifyEmailMutation = { verifyEmail: boolean };

export type WebRequestPasswordResetMutationVariables = Exact<{
  email: string;
}>;


export type WebRequestPasswordResetMutation = { requestPasswordReset: boolean };

export type WebResetPasswordMutationVariables = Exact<{
  token: string;
  newPassword: string;
}>;


export type WebResetPasswordMutation = { resetPassword: boolean };

export type WebDeleteMyAccountMutationVariables = Exact<{
  password: string;
}>;


export type WebDeleteMyAccountMutation = { deleteMyAccount: boolean };

export type WebAdminBandSummaryFragment = { id: string, name: string, slug: string, aliases: Array<string>, country: string | null, genres: Array<{ id: string, name: string }> };

export type WebResolutionReviewsQueryVariables = Exact<{
  status?: ReviewStatus | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WebResolutionReviewsQuery = { resolutionReviews: { edges: Array<{ cursor: string, node: { id: string, kind: ReviewKind, status: ReviewStatus, rawName: string, reason: string, subject: string, createdAt: string, resolvedAt: string | null, candidates: Array<{ id: string, name: string, slug: string, aliases: Array<string>, country: string | null, genres: Array<{ id: string, name: string }> }>, chosenBand: { id: string, name: string } | null, resolvedBand: { id: string, name: string } | null, distributor: { id: string, name: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type WebResolveReviewMutationVariables = Exact<{
  id: string | number;
  bandId?: string | number | null | undefined;
}>;


export type WebResolveReviewMutation = { resolveReview: { id: string, status: ReviewStatus, resolvedBand: { id: string, name: string } | null } };

export type WebResolveReviewWithNewBandMutationVariables = Exact<{
  id: string | number;
}>;


export type WebResolveReviewWithNewBandMutation = { resolveReviewWithNewBand: { id: string, status: ReviewStatus, resolvedBand: { id: string, name: string, slug: string } | null } };

export type WebRejectReviewMutationVariables = Exact<{
  id: string | number;
}>;


export type WebRejectReviewMutation = { rejectReview: { id: string, status: ReviewStatus } };

export type WebDuplicateBandsQueryVariables = Exact<{
  minSimilarity?: number | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WebDuplicateBandsQuery = { potentialDuplicateBands: { edges: Array<{ cursor: string, node: { similarity: number, band: { id: string, name: string, slug: string, aliases: Array<string>, country: string | null, genres: Array<{ id: string, name: string }> }, other: { id: string, name: string, slug: string, aliases: Array<string>, country: string | null, genres: Array<{ id: string, name: string }> } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type WebAdminBandDetailsFragment = { formedIn: number | null, status: BandStatus, genreText: string | null, metalArchivesUrl: string | null, bandcampUrl: string | null, id: string, name: string, slug: string, aliases: Array<string>, country: string | null, releases: { edges: Array<{ node: { id: string, title: string } }>, pageInfo: { hasNextPage: boolean } }, genres: Array<{ id: string, name: string }> };

export type WebBandPairQueryVariables = Exact<{
  left: string | number;
  right: string | number;
}>;


export type WebBandPairQuery = { left: { formedIn: number | null, status: BandStatus, genreText: string | null, metalArchivesUrl: string | null, bandcampUrl: string | null, id: string, name: string, slug: string, aliases: Array<string>, country: string | null, releases: { edges: Array<{ node: { id: string, title: string } }>, pageInfo: { hasNextPage: boolean } }, genres: Array<{ id: string, name: string }> } | null, right: { formedIn: number | null, status: BandStatus, genreText: string | null, metalArchivesUrl: string | null, bandcampUrl: string | null, id: string, name: string, slug: string, aliases: Array<string>, country: string | null, releases: { edges: Array<{ node: { id: string, title: string } }>, pageInfo: { hasNextPage: boolean } }, genres: Array<{ id: string, name: string }> } | null };

export type WebMergeBandsMutationVariables = Exact<{
  sourceId: string | number;
  targetId: string | number;
}>;


export type WebMergeBandsMutation = { mergeBands: { id: string, name: string, aliases: Array<string> } };

export type WebBandForEditQueryVariables = Exact<{
  id: string | number;
}>;


export type WebBandForEditQuery = { band: { id: string, name: string, slug: string, aliases: Array<string>, country: string | null, formedIn: number | null, metalArchivesUrl: string | null, bandcampUrl: string | null } | null };

export type WebUpdateBandMutationVariables = Exact<{
  id: string | number;
  input: UpdateBandInput;
}>;


export type WebUpdateBandMutation = { updateBand: { id: string, name: string, slug: string, aliases: Array<string>, country: string | null, formedIn: number | null, metalArchivesUrl: string | null, bandcampUrl: string | null } };

export type WebDeadLettersQueryVariables = Exact<{
  stream?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WebDeadLettersQuery = { deadLetters: { edges: Array<{ cursor: string, node: { id: string, stream: string, group: string, eventId: string | null, type: string | null, error: string, attempts: number, failedAt: string, payload: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type WebReplayDeadLetterMutationVariables = Exact<{
  id: string | number;
}>;


export type WebReplayDeadLetterMutation = { replayDeadLetter: boolean };

export type WebReplayAllDeadLettersMutationVariables = Exact<{
  stream?: string | null | undefined;
}>;


export type WebReplayAllDeadLettersMutation = { replayAllDeadLetters: number };

export type WebBroadcastTargetsQueryVariables = Exact<{
  query: string;
}>;


export type WebBroadcastTargetsQuery = { searchCatalog: Array<{ kind: CatalogHitKind, id: string, name: string }> };

export type WebGenresQueryVariables = Exact<{ [key: string]: never; }>;


export type WebGenresQuery = { genres: Array<{ id: string, name: string }> };

export type WebBroadcastMutationVariables = Exact<{
  input: BroadcastInput;
}>;


export type WebBroadcastMutation = { broadcastNotification: number };

export type WebUsersQueryVariables = Exact<{
  search?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WebUsersQuery = { users: { edges: Array<{ cursor: string, node: { id: string, displayName: string, email: string | null, emailVerified: boolean | null, roles: Array<Role>, createdAt: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type WebSetUserRolesMutationVariables = Exact<{
  userId: string | number;
  roles: Array<Role> | Role;
}>;


export type WebSetUserRolesMutation = { setUserRoles: { id: string, roles: Array<Role> } };

export type WebShopFragment = { id: string, name: string, slug: string, country: string, currency: string, websiteUrl: string, logoUrl: string | null, autoCreated: boolean };

export type WebShopsPageQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WebShopsPageQuery = { distributors: { edges: Array<{ cursor: string, node: { id: string, name: string, slug: string, country: string, currency: string, websiteUrl: string, logoUrl: string | null, autoCreated: boolean } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type WebShopDetailsQueryVariables = Exact<{
  id: string | number;
}>;


export type WebShopDetailsQuery = { distributor: { id: string, name: string, slug: string, country: string, currency: string, websiteUrl: string, logoUrl: string | null, autoCreated: boolean } | null };

export type WebCreateShopMutationVariables = Exact<{
  input: CreateDistributorInput;
}>;


export type WebCreateShopMutation = { createDistributor: { id: string, name: string, slug: string, country: string, currency: string, websiteUrl: string, logoUrl: string | null, autoCreated: boolean } };

export type WebUpdateShopMutationVariables = Exact<{
  id: string | number;
  input: UpdateDistributorInput;
}>;


export type WebUpdateShopMutation = { updateDistributor: { id: string, name: string, slug: string, country: string, currency: string, websiteUrl: string, logoUrl: string | null, autoCreated: boolean } };

export type WebShippingProfileFragment = { shipsFrom: string, currency: string, updatedAt: string, handlingFee: { amount: string }, zones: Array<{ name: string, countries: Array<string>, freeShippingThreshold: { amount: string } | null, carrier: { name: string, tracked: boolean, minDays: number, maxDays: number }, rates: Array<{ minGrams: number, maxGrams: number, price: { amount: string } }> }> };

export type WebShopShippingQueryVariables = Exact<{
  id: string | number;
}>;


export type WebShopShippingQuery = { distributor: { id: string, name: string, slug: string, country: string, currency: string, websiteUrl: string, logoUrl: string | null, autoCreated: boolean } | null, shippingProfile: { shipsFrom: string, currency: string, updatedAt: string, handlingFee: { amount: string }, zones: Array<{ name: string, countries: Array<string>, freeShippingThreshold: { amount: string } | null, carrier: { name: string, tracked: boolean, minDays: number, maxDays: number }, rates: Array<{ minGrams: number, maxGrams: number, price: { amount: string } }> }> } | null };

export type WebSetShippingProfileMutationVariables = Exact<{
  input: ShippingProfileInput;
}>;


export type WebSetShippingProfileMutation = { setShippingProfile: { shipsFrom: string, currency: string, updatedAt: string, handlingFee: { amount: string }, zones: Array<{ name: string, countries: Array<string>, freeShippingThreshold: { amount: string } | null, carrier: { name: string, tracked: boolean, minDays: number, maxDays: number }, rates: Array<{ minGrams: number, maxGrams: number, price: { amount: string } }> }> } };

export type WebDeleteShippingProfileMutationVariables = Exact<{
  distributorId: string | number;
}>;


export type WebDeleteShippingProfileMutation = { deleteShippingProfile: boolean };

export type WebCheckShippingQueryVariables = Exact<{
  input: ShippingCheckInput;
}>;


export type WebCheckShippingQuery = { checkShipping: { weightGrams: number, zone: string | null, freeShipping: boolean, carrier: { name: string, tracked: boolean, minDays: number, maxDays: number } | null, cost: { amount: string, currency: string } | null, unavailable: { reason: ShippingUnavailableReason, message: string } | null } };

export type WebSourceRowFragment = { id: string, name: string, kind: SourceKind, url: string, enabled: boolean, schedule: string | null, options: unknown, distributor: { id: string } | null, lastRun: { id: string, status: ParserRunStatus, queuedAt: string, finishedAt: string | null, listingsSeen: number, errors: Array<{ code: string, message: string }> } | null };

export type WebRunIssueFragment = { code: string, message: string, url: string | null, externalId: string | null, detail: string | null };

export type WebFieldCoverageFragment = { listings: number, band: number, title: number, format: number, price: number, stock: number, releaseDate: number, label: number };

export type WebSourcesPageQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WebSourcesPageQuery = { sources: { edges: Array<{ cursor: string, node: { id: string, name: string, kind: SourceKind, url: string, enabled: boolean, schedule: string | null, options: unknown, distributor: { id: string } | null, lastRun: { id: string, status: ParserRunStatus, queuedAt: string, finishedAt: string | null, listingsSeen: number, errors: Array<{ code: string, message: string }> } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type WebSourceQueryVariables = Exact<{
  id: string | number;
}>;


export type WebSourceQuery = { source: { id: string, name: string, kind: SourceKind, url: string, enabled: boolean, schedule: string | null, options: unknown, distributor: { id: string } | null, lastRun: { id: string, status: ParserRunStatus, queuedAt: string, finishedAt: string | null, listingsSeen: number, errors: Array<{ code: string, message: string }> } | null } | null };

export type WebSourceFormChoicesQueryVariables = Exact<{ [key: string]: never; }>;


export type WebSourceFormChoicesQuery = { sourcePresets: Array<{ id: string, name: string, country: string, currency: string, platform: string, kind: SourceKind, url: string, options: unknown, schedule: string }>, distributors: { edges: Array<{ node: { id: string, name: string, currency: string, autoCreated: boolean } }>, pageInfo: { hasNextPage: boolean } } };

export type WebCreateSourceMutationVariables = Exact<{
  input: CreateSourceInput;
}>;


export type WebCreateSourceMutation = { createSource: { id: string, name: string, kind: SourceKind, url: string, enabled: boolean, schedule: string | null, options: unknown, distributor: { id: string } | null, lastRun: { id: string, status: ParserRunStatus, queuedAt: string, finishedAt: string | null, listingsSeen: number, errors: Array<{ code: string, message: string }> } | null } };

export type WebUpdateSourceMutationVariables = Exact<{
  id: string | number;
  input: UpdateSourceInput;
}>;


export type WebUpdateSourceMutation = { updateSource: { id: string, name: string, kind: SourceKind, url: string, enabled: boolean, schedule: string | null, options: unknown, distributor: { id: string } | null, lastRun: { id: string, status: ParserRunStatus, queuedAt: string, finishedAt: string | null, listingsSeen: number, errors: Array<{ code: string, message: string }> } | null } };

export type WebPreviewSourceMutationVariables = Exact<{
  input: CreateSourceInput;
}>;


export type WebPreviewSourceMutation = { previewSource: { pagesFetched: number, truncated: boolean, announcements: number, listings: Array<{ externalId: string, url: string, fields: unknown, missingFields: Array<string> }>, errors: Array<{ code: string, message: string, url: string | null, externalId: string | null, detail: string | null }>, skipped: Array<{ code: string, message: string, url: string | null, externalId: string | null, detail: string | null }>, fieldCoverage: { listings: number, band: number, title: number, format: number, price: number, stock: number, releaseDate: number, label: number } } };

export type WebRunDetailsFragment = { id: string, status: ParserRunStatus, trigger: ParserRunTrigger, queuedAt: string, startedAt: string | null, finishedAt: string | null, pagesFetched: number, pagesNotModified: number, listingsSeen: number, listingsNew: number, listingsChanged: number, listingsRemoved: number, itemsSkipped: number, removalSuppressed: boolean, errors: Array<{ code: string, message: string, url: string | null, externalId: string | null, detail: string | null }>, skipped: Array<{ code: string, message: string, url: string | null, externalId: string | null, detail: string | null }>, fieldCoverage: { listings: number, band: number, title: number, format: number, price: number, stock: number, releaseDate: number, label: number } | null };

export type WebSourceRunsQueryVariables = Exact<{
  sourceId: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WebSourceRunsQuery = { source: { id: string, name: string, kind: SourceKind, url: string, enabled: boolean, schedule: string | null, options: unknown, distributor: { id: string } | null, lastRun: { id: string, status: ParserRunStatus, queuedAt: string, finishedAt: string | null, listingsSeen: number, errors: Array<{ code: string, message: string }> } | null } | null, parserRuns: { edges: Array<{ cursor: string, node: { id: string, status: ParserRunStatus, trigger: ParserRunTrigger, queuedAt: string, startedAt: string | null, finishedAt: string | null, pagesFetched: number, pagesNotModified: number, listingsSeen: number, listingsNew: number, listingsChanged: number, listingsRemoved: number, itemsSkipped: number, removalSuppressed: boolean, errors: Array<{ code: string, message: string, url: string | null, externalId: string | null, detail: string | null }>, skipped: Array<{ code: string, message: string, url: string | null, externalId: string | null, detail: string | null }>, fieldCoverage: { listings: number, band: number, title: number, format: number, price: number, stock: number, releaseDate: number, label: number } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type WebRunListingsQueryVariables = Exact<{
  runId: string | number;
  sourceId: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WebRunListingsQuery = { parserRun: { id: string, status: ParserRunStatus, trigger: ParserRunTrigger, queuedAt: string, startedAt: string | null, finishedAt: string | null, pagesFetched: number, pagesNotModified: number, listingsSeen: number, listingsNew: number, listingsChanged: number, listingsRemoved: number, itemsSkipped: number, removalSuppressed: boolean, source: { id: string, name: string } | null, errors: Array<{ code: string, message: string, url: string | null, externalId: string | null, detail: string | null }>, skipped: Array<{ code: string, message: string, url: string | null, externalId: string | null, detail: string | null }>, fieldCoverage: { listings: number, band: number, title: number, format: number, price: number, stock: number, releaseDate: number, label: number } | null } | null, rawListings: { edges: Array<{ cursor: string, node: { externalId: string, kind: RawItemKind, url: string, normalized: unknown, firstSeenAt: string, lastSeenAt: string, removedAt: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type WebSetSourceEnabledMutationVariables = Exact<{
  id: string | number;
  enabled: boolean;
}>;


export type WebSetSourceEnabledMutation = { setSourceEnabled: { id: string, enabled: boolean } };

export type CreateDistributorMutationVariables = Exact<{
  input: CreateDistributorInput;
}>;


export type CreateDistributorMutation = { createDistributor: { id: string, name: string } };

export type CreateSourceMutationVariables = Exact<{
  input: CreateSourceInput;
}>;


export type CreateSourceMutation = { createSource: { id: string, name: string } };

export type ParserRunStatusQueryVariables = Exact<{
  id: string | number;
}>;


export type ParserRunStatusQuery = { parserRun: { id: string, status: ParserRunStatus, errors: Array<{ code: string, message: string }> } | null };

export type WebAuditLogQueryVariables = Exact<{
  filter?: AuditLogFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WebAuditLogQuery = { auditLog: { edges: Array<{ cursor: string, node: { id: string, occurredAt: string, subgraph: string, actorId: string | null, actorRoles: Array<string>, operationName: string | null, field: string, scope: string, variables: unknown, outcome: string, errorMessage: string | null, changes: Array<{ entity: string, id: string, before: unknown, after: unknown }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type WebChannelFieldsFragment = { id: string, kind: NotificationChannelKind, url: string, verified: boolean, label: string | null, isDefault: boolean, consecutiveFailures: number, pausedAt: string | null, pauseReason: string | null, digest: DigestFrequency, createdAt: string };

export type WebNotificationChannelsQueryVariables = Exact<{ [key: string]: never; }>;


export type WebNotificationChannelsQuery = { webPushPublicKey: string | null, myNotificationChannels: Array<{ id: string, kind: NotificationChannelKind, url: string, verified: boolean, label: string | null, isDefault: boolean, consecutiveFailures: number, pausedAt: string | null, pauseReason: string | null, digest: DigestFrequency, createdAt: string }> };

export type WebAddNotificationChannelMutationVariables = Exact<{
  input: AddNotificationChannelInput;
}>;


export type WebAddNotificationChannelMutation = { addNotificationChannel: { id: string, kind: NotificationChannelKind, url: string, verified: boolean, label: string | null, isDefault: boolean, consecutiveFailures: number, pausedAt: string | null, pauseReason: string | null, digest: DigestFrequency, createdAt: string } };

export type WebResumeNotificationChannelMutationVariables = Exact<{
  id: string | number;
}>;


export type WebResumeNotificationChannelMutation = { resumeNotificationChannel: { id: string, kind: NotificationChannelKind, url: string, verified: boolean, label: string | null, isDefault: boolean, consecutiveFailures: number, pausedAt: string | null, pauseReason: string | null, digest: DigestFrequency, createdAt: string } };

export type WebRemoveNotificationChannelMutationVariables = Exact<{
  id: string | number;
}>;


export type WebRemoveNotificationChannelMutation = { removeNotificationChannel: boolean };

export type WebLinkTelegramMutationVariables = Exact<{ [key: string]: never; }>;


export type WebLinkTelegramMutation = { linkTelegram: { url: string, channel: { id: string, kind: NotificationChannelKind, url: string, verified: boolean, label: string | null, isDefault: boolean, consecutiveFailures: number, pausedAt: string | null, pauseReason: string | null, digest: DigestFrequency, createdAt: string } } };

export type WebAddWebPushSubscriptionMutationVariables = Exact<{
  input: WebPushSubscriptionInput;
}>;


export type WebAddWebPushSubscriptionMutation = { addWebPushSubscription: { id: string, kind: NotificationChannelKind, url: string, verified: boolean, label: string | null, isDefault: boolean, consecutiveFailures: number, pausedAt: string | null, pauseReason: string | null, digest: DigestFrequency, createdAt: string } };

export type WebUpdateNotificationChannelMutationVariables = Exact<{
  id: string | number;
  input: UpdateNotificationChannelInput;
}>;


export type WebUpdateNotificationChannelMutation = { updateNotificationChannel: { id: string, kind: NotificationChannelKind, url: string, verified: boolean, label: string | null, isDefault: boolean, consecutiveFailures: number, pausedAt: string | null, pauseReason: string | null, digest: DigestFrequency, createdAt: string } };

export type WebNotificationPreferencesFieldsFragment = { timeZone: string, language: string, digestHour: number, digestWeekday: Weekday, quietHoursStart: string | null, quietHoursEnd: string | null, updatedAt: string | null };

export type WebNotificationPreferencesQueryVariables = Exact<{ [key: string]: never; }>;


export type WebNotificationPreferencesQuery = { myNotificationPreferences: { timeZone: string, language: string, digestHour: number, digestWeekday: Weekday, quietHoursStart: string | null, quietHoursEnd: string | null, updatedAt: string | null } };

export type WebUpdateNotificationPreferencesMutationVariables = Exact<{
  input: NotificationPreferencesInput;
}>;


export type WebUpdateNotificationPreferencesMutation = { updateNotificationPreferences: { timeZone: string, language: string, digestHour: number, digestWeekday: Weekday, quietHoursStart: string | null, quietHoursEnd: string | null, updatedAt: string | null } };

export type WebMyCollectionQueryVariables = Exact<{
  status?: CollectionStatus | null | undefined;
  format?: Format | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WebMyCollectionQuery = { myCollection: { edges: Array<{ cursor: string, node: { id: string, releaseId: string, format: Format | null, status: CollectionStatus, createdAt: string, release: { id: string, title: string, reissue: boolean, releaseDate: string | null, releaseDatePrecision: ReleaseDatePrecision | null, releaseDateText: string | null, band: { id: string, name: string, slug: string } } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type WebExportMyCollectionQueryVariables = Exact<{ [key: string]: never; }>;


export type WebExportMyCollectionQuery = { exportMyCollection: string };

export type WebImportCollectionMutationVariables = Exact<{
  csv: string;
  as: CollectionStatus;
  followBands?: boolean | null | undefined;
}>;


export type WebImportCollectionMutation = { importCollection: { imported: number, alreadyThere: number, unmatched: Array<{ line: number, artist: string, title: string, reason: string }>, invalid: Array<{ line: number, reason: string }> } };

export type WebSetCollectionItemMutationVariables = Exact<{
  input: SetCollectionItemInput;
}>;


export type WebSetCollectionItemMutation = { setCollectionItem: { id: string, releaseId: string, format: Format | null, status: CollectionStatus } };

export type WebRemoveCollectionItemMutationVariables = Exact<{
  releaseId: string | number;
  format?: Format | null | undefined;
}>;


export type WebRemoveCollectionItemMutation = { removeCollectionItem: boolean };

export type WebReleaseCollectionStatusQueryVariables = Exact<{
  id: string | number;
}>;


export type WebReleaseCollectionStatusQuery = { release: { id: string, inMyCollection: CollectionStatus | null } | null };

export type WebCheapestBasketQueryVariables = Exact<{
  input: BasketInput;
}>;


export type WebCheapestBasketQuery = { cheapestBasket: { exact: boolean, ratesDate: string | null, parcels: Array<{ freeShipping: boolean, carrier: string, minDays: number, maxDays: number, distributor: { id: string, name: string, country: string }, items: Array<{ quantity: number, release: { id: string, title: string, band: { name: string } }, offer: { id: string, format: Format, url: string }, unitPrice: { amount: string, currency: string } }>, subtotal: { amount: string, currency: string }, shipping: { amount: string, currency: string }, total: { amount: string, currency: string }, totalConverted: { amount: string, currency: string } }>, total: { amount: string, currency: string }, cheapestShelfTotal: { amount: string, currency: string } | null, saving: { amount: string, currency: string } | null, unavailableReleases: Array<{ reason: BasketProblemReason, release: { id: string, title: string } }> } };

export type WebMyFollowsQueryVariables = Exact<{ [key: string]: never; }>;


export type WebMyFollowsQuery = { myFollows: Array<{ id: string, targetType: FollowTargetType, targetId: string, events: Array<NotificationKind>, formats: Array<Format> | null, steps: Array<LifecycleStep> | null, country: string | null, channelIds: Array<string> | null, createdAt: string, maxPrice: { amount: string, currency: string } | null, maxDeliveredPrice: { amount: string, currency: string } | null }> };

export type WebFollowMutationVariables = Exact<{
  input: FollowInput;
}>;


export type WebFollowMutation = { follow: { id: string, targetType: FollowTargetType, targetId: string, events: Array<NotificationKind>, formats: Array<Format> | null, steps: Array<LifecycleStep> | null, country: string | null, channelIds: Array<string> | null, createdAt: string, maxPrice: { amount: string, currency: string } | null, maxDeliveredPrice: { amount: string, currency: string } | null } };

export type WebUpdateFollowMutationVariables = Exact<{
  id: string | number;
  input: UpdateFollowInput;
}>;


export type WebUpdateFollowMutation = { updateFollow: { id: string, targetType: FollowTargetType, targetId: string, events: Array<NotificationKind>, formats: Array<Format> | null, steps: Array<LifecycleStep> | null, country: string | null, channelIds: Array<string> | null, createdAt: string, maxPrice: { amount: string, currency: string } | null, maxDeliveredPrice: { amount: string, currency: string } | null } };

export type WebUnfollowMutationVariables = Exact<{
  id: string | number;
}>;


export type WebUnfollowMutation = { unfollow: boolean };

export type WebNotificationsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WebNotificationsQuery = { unreadNotificationCount: number, myNotifications: { edges: Array<{ node: { id: string, kind: NotificationKind, title: string, message: string, createdAt: string, readAt: string | null, release: { id: string, title: string } | null, deliveries: Array<{ id: string, channel: string, destinationId: string, status: string, attempts: number, lastStatusCode: number | null, lastErrorCode: string | null, lastError: string | null, sentAt: string | null, nextAttemptAt: string | null, heldFor: string | null }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type WebNotificationAddedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type WebNotificationAddedSubscription = { notificationAdded: { id: string, kind: NotificationKind, title: string, createdAt: string } };

export type WebReleasesQueryVariables = Exact<{
  filter?: ReleaseFilter | null | undefined;
  sort?: ReleaseSort | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  currency?: string | null | undefined;
  country?: string | null | undefined;
  delivered?: boolean | null | undefined;
}>;


export type WebReleasesQuery = { releases: { edges: Array<{ node: { id: string, title: string, type: ReleaseType, reissue: boolean, releaseDate: string | null, releaseDatePrecision: ReleaseDatePrecision | null, releaseDateText: string | null, coverUrl: string | null, offerCount: number, lowestPrice: { amount: string, currency: string } | null, lowestPriceIn: { missingRateFor: string | null, price: { amount: string, currency: string } | null, shopPrice: { amount: string, currency: string } } | null, lowestDeliveredPrice?: { missingRateFor: string | null, total: { amount: string, currency: string } | null } | null, band: { id: string, name: string, slug: string } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type WebFilterOptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type WebFilterOptionsQuery = { genres: Array<{ id: string, name: string }>, distributors: { edges: Array<{ node: { id: string, name: string } }> } };

export type WebReleaseDetailQueryVariables = Exact<{
  id: string | number;
  country: string;
  currency?: string | null | undefined;
}>;


export type WebReleaseDetailQuery = { release: { id: string, title: string, type: ReleaseType, reissue: boolean, releaseDate: string | null, releaseDatePrecision: ReleaseDatePrecision | null, releaseDateText: string | null, coverUrl: string | null, band: { id: string, name: string, slug: string }, label: { name: string } | null, genres: Array<{ id: string, name: string }>, lowestPrice: { amount: string, currency: string } | null, lowestDeliveredPrice: { ratesDate: string | null, freeShipping: boolean, missingRateFor: string | null, offer: { id: string }, total: { amount: string, currency: string } | null, shelfPrice: { amount: string, currency: string }, shipping: { amount: string, currency: string } } | null, timeline: Array<{ kind: TimelineKind, at: string, format: Format | null, distributor: { id: string, name: string } | null, price: { amount: string, currency: string } | null }>, offers: Array<{ id: string, format: Format, variant: string | null, url: string, stock: StockStatus, price: { amount: string, currency: string } | null, priceIn: { missingRateFor: string | null, price: { amount: string, currency: string } | null } | null, distributor: { id: string, name: string, country: string }, deliveredPrice: { freeShipping: boolean, missingRateFor: string | null, total: { amount: string, currency: string } | null, shelfPrice: { amount: string, currency: string }, shipping: { amount: string, currency: string } } | null, shippingEstimate: { carrier: string | null, minDays: number | null, maxDays: number | null, freeShipping: boolean, cost: { amount: string, currency: string }, total: { amount: string, currency: string } } | null, priceHistory: Array<{ stock: StockStatus, at: string, price: { amount: string, currency: string } | null }> }> } | null };

export type WebUpcomingQueryVariables = Exact<{
  from?: string | null | undefined;
  to?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WebUpcomingQuery = { upcomingReleases: { edges: Array<{ node: { id: string, title: string, type: ReleaseType, releaseDate: string | null, releaseDatePrecision: ReleaseDatePrecision | null, releaseDateText: string | null, band: { id: string, name: string, slug: string } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type WebBandQueryVariables = Exact<{
  slug?: string | null | undefined;
  id?: string | number | null | undefined;
}>;


export type WebBandQuery = { band: { id: string, name: string, slug: string, country: string | null, formedIn: number | null, status: BandStatus, genreText: string | null, releases: { edges: Array<{ node: { id: string, title: string, type: ReleaseType, releaseDate: string | null, releaseDatePrecision: ReleaseDatePrecision | null, releaseDateText: string | null, offerCount: number, lowestPrice: { amount: string, currency: string } | null } }> } } | null };

export type WebSearchBandsQueryVariables = Exact<{
  query: string;
}>;


export type WebSearchBandsQuery = { searchCatalog: Array<{ kind: CatalogHitKind, id: string, name: string, slug: string, score: number }> };

export type WebDeliveredPriceFieldsFragment = { freeShipping: boolean, missingRateFor: string | null, total: { amount: string, currency: string } | null, shelfPrice: { amount: string, currency: string }, shipping: { amount: string, currency: string } };

export const WebAdminBandSummaryFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebAdminBandSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Band"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"aliases"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"genres"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<WebAdminBandSummaryFragment, unknown>;
export const WebAdminBandDetailsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebAdminBandDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Band"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebAdminBandSummary"}},{"kind":"Field","name":{"kind":"Name","value":"formedIn"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"genreText"}},{"kind":"Field","name":{"kind":"Name","value":"metalArchivesUrl"}},{"kind":"Field","name":{"kind":"Name","value":"bandcampUrl"}},{"kind":"Field","name":{"kind":"Name","value":"releases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebAdminBandSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Band"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"aliases"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"genres"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<WebAdminBandDetailsFragment, unknown>;
export const WebShopFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebShop"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Distributor"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"websiteUrl"}},{"kind":"Field","name":{"kind":"Name","value":"logoUrl"}},{"kind":"Field","name":{"kind":"Name","value":"autoCreated"}}]}}]} as unknown as DocumentNode<WebShopFragment, unknown>;
export const WebShippingProfileFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebShippingProfile"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ShippingProfile"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"shipsFrom"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"handlingFee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"zones"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"countries"}},{"kind":"Field","name":{"kind":"Name","value":"freeShippingThreshold"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"carrier"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"tracked"}},{"kind":"Field","name":{"kind":"Name","value":"minDays"}},{"kind":"Field","name":{"kind":"Name","value":"maxDays"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"minGrams"}},{"kind":"Field","name":{"kind":"Name","value":"maxGrams"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebShippingProfileFragment, unknown>;
export const WebSourceRowFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebSourceRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Source"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"distributor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"listingsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<WebSourceRowFragment, unknown>;
export const WebRunIssueFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebRunIssue"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ParserRunIssue"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]} as unknown as DocumentNode<WebRunIssueFragment, unknown>;
export const WebFieldCoverageFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebFieldCoverage"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FieldCoverage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"listings"}},{"kind":"Field","name":{"kind":"Name","value":"band"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"stock"}},{"kind":"Field","name":{"kind":"Name","value":"releaseDate"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}}]} as unknown as DocumentNode<WebFieldCoverageFragment, unknown>;
export const WebRunDetailsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebRunDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ParserRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"pagesFetched"}},{"kind":"Field","name":{"kind":"Name","value":"pagesNotModified"}},{"kind":"Field","name":{"kind":"Name","value":"listingsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"listingsNew"}},{"kind":"Field","name":{"kind":"Name","value":"listingsChanged"}},{"kind":"Field","name":{"kind":"Name","value":"listingsRemoved"}},{"kind":"Field","name":{"kind":"Name","value":"itemsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"removalSuppressed"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebRunIssue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"skipped"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebRunIssue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fieldCoverage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebFieldCoverage"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebRunIssue"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ParserRunIssue"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebFieldCoverage"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FieldCoverage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"listings"}},{"kind":"Field","name":{"kind":"Name","value":"band"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"stock"}},{"kind":"Field","name":{"kind":"Name","value":"releaseDate"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}}]} as unknown as DocumentNode<WebRunDetailsFragment, unknown>;
export const WebChannelFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebChannelFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NotificationChannel"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"verified"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"consecutiveFailures"}},{"kind":"Field","name":{"kind":"Name","value":"pausedAt"}},{"kind":"Field","name":{"kind":"Name","value":"pauseReason"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<WebChannelFieldsFragment, unknown>;
export const WebNotificationPreferencesFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebNotificationPreferencesFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NotificationPreferences"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"digestHour"}},{"kind":"Field","name":{"kind":"Name","value":"digestWeekday"}},{"kind":"Field","name":{"kind":"Name","value":"quietHoursStart"}},{"kind":"Field","name":{"kind":"Name","value":"quietHoursEnd"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<WebNotificationPreferencesFieldsFragment, unknown>;
export const WebDeliveredPriceFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebDeliveredPriceFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DeliveredPrice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"shelfPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"shipping"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"freeShipping"}},{"kind":"Field","name":{"kind":"Name","value":"missingRateFor"}}]}}]} as unknown as DocumentNode<WebDeliveredPriceFieldsFragment, unknown>;
export const MeDocument = {"__meta__":{"hash":"sha256:38c0898641cbe3263c58a97372453855342251c6189f253e24d27d3ffee40f3c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const UnreadNotificationCountDocument = {"__meta__":{"hash":"sha256:dcaff2ad9c68794a7528d4ec7ed97809a40f2fbb54acd15c6586b339adef7bac"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UnreadNotificationCount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unreadNotificationCount"}}]}}]} as unknown as DocumentNode<UnreadNotificationCountQuery, UnreadNotificationCountQueryVariables>;
export const RegisterDocument = {"__meta__":{"hash":"sha256:779ae122f01aec82f570c57a0dde14e8192a6de5bb6da89bc6a489a4da2561f7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Register"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"register"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}}]}}]}}]}}]} as unknown as DocumentNode<RegisterMutation, RegisterMutationVariables>;
export const LoginDocument = {"__meta__":{"hash":"sha256:65ff85614b10971b7ad07bc4ed4a958260df99b75f96aa9dcac31b0784bb7932"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Login"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LoginInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}}]}}]}}]}}]} as unknown as DocumentNode<LoginMutation, LoginMutationVariables>;
export const RefreshTokenDocument = {"__meta__":{"hash":"sha256:b3a26e3cf2616e3ddb2bc972e752f0f1284099a377db963d783547a259a96818"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefreshToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refreshToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"refreshToken"},"value":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}}]}}]}}]} as unknown as DocumentNode<RefreshTokenMutation, RefreshTokenMutationVariables>;
export const LogoutDocument = {"__meta__":{"hash":"sha256:44df27831b2e811e41361abb45896fc013bf9f0e37f54ae93fdb75c2c1f24da5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Logout"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logout"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"refreshToken"},"value":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}}}]}]}}]} as unknown as DocumentNode<LogoutMutation, LogoutMutationVariables>;
export const MyNotificationsDocument = {"__meta__":{"hash":"sha256:953c4856dbf5b55358dfbab845c4c1bc04623f6a0f9af83164b9fe05f3245ffa"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyNotifications"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"unreadOnly"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myNotifications"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"unreadOnly"},"value":{"kind":"Variable","name":{"kind":"Name","value":"unreadOnly"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"readAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<MyNotificationsQuery, MyNotificationsQueryVariables>;
export const BandsWithReleasesDocument = {"__meta__":{"hash":"sha256:a69b4f82eb1e81867abb97a26c59743326430088561db9f1e6a084869639aedd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BandsWithReleases"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"10"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bands"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"releases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"releaseDate"}}]}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<BandsWithReleasesQuery, BandsWithReleasesQueryVariables>;
export const DistributorsDocument = {"__meta__":{"hash":"sha256:6e0de6f0d5fc21c1ef1d48b17c99d4150f806718a62e37202ad52ca8fc23d34e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Distributors"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"distributors"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"websiteUrl"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<DistributorsQuery, DistributorsQueryVariables>;
export const CurrencyRatesDocument = {"__meta__":{"hash":"sha256:ecd1dc281349803b95a094583764af38b67f5ff4280c6de58fcdd00cb37324f3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CurrencyRates"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"date"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currencyRates"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"date"},"value":{"kind":"Variable","name":{"kind":"Name","value":"date"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"base"}},{"kind":"Field","name":{"kind":"Name","value":"rates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"rate"}}]}}]}}]}}]} as unknown as DocumentNode<CurrencyRatesQuery, CurrencyRatesQueryVariables>;
export const SetShippingProfileDocument = {"__meta__":{"hash":"sha256:8d067f95633fab831109a3825bbeeb6ba9f3a9b9c2879124f24de59e7a40f73d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetShippingProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ShippingProfileInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setShippingProfile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<SetShippingProfileMutation, SetShippingProfileMutationVariables>;
export const FollowDocument = {"__meta__":{"hash":"sha256:13040ed9bc83277599febb8d9342bcf2549ad7e65343a7f81a6cb7e19e4af30e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Follow"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FollowInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"follow"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"targetType"}},{"kind":"Field","name":{"kind":"Name","value":"targetId"}},{"kind":"Field","name":{"kind":"Name","value":"events"}}]}}]}}]} as unknown as DocumentNode<FollowMutation, FollowMutationVariables>;
export const NotificationAddedDocument = {"__meta__":{"hash":"sha256:1f1480e6e73349255baff4cceebaeb3bfa1eca655548087e98087bf7e9b8e713"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"NotificationAdded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"notificationAdded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"release"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"band"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<NotificationAddedSubscription, NotificationAddedSubscriptionVariables>;
export const ReleaseFeedDocument = {"__meta__":{"hash":"sha256:40f7b93c58ad1272d0eb119b351cadbbb40faa739c82cb81b538ee167f72a5ce"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ReleaseFeed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ReleaseFeedFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"releaseFeed"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"bandIds"}},{"kind":"Field","name":{"kind":"Name","value":"release"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]} as unknown as DocumentNode<ReleaseFeedSubscription, ReleaseFeedSubscriptionVariables>;
export const MarkNotificationsReadDocument = {"__meta__":{"hash":"sha256:08e785fe62e1918737d17a140b3277032bcdcdc3aa5609dc5d628752b72ee5bb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MarkNotificationsRead"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"all"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"markNotificationsRead"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}},{"kind":"Argument","name":{"kind":"Name","value":"all"},"value":{"kind":"Variable","name":{"kind":"Name","value":"all"}}}]}]}}]} as unknown as DocumentNode<MarkNotificationsReadMutation, MarkNotificationsReadMutationVariables>;
export const LatestReleasesDocument = {"__meta__":{"hash":"sha256:63924345066d820b609829b522a1fc715f34cb403c3bc7c45e0202de1adeaac3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LatestReleases"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"releases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"releaseDate"}},{"kind":"Field","name":{"kind":"Name","value":"band"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<LatestReleasesQuery, LatestReleasesQueryVariables>;
export const ReleaseDocument = {"__meta__":{"hash":"sha256:aca2dc345b743efb4b8b8d7b72bb72d0057f1d9b9d6f0f9b8946029bf7f5e5b9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Release"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"release"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"releaseDate"}},{"kind":"Field","name":{"kind":"Name","value":"band"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<ReleaseQuery, ReleaseQueryVariables>;
export const SearchReleasesDocument = {"__meta__":{"hash":"sha256:872c909b17643d702e92001a9fd36246cc96aaa36b79ec1d7469f3ae952ed04f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchReleases"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ReleaseFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sort"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ReleaseSort"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"releases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sort"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"reissue"}},{"kind":"Field","name":{"kind":"Name","value":"releaseDate"}},{"kind":"Field","name":{"kind":"Name","value":"releaseDatePrecision"}},{"kind":"Field","name":{"kind":"Name","value":"offerCount"}},{"kind":"Field","name":{"kind":"Name","value":"lowestPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"band"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<SearchReleasesQuery, SearchReleasesQueryVariables>;
export const ReleasePriceComparisonDocument = {"__meta__":{"hash":"sha256:3d4ad65781b44ea9c247883a7145da90961e53cc2656babd110dfb8e255e2bb5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReleasePriceComparison"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"stock"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StockStatus"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"formats"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Format"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"release"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"lowestPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"offers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"stock"},"value":{"kind":"Variable","name":{"kind":"Name","value":"stock"}}},{"kind":"Argument","name":{"kind":"Name","value":"formats"},"value":{"kind":"Variable","name":{"kind":"Name","value":"formats"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"variant"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"stock"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"distributor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"priceHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stock"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ReleasePriceComparisonQuery, ReleasePriceComparisonQueryVariables>;
export const UpcomingReleasesDocument = {"__meta__":{"hash":"sha256:3f0a94e0104c733ba0ab44fa4cfdd824d12afc994f0141f7b90d82e3205c825e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UpcomingReleases"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upcomingReleases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"releaseDate"}},{"kind":"Field","name":{"kind":"Name","value":"releaseDatePrecision"}},{"kind":"Field","name":{"kind":"Name","value":"releaseDateText"}},{"kind":"Field","name":{"kind":"Name","value":"band"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<UpcomingReleasesQuery, UpcomingReleasesQueryVariables>;
export const SourcesWithLastRunDocument = {"__meta__":{"hash":"sha256:6e2146754ca3dfe142bd17ea4b5073179708f96e2578d06554efa42d85d7e185"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SourcesWithLastRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sources"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"lastRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"listingsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<SourcesWithLastRunQuery, SourcesWithLastRunQueryVariables>;
export const RunParserDocument = {"__meta__":{"hash":"sha256:b963e690d61ff1a82de9faad24695e0062883a509a07925e31d4b483271e1aa4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RunParser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sourceId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"acceptShrink"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runParser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sourceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sourceId"}}},{"kind":"Argument","name":{"kind":"Name","value":"acceptShrink"},"value":{"kind":"Variable","name":{"kind":"Name","value":"acceptShrink"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<RunParserMutation, RunParserMutationVariables>;
export const WebMeDocument = {"__meta__":{"hash":"sha256:fafebc62c88bb2b868107676b43b3880bfe4b991382091f069068067f864c50c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebMe"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"emailVerified"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}}]}}]}}]} as unknown as DocumentNode<WebMeQuery, WebMeQueryVariables>;
export const WebUpdateProfileDocument = {"__meta__":{"hash":"sha256:a8ef0473f7864b57fcc6c03b4994c0cd20f8c2ff927eb5de2947be5169dd5fde"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebUpdateProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateProfileInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateProfile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"emailVerified"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}}]}}]}}]} as unknown as DocumentNode<WebUpdateProfileMutation, WebUpdateProfileMutationVariables>;
export const WebSignUpDocument = {"__meta__":{"hash":"sha256:20700d95d0d7dbdca8f81ba10956567cf65142f7cbd9ce6465efaaf6cfec993a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebSignUp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"register"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}}]}}]}}]} as unknown as DocumentNode<WebSignUpMutation, WebSignUpMutationVariables>;
export const WebSignInDocument = {"__meta__":{"hash":"sha256:87ade7ef9ac079d776331ad170d75820c4ed686acad75bad3444f3f9e2b44e7b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebSignIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LoginInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}}]}}]}}]} as unknown as DocumentNode<WebSignInMutation, WebSignInMutationVariables>;
export const WebRefreshSessionDocument = {"__meta__":{"hash":"sha256:dd0d40fdc0cf2c2bd05c807fb15b20e6ed8f23cb901cb07cddc0500f814b0af2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebRefreshSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refreshToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"refreshToken"},"value":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}}]}}]}}]} as unknown as DocumentNode<WebRefreshSessionMutation, WebRefreshSessionMutationVariables>;
export const WebRequestEmailVerificationDocument = {"__meta__":{"hash":"sha256:a0047a74461a7e1d01ec3751d12adcbe70297112fb0e03cf0ff479e7acd34f24"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebRequestEmailVerification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestEmailVerification"}}]}}]} as unknown as DocumentNode<WebRequestEmailVerificationMutation, WebRequestEmailVerificationMutationVariables>;
export const WebVerifyEmailDocument = {"__meta__":{"hash":"sha256:f7f1702d526dcf2c6dd58a4b4e78dc4dcc8d9372eba1a203000d79ad3c0a5c09"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebVerifyEmail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verifyEmail"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}}]}]}}]} as unknown as DocumentNode<WebVerifyEmailMutation, WebVerifyEmailMutationVariables>;
export const WebRequestPasswordResetDocument = {"__meta__":{"hash":"sha256:1856cdd7190b5a5a6a02549f4a86e55715d1a70929dbb32e3b328e58f844b23f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebRequestPasswordReset"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestPasswordReset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}}]}]}}]} as unknown as DocumentNode<WebRequestPasswordResetMutation, WebRequestPasswordResetMutationVariables>;
export const WebResetPasswordDocument = {"__meta__":{"hash":"sha256:cdcb1aa03abafc0a1a3f66b073e8adbc00268e46f39172e741322187a0404bfd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebResetPassword"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"newPassword"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resetPassword"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}},{"kind":"Argument","name":{"kind":"Name","value":"newPassword"},"value":{"kind":"Variable","name":{"kind":"Name","value":"newPassword"}}}]}]}}]} as unknown as DocumentNode<WebResetPasswordMutation, WebResetPasswordMutationVariables>;
export const WebDeleteMyAccountDocument = {"__meta__":{"hash":"sha256:c44e9b8670cf561429734a48a5914b290bb7cc1f8a6f43802671a5f84b4243dc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebDeleteMyAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"password"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteMyAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"password"},"value":{"kind":"Variable","name":{"kind":"Name","value":"password"}}}]}]}}]} as unknown as DocumentNode<WebDeleteMyAccountMutation, WebDeleteMyAccountMutationVariables>;
export const WebResolutionReviewsDocument = {"__meta__":{"hash":"sha256:d610772f17bc586db30d1fde75d83d3fe0e270838a025a3d52cab641a4e9b00d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebResolutionReviews"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ReviewStatus"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"10"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resolutionReviews"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rawName"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebAdminBandSummary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"chosenBand"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"resolvedBand"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"distributor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebAdminBandSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Band"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"aliases"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"genres"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<WebResolutionReviewsQuery, WebResolutionReviewsQueryVariables>;
export const WebResolveReviewDocument = {"__meta__":{"hash":"sha256:0ba9bb1a58281e897ef48565abf2cc1b7d9fdc1e95cc09fe55e86e77b8677fbe"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebResolveReview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"bandId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resolveReview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"bandId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"bandId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedBand"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<WebResolveReviewMutation, WebResolveReviewMutationVariables>;
export const WebResolveReviewWithNewBandDocument = {"__meta__":{"hash":"sha256:7f03cdf996c589e75609774e02310f82fc9b83f654324f68292857d4686f23b5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebResolveReviewWithNewBand"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resolveReviewWithNewBand"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedBand"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}}]}}]} as unknown as DocumentNode<WebResolveReviewWithNewBandMutation, WebResolveReviewWithNewBandMutationVariables>;
export const WebRejectReviewDocument = {"__meta__":{"hash":"sha256:2baa826ec7ad77ace334b7429b30a49e0129d90f00041547d123fcdc0705b8be"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebRejectReview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rejectReview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<WebRejectReviewMutation, WebRejectReviewMutationVariables>;
export const WebDuplicateBandsDocument = {"__meta__":{"hash":"sha256:f5a97764dbc066e778d3d303c1552ac233c0bae250c66a851c61286fafbf248e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebDuplicateBands"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"minSimilarity"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Float"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"potentialDuplicateBands"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"minSimilarity"},"value":{"kind":"Variable","name":{"kind":"Name","value":"minSimilarity"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"similarity"}},{"kind":"Field","name":{"kind":"Name","value":"band"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebAdminBandSummary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"other"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebAdminBandSummary"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebAdminBandSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Band"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"aliases"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"genres"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<WebDuplicateBandsQuery, WebDuplicateBandsQueryVariables>;
export const WebBandPairDocument = {"__meta__":{"hash":"sha256:1fdfbfb04d0abe326e6347a6473886b44fc265fff7e2fe421190cb097d23c7d7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebBandPair"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"left"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"right"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"left"},"name":{"kind":"Name","value":"band"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"left"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebAdminBandDetails"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"right"},"name":{"kind":"Name","value":"band"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"right"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebAdminBandDetails"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebAdminBandSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Band"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"aliases"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"genres"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebAdminBandDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Band"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebAdminBandSummary"}},{"kind":"Field","name":{"kind":"Name","value":"formedIn"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"genreText"}},{"kind":"Field","name":{"kind":"Name","value":"metalArchivesUrl"}},{"kind":"Field","name":{"kind":"Name","value":"bandcampUrl"}},{"kind":"Field","name":{"kind":"Name","value":"releases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}}]}}]}}]}}]} as unknown as DocumentNode<WebBandPairQuery, WebBandPairQueryVariables>;
export const WebMergeBandsDocument = {"__meta__":{"hash":"sha256:33b050d30d96296624d9d73e960bc7eccba27610b371fa651c3abe0501358f67"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebMergeBands"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sourceId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"targetId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mergeBands"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sourceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sourceId"}}},{"kind":"Argument","name":{"kind":"Name","value":"targetId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"targetId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"aliases"}}]}}]}}]} as unknown as DocumentNode<WebMergeBandsMutation, WebMergeBandsMutationVariables>;
export const WebBandForEditDocument = {"__meta__":{"hash":"sha256:47aa3e92128e88615f11de69fee320e32cd057d8c34e94e9068f76268dfc73b4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebBandForEdit"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"band"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"aliases"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"formedIn"}},{"kind":"Field","name":{"kind":"Name","value":"metalArchivesUrl"}},{"kind":"Field","name":{"kind":"Name","value":"bandcampUrl"}}]}}]}}]} as unknown as DocumentNode<WebBandForEditQuery, WebBandForEditQueryVariables>;
export const WebUpdateBandDocument = {"__meta__":{"hash":"sha256:8aa9530f329454bf81459b796f1f3df492005582c89c5bb3002c4e1f43334b07"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebUpdateBand"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateBandInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateBand"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"aliases"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"formedIn"}},{"kind":"Field","name":{"kind":"Name","value":"metalArchivesUrl"}},{"kind":"Field","name":{"kind":"Name","value":"bandcampUrl"}}]}}]}}]} as unknown as DocumentNode<WebUpdateBandMutation, WebUpdateBandMutationVariables>;
export const WebDeadLettersDocument = {"__meta__":{"hash":"sha256:009610e6ee74f06826f548ae90bb09f7e8a51dc9dfdbbbda61ca425691e8bca0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebDeadLetters"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"stream"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deadLetters"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"stream"},"value":{"kind":"Variable","name":{"kind":"Name","value":"stream"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"stream"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"failedAt"}},{"kind":"Field","name":{"kind":"Name","value":"payload"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<WebDeadLettersQuery, WebDeadLettersQueryVariables>;
export const WebReplayDeadLetterDocument = {"__meta__":{"hash":"sha256:d3bf3d5493d7438bfa17f73b8394ea4d201dbc8829466145ee67af600cf2f497"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebReplayDeadLetter"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replayDeadLetter"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<WebReplayDeadLetterMutation, WebReplayDeadLetterMutationVariables>;
export const WebReplayAllDeadLettersDocument = {"__meta__":{"hash":"sha256:774def0cba4f707bff971e791f758ff084110995590bdfb17b6e5de0c15af26d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebReplayAllDeadLetters"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"stream"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replayAllDeadLetters"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"stream"},"value":{"kind":"Variable","name":{"kind":"Name","value":"stream"}}}]}]}}]} as unknown as DocumentNode<WebReplayAllDeadLettersMutation, WebReplayAllDeadLettersMutationVariables>;
export const WebBroadcastTargetsDocument = {"__meta__":{"hash":"sha256:7a83e387a6388ea770410f9985060a256f49c2af5554fbadb4533fe94f621288"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebBroadcastTargets"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"query"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchCatalog"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"8"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<WebBroadcastTargetsQuery, WebBroadcastTargetsQueryVariables>;
export const WebGenresDocument = {"__meta__":{"hash":"sha256:581c5b5f609e697a9eb2eb9067c56a37e7d5e85d823572e5ece573a5eaae95c8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebGenres"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"genres"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<WebGenresQuery, WebGenresQueryVariables>;
export const WebBroadcastDocument = {"__meta__":{"hash":"sha256:702f429f60f4521655c65894669a41d1b81bb710039e1ff3d3e48518241701e6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebBroadcast"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BroadcastInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"broadcastNotification"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}]}]}}]} as unknown as DocumentNode<WebBroadcastMutation, WebBroadcastMutationVariables>;
export const WebUsersDocument = {"__meta__":{"hash":"sha256:db4a5ee20d673cb8e2abcc95e38da1d6a69a700cceabb9a1136056f64a84cddb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebUsers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"25"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"emailVerified"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<WebUsersQuery, WebUsersQueryVariables>;
export const WebSetUserRolesDocument = {"__meta__":{"hash":"sha256:1ac43467a98292d34328549664cbe004c1646ae1c5b018e0436efb26196d2bda"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebSetUserRoles"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"roles"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Role"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setUserRoles"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}},{"kind":"Argument","name":{"kind":"Name","value":"roles"},"value":{"kind":"Variable","name":{"kind":"Name","value":"roles"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}}]}}]}}]} as unknown as DocumentNode<WebSetUserRolesMutation, WebSetUserRolesMutationVariables>;
export const WebShopsPageDocument = {"__meta__":{"hash":"sha256:04b623c2216aef0a9d4bf86ff34165260f03696f31a7b216b161a7299b690a8e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebShopsPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"distributors"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebShop"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebShop"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Distributor"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"websiteUrl"}},{"kind":"Field","name":{"kind":"Name","value":"logoUrl"}},{"kind":"Field","name":{"kind":"Name","value":"autoCreated"}}]}}]} as unknown as DocumentNode<WebShopsPageQuery, WebShopsPageQueryVariables>;
export const WebShopDetailsDocument = {"__meta__":{"hash":"sha256:4c200d220216d2b651079b3d388a99372c5b55ae835d09a3e1bb31db2abfbb3e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebShopDetails"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"distributor"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebShop"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebShop"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Distributor"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"websiteUrl"}},{"kind":"Field","name":{"kind":"Name","value":"logoUrl"}},{"kind":"Field","name":{"kind":"Name","value":"autoCreated"}}]}}]} as unknown as DocumentNode<WebShopDetailsQuery, WebShopDetailsQueryVariables>;
export const WebCreateShopDocument = {"__meta__":{"hash":"sha256:e87d310a789f58e2fc5b29943557fab852a7bdb7ad3c4d9b4650d113c2447b9d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebCreateShop"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateDistributorInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createDistributor"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebShop"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebShop"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Distributor"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"websiteUrl"}},{"kind":"Field","name":{"kind":"Name","value":"logoUrl"}},{"kind":"Field","name":{"kind":"Name","value":"autoCreated"}}]}}]} as unknown as DocumentNode<WebCreateShopMutation, WebCreateShopMutationVariables>;
export const WebUpdateShopDocument = {"__meta__":{"hash":"sha256:da36520eb1c806e300151e8d55e58f0e72a977e869fc0bd40ba53f07c8141af8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebUpdateShop"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateDistributorInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateDistributor"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebShop"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebShop"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Distributor"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"websiteUrl"}},{"kind":"Field","name":{"kind":"Name","value":"logoUrl"}},{"kind":"Field","name":{"kind":"Name","value":"autoCreated"}}]}}]} as unknown as DocumentNode<WebUpdateShopMutation, WebUpdateShopMutationVariables>;
export const WebShopShippingDocument = {"__meta__":{"hash":"sha256:834051a6ff75c0205ddd2f7b0644c6d1fabc5cb4059cf8cf80d81b46d2fcab3d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebShopShipping"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"distributor"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebShop"}}]}},{"kind":"Field","name":{"kind":"Name","value":"shippingProfile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"distributorId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebShippingProfile"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebShop"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Distributor"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"websiteUrl"}},{"kind":"Field","name":{"kind":"Name","value":"logoUrl"}},{"kind":"Field","name":{"kind":"Name","value":"autoCreated"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebShippingProfile"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ShippingProfile"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"shipsFrom"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"handlingFee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"zones"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"countries"}},{"kind":"Field","name":{"kind":"Name","value":"freeShippingThreshold"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"carrier"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"tracked"}},{"kind":"Field","name":{"kind":"Name","value":"minDays"}},{"kind":"Field","name":{"kind":"Name","value":"maxDays"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"minGrams"}},{"kind":"Field","name":{"kind":"Name","value":"maxGrams"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebShopShippingQuery, WebShopShippingQueryVariables>;
export const WebSetShippingProfileDocument = {"__meta__":{"hash":"sha256:b7249803f450522b87b76ba5266e9497a517ef54f8fd3c793bdde72c7fbb120e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebSetShippingProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ShippingProfileInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setShippingProfile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebShippingProfile"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebShippingProfile"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ShippingProfile"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"shipsFrom"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"handlingFee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"zones"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"countries"}},{"kind":"Field","name":{"kind":"Name","value":"freeShippingThreshold"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"carrier"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"tracked"}},{"kind":"Field","name":{"kind":"Name","value":"minDays"}},{"kind":"Field","name":{"kind":"Name","value":"maxDays"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"minGrams"}},{"kind":"Field","name":{"kind":"Name","value":"maxGrams"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebSetShippingProfileMutation, WebSetShippingProfileMutationVariables>;
export const WebDeleteShippingProfileDocument = {"__meta__":{"hash":"sha256:e2d9df4b744c7de00e97ca9fc852a0ec4661bcf682b455c0dac7e7b30a4ebba4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebDeleteShippingProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"distributorId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteShippingProfile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"distributorId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"distributorId"}}}]}]}}]} as unknown as DocumentNode<WebDeleteShippingProfileMutation, WebDeleteShippingProfileMutationVariables>;
export const WebCheckShippingDocument = {"__meta__":{"hash":"sha256:7ce2f398a4bf093fdbb322d7c8a23e507d33bdf3f5efbeb47953a27c6f87977d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebCheckShipping"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ShippingCheckInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"checkShipping"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"weightGrams"}},{"kind":"Field","name":{"kind":"Name","value":"zone"}},{"kind":"Field","name":{"kind":"Name","value":"carrier"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"tracked"}},{"kind":"Field","name":{"kind":"Name","value":"minDays"}},{"kind":"Field","name":{"kind":"Name","value":"maxDays"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cost"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"freeShipping"}},{"kind":"Field","name":{"kind":"Name","value":"unavailable"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<WebCheckShippingQuery, WebCheckShippingQueryVariables>;
export const WebSourcesPageDocument = {"__meta__":{"hash":"sha256:3ac4bfd8573fd66ea73de85696762ae5a76286f9ee38cb12ed2ca3d08418041c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebSourcesPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sources"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebSourceRow"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebSourceRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Source"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"distributor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"listingsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<WebSourcesPageQuery, WebSourcesPageQueryVariables>;
export const WebSourceDocument = {"__meta__":{"hash":"sha256:d850d966ba7d52634a8219c904b745dd7e50eaa4c1769d813db8e14c5e23c1e5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebSource"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebSourceRow"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebSourceRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Source"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"distributor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"listingsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<WebSourceQuery, WebSourceQueryVariables>;
export const WebSourceFormChoicesDocument = {"__meta__":{"hash":"sha256:27622942ac74991030baa3d8cac7fcf89230720903b80386f0b94531356a19b7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebSourceFormChoices"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sourcePresets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"platform"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}}]}},{"kind":"Field","name":{"kind":"Name","value":"distributors"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"autoCreated"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}}]}}]}}]}}]} as unknown as DocumentNode<WebSourceFormChoicesQuery, WebSourceFormChoicesQueryVariables>;
export const WebCreateSourceDocument = {"__meta__":{"hash":"sha256:af3a81786e3cd37aa778521e5cfd898d99906e6890c49bf8cc00e329803aa71f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebCreateSource"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateSourceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createSource"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebSourceRow"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebSourceRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Source"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"distributor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"listingsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<WebCreateSourceMutation, WebCreateSourceMutationVariables>;
export const WebUpdateSourceDocument = {"__meta__":{"hash":"sha256:fd63c88f2e0158cc2d1df2ccc39ec31d6e31ae66ca36e24e5b5a9c21bfe5a6c4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebUpdateSource"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateSourceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateSource"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebSourceRow"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebSourceRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Source"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"distributor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"listingsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<WebUpdateSourceMutation, WebUpdateSourceMutationVariables>;
export const WebPreviewSourceDocument = {"__meta__":{"hash":"sha256:b7a51ec672c29d44d9fa8766b85b5d203da5740045347dd628e6a00f6dfc0b33"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebPreviewSource"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateSourceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"previewSource"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pagesFetched"}},{"kind":"Field","name":{"kind":"Name","value":"truncated"}},{"kind":"Field","name":{"kind":"Name","value":"announcements"}},{"kind":"Field","name":{"kind":"Name","value":"listings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"fields"}},{"kind":"Field","name":{"kind":"Name","value":"missingFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebRunIssue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"skipped"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebRunIssue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fieldCoverage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebFieldCoverage"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebRunIssue"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ParserRunIssue"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebFieldCoverage"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FieldCoverage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"listings"}},{"kind":"Field","name":{"kind":"Name","value":"band"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"stock"}},{"kind":"Field","name":{"kind":"Name","value":"releaseDate"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}}]} as unknown as DocumentNode<WebPreviewSourceMutation, WebPreviewSourceMutationVariables>;
export const WebSourceRunsDocument = {"__meta__":{"hash":"sha256:846a576f1fc0d15997325bdcf81098266b880624e3e5677544ec5c8da5b7fa48"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebSourceRuns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sourceId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"10"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sourceId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebSourceRow"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parserRuns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sourceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sourceId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebRunDetails"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebRunIssue"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ParserRunIssue"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebFieldCoverage"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FieldCoverage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"listings"}},{"kind":"Field","name":{"kind":"Name","value":"band"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"stock"}},{"kind":"Field","name":{"kind":"Name","value":"releaseDate"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebSourceRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Source"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"distributor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"listingsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebRunDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ParserRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"pagesFetched"}},{"kind":"Field","name":{"kind":"Name","value":"pagesNotModified"}},{"kind":"Field","name":{"kind":"Name","value":"listingsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"listingsNew"}},{"kind":"Field","name":{"kind":"Name","value":"listingsChanged"}},{"kind":"Field","name":{"kind":"Name","value":"listingsRemoved"}},{"kind":"Field","name":{"kind":"Name","value":"itemsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"removalSuppressed"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebRunIssue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"skipped"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebRunIssue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fieldCoverage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebFieldCoverage"}}]}}]}}]} as unknown as DocumentNode<WebSourceRunsQuery, WebSourceRunsQueryVariables>;
export const WebRunListingsDocument = {"__meta__":{"hash":"sha256:987e936705b463843a6d4084af4f26f22c296c566d4675c1d707ca8f736233d7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebRunListings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sourceId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"25"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"parserRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebRunDetails"}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"rawListings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sourceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sourceId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"normalized"}},{"kind":"Field","name":{"kind":"Name","value":"firstSeenAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeenAt"}},{"kind":"Field","name":{"kind":"Name","value":"removedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebRunIssue"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ParserRunIssue"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebFieldCoverage"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FieldCoverage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"listings"}},{"kind":"Field","name":{"kind":"Name","value":"band"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"stock"}},{"kind":"Field","name":{"kind":"Name","value":"releaseDate"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebRunDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ParserRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"pagesFetched"}},{"kind":"Field","name":{"kind":"Name","value":"pagesNotModified"}},{"kind":"Field","name":{"kind":"Name","value":"listingsSeen"}},{"kind":"Field","name":{"kind":"Name","value":"listingsNew"}},{"kind":"Field","name":{"kind":"Name","value":"listingsChanged"}},{"kind":"Field","name":{"kind":"Name","value":"listingsRemoved"}},{"kind":"Field","name":{"kind":"Name","value":"itemsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"removalSuppressed"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebRunIssue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"skipped"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebRunIssue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fieldCoverage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebFieldCoverage"}}]}}]}}]} as unknown as DocumentNode<WebRunListingsQuery, WebRunListingsQueryVariables>;
export const WebSetSourceEnabledDocument = {"__meta__":{"hash":"sha256:02c0b2bdd5933de073b9a5ff2bbeda6a7b7957ca969e5d3f694775e785cd230b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebSetSourceEnabled"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"enabled"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setSourceEnabled"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"enabled"},"value":{"kind":"Variable","name":{"kind":"Name","value":"enabled"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}}]}}]}}]} as unknown as DocumentNode<WebSetSourceEnabledMutation, WebSetSourceEnabledMutationVariables>;
export const CreateDistributorDocument = {"__meta__":{"hash":"sha256:ee26cf72ca52be91d43f144cd9c477dfa2f7b0b6a1ea82c05aaf78f89c033428"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateDistributor"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateDistributorInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createDistributor"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CreateDistributorMutation, CreateDistributorMutationVariables>;
export const CreateSourceDocument = {"__meta__":{"hash":"sha256:b1979859a89a61c481976da22adedd45ec3fa7633e68ef65be525eee9bc6ee16"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateSource"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateSourceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createSource"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CreateSourceMutation, CreateSourceMutationVariables>;
export const ParserRunStatusDocument = {"__meta__":{"hash":"sha256:914ef46c293d4a55dfefff9fe842ced8e4155391266a469520e0437a7a3ac2a1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ParserRunStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"parserRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ParserRunStatusQuery, ParserRunStatusQueryVariables>;
export const WebAuditLogDocument = {"__meta__":{"hash":"sha256:e45ca7834d7b2ef8c700776c825897ef89e0f2d894e8713526af65d8ab828a29"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebAuditLog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AuditLogFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"25"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditLog"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"subgraph"}},{"kind":"Field","name":{"kind":"Name","value":"actorId"}},{"kind":"Field","name":{"kind":"Name","value":"actorRoles"}},{"kind":"Field","name":{"kind":"Name","value":"operationName"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"variables"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}},{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entity"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<WebAuditLogQuery, WebAuditLogQueryVariables>;
export const WebNotificationChannelsDocument = {"__meta__":{"hash":"sha256:183ae445290a2f201847e549b32b838c30b81c60975a3b814a0982d18bdfcd11"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebNotificationChannels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myNotificationChannels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebChannelFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"webPushPublicKey"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebChannelFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NotificationChannel"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"verified"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"consecutiveFailures"}},{"kind":"Field","name":{"kind":"Name","value":"pausedAt"}},{"kind":"Field","name":{"kind":"Name","value":"pauseReason"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<WebNotificationChannelsQuery, WebNotificationChannelsQueryVariables>;
export const WebAddNotificationChannelDocument = {"__meta__":{"hash":"sha256:881f0e6b798cb9ecd91c66b19f778de0680cbf53f2b7ea07f370870800fbc957"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebAddNotificationChannel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddNotificationChannelInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addNotificationChannel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebChannelFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebChannelFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NotificationChannel"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"verified"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"consecutiveFailures"}},{"kind":"Field","name":{"kind":"Name","value":"pausedAt"}},{"kind":"Field","name":{"kind":"Name","value":"pauseReason"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<WebAddNotificationChannelMutation, WebAddNotificationChannelMutationVariables>;
export const WebResumeNotificationChannelDocument = {"__meta__":{"hash":"sha256:2690b9696fd774fa1ec5f1cba767c03a3ac2e58c126616edf40747dc8cc3202f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebResumeNotificationChannel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resumeNotificationChannel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebChannelFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebChannelFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NotificationChannel"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"verified"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"consecutiveFailures"}},{"kind":"Field","name":{"kind":"Name","value":"pausedAt"}},{"kind":"Field","name":{"kind":"Name","value":"pauseReason"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<WebResumeNotificationChannelMutation, WebResumeNotificationChannelMutationVariables>;
export const WebRemoveNotificationChannelDocument = {"__meta__":{"hash":"sha256:73b7fbeae8a22ebdfd5d3c4eb510eb95ca62e24a5f01a2cfdc0a87f5e8482da8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebRemoveNotificationChannel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeNotificationChannel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<WebRemoveNotificationChannelMutation, WebRemoveNotificationChannelMutationVariables>;
export const WebLinkTelegramDocument = {"__meta__":{"hash":"sha256:5ebeee62a724f33b6fecbcf5fe4fc475cb71ecc4ef4fb30530e3553a96259e8a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebLinkTelegram"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"linkTelegram"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"channel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebChannelFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebChannelFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NotificationChannel"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"verified"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"consecutiveFailures"}},{"kind":"Field","name":{"kind":"Name","value":"pausedAt"}},{"kind":"Field","name":{"kind":"Name","value":"pauseReason"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<WebLinkTelegramMutation, WebLinkTelegramMutationVariables>;
export const WebAddWebPushSubscriptionDocument = {"__meta__":{"hash":"sha256:d3250844b20645f6c6c45eabbabe1656d18efac534eb98feb042bec471685dff"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebAddWebPushSubscription"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"WebPushSubscriptionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addWebPushSubscription"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebChannelFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebChannelFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NotificationChannel"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"verified"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"consecutiveFailures"}},{"kind":"Field","name":{"kind":"Name","value":"pausedAt"}},{"kind":"Field","name":{"kind":"Name","value":"pauseReason"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<WebAddWebPushSubscriptionMutation, WebAddWebPushSubscriptionMutationVariables>;
export const WebUpdateNotificationChannelDocument = {"__meta__":{"hash":"sha256:0e5650621dcd5bca6e380f22eb88d855eb01c5f7331f4fa903098827eae399b3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebUpdateNotificationChannel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateNotificationChannelInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateNotificationChannel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebChannelFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebChannelFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NotificationChannel"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"verified"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"consecutiveFailures"}},{"kind":"Field","name":{"kind":"Name","value":"pausedAt"}},{"kind":"Field","name":{"kind":"Name","value":"pauseReason"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<WebUpdateNotificationChannelMutation, WebUpdateNotificationChannelMutationVariables>;
export const WebNotificationPreferencesDocument = {"__meta__":{"hash":"sha256:c97b8ba5b57ffad2a6e3f4df1dd3605babb609b4ab983762f93267b7bc63a086"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebNotificationPreferences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myNotificationPreferences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebNotificationPreferencesFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebNotificationPreferencesFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NotificationPreferences"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"digestHour"}},{"kind":"Field","name":{"kind":"Name","value":"digestWeekday"}},{"kind":"Field","name":{"kind":"Name","value":"quietHoursStart"}},{"kind":"Field","name":{"kind":"Name","value":"quietHoursEnd"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<WebNotificationPreferencesQuery, WebNotificationPreferencesQueryVariables>;
export const WebUpdateNotificationPreferencesDocument = {"__meta__":{"hash":"sha256:ab41a72f35ceb76ed57d6c59b22821c4158fba074362cd8fee73b40655e61959"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebUpdateNotificationPreferences"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"NotificationPreferencesInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateNotificationPreferences"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebNotificationPreferencesFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebNotificationPreferencesFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NotificationPreferences"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"digestHour"}},{"kind":"Field","name":{"kind":"Name","value":"digestWeekday"}},{"kind":"Field","name":{"kind":"Name","value":"quietHoursStart"}},{"kind":"Field","name":{"kind":"Name","value":"quietHoursEnd"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<WebUpdateNotificationPreferencesMutation, WebUpdateNotificationPreferencesMutationVariables>;
export const WebMyCollectionDocument = {"__meta__":{"hash":"sha256:8d768733c94e375b20428fd8ff47740fe6cd8e421942e042f0a358c9372dd14a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebMyCollection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CollectionStatus"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"format"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Format"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"50"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myCollection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"format"},"value":{"kind":"Variable","name":{"kind":"Name","value":"format"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"releaseId"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"release"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"reissue"}},{"kind":"Field","name":{"kind":"Name","value":"releaseDate"}},{"kind":"Field","name":{"kind":"Name","value":"releaseDatePrecision"}},{"kind":"Field","name":{"kind":"Name","value":"releaseDateText"}},{"kind":"Field","name":{"kind":"Name","value":"band"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<WebMyCollectionQuery, WebMyCollectionQueryVariables>;
export const WebExportMyCollectionDocument = {"__meta__":{"hash":"sha256:77fa64a3983dd3e4d858863fad788f147afa6f9faeadff06da412bc56a67ff6e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebExportMyCollection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exportMyCollection"}}]}}]} as unknown as DocumentNode<WebExportMyCollectionQuery, WebExportMyCollectionQueryVariables>;
export const WebImportCollectionDocument = {"__meta__":{"hash":"sha256:8b684824eb45b0ad713d327538c31359575ba4b66ca63c51c13e20b4554d85fd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebImportCollection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"csv"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"as"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CollectionStatus"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"followBands"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importCollection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"csv"},"value":{"kind":"Variable","name":{"kind":"Name","value":"csv"}}},{"kind":"Argument","name":{"kind":"Name","value":"as"},"value":{"kind":"Variable","name":{"kind":"Name","value":"as"}}},{"kind":"Argument","name":{"kind":"Name","value":"followBands"},"value":{"kind":"Variable","name":{"kind":"Name","value":"followBands"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"imported"}},{"kind":"Field","name":{"kind":"Name","value":"alreadyThere"}},{"kind":"Field","name":{"kind":"Name","value":"unmatched"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"line"}},{"kind":"Field","name":{"kind":"Name","value":"artist"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"invalid"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"line"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]} as unknown as DocumentNode<WebImportCollectionMutation, WebImportCollectionMutationVariables>;
export const WebSetCollectionItemDocument = {"__meta__":{"hash":"sha256:8b5eb0973a0ecea04116cea7dc3e6e59b55394388e8a8655a5795ac2765367d8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebSetCollectionItem"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetCollectionItemInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setCollectionItem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"releaseId"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<WebSetCollectionItemMutation, WebSetCollectionItemMutationVariables>;
export const WebRemoveCollectionItemDocument = {"__meta__":{"hash":"sha256:93ee6d7a9709b49629b6eb70f24fcc81c86915f5218bfce587bd79b932e953f3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebRemoveCollectionItem"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"releaseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"format"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Format"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeCollectionItem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"releaseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"releaseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"format"},"value":{"kind":"Variable","name":{"kind":"Name","value":"format"}}}]}]}}]} as unknown as DocumentNode<WebRemoveCollectionItemMutation, WebRemoveCollectionItemMutationVariables>;
export const WebReleaseCollectionStatusDocument = {"__meta__":{"hash":"sha256:d76ec97ffdb015feb0e4c383c34f6c2e49fa1ec9d4dfdb33c3aa953f350a4beb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebReleaseCollectionStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"release"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"inMyCollection"}}]}}]}}]} as unknown as DocumentNode<WebReleaseCollectionStatusQuery, WebReleaseCollectionStatusQueryVariables>;
export const WebCheapestBasketDocument = {"__meta__":{"hash":"sha256:d18be3f20ec30db38b4603efc84912c831c21f7d1143205d084a4b1ed4b0625f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebCheapestBasket"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BasketInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cheapestBasket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"parcels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"distributor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"release"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"band"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"offer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"unitPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"subtotal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"shipping"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"totalConverted"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"freeShipping"}},{"kind":"Field","name":{"kind":"Name","value":"carrier"}},{"kind":"Field","name":{"kind":"Name","value":"minDays"}},{"kind":"Field","name":{"kind":"Name","value":"maxDays"}}]}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cheapestShelfTotal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"saving"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"unavailableReleases"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"release"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"exact"}},{"kind":"Field","name":{"kind":"Name","value":"ratesDate"}}]}}]}}]} as unknown as DocumentNode<WebCheapestBasketQuery, WebCheapestBasketQueryVariables>;
export const WebMyFollowsDocument = {"__meta__":{"hash":"sha256:6be7801e1283d5926792fde1285d8c1931f774ba04fe82b0049875cbc3128f3c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebMyFollows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myFollows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"targetType"}},{"kind":"Field","name":{"kind":"Name","value":"targetId"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"formats"}},{"kind":"Field","name":{"kind":"Name","value":"maxPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"steps"}},{"kind":"Field","name":{"kind":"Name","value":"maxDeliveredPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"channelIds"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<WebMyFollowsQuery, WebMyFollowsQueryVariables>;
export const WebFollowDocument = {"__meta__":{"hash":"sha256:b2c350cc163faafaa808a2291056b401a136f07c144e44c51e406605ff6eab20"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebFollow"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FollowInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"follow"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"targetType"}},{"kind":"Field","name":{"kind":"Name","value":"targetId"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"formats"}},{"kind":"Field","name":{"kind":"Name","value":"maxPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"steps"}},{"kind":"Field","name":{"kind":"Name","value":"maxDeliveredPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"channelIds"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<WebFollowMutation, WebFollowMutationVariables>;
export const WebUpdateFollowDocument = {"__meta__":{"hash":"sha256:a79e09449b449e7ee0d88a29ba4c63b5fd849471caae6deac2e12135639947cd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebUpdateFollow"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateFollowInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateFollow"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"targetType"}},{"kind":"Field","name":{"kind":"Name","value":"targetId"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"formats"}},{"kind":"Field","name":{"kind":"Name","value":"maxPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"steps"}},{"kind":"Field","name":{"kind":"Name","value":"maxDeliveredPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"channelIds"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<WebUpdateFollowMutation, WebUpdateFollowMutationVariables>;
export const WebUnfollowDocument = {"__meta__":{"hash":"sha256:ebe5a8fa70793c1ba57eb66b4b9d93c0fcd189fad7fa94c8a5351967fcc94156"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebUnfollow"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unfollow"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<WebUnfollowMutation, WebUnfollowMutationVariables>;
export const WebNotificationsDocument = {"__meta__":{"hash":"sha256:f00e09ee0e5fb927b0702045994b0dbb1a27b3be74215af38f22200116c3679f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebNotifications"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"30"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myNotifications"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"readAt"}},{"kind":"Field","name":{"kind":"Name","value":"release"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deliveries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"destinationId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"lastStatusCode"}},{"kind":"Field","name":{"kind":"Name","value":"lastErrorCode"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"heldFor"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"unreadNotificationCount"}}]}}]} as unknown as DocumentNode<WebNotificationsQuery, WebNotificationsQueryVariables>;
export const WebNotificationAddedDocument = {"__meta__":{"hash":"sha256:ad9a57cbac9d3cd1053e46a1f8836e8eea4f915a7d7c853e27c91e942df89ed1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WebNotificationAdded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"notificationAdded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<WebNotificationAddedSubscription, WebNotificationAddedSubscriptionVariables>;
export const WebReleasesDocument = {"__meta__":{"hash":"sha256:79546b7cdf9216a55d7a1c4e6739d9047495c1e06049f766099785e133d95d1f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebReleases"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ReleaseFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sort"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ReleaseSort"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"currency"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}},"defaultValue":{"kind":"StringValue","value":"EUR","block":false}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"country"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}},"defaultValue":{"kind":"StringValue","value":"DE","block":false}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"delivered"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}},"defaultValue":{"kind":"BooleanValue","value":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"releases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sort"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"currency"},"value":{"kind":"Variable","name":{"kind":"Name","value":"currency"}}},{"kind":"Argument","name":{"kind":"Name","value":"country"},"value":{"kind":"Variable","name":{"kind":"Name","value":"country"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"reissue"}},{"kind":"Field","name":{"kind":"Name","value":"releaseDate"}},{"kind":"Field","name":{"kind":"Name","value":"releaseDatePrecision"}},{"kind":"Field","name":{"kind":"Name","value":"releaseDateText"}},{"kind":"Field","name":{"kind":"Name","value":"coverUrl"}},{"kind":"Field","name":{"kind":"Name","value":"offerCount"}},{"kind":"Field","name":{"kind":"Name","value":"lowestPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lowestPriceIn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"currency"},"value":{"kind":"Variable","name":{"kind":"Name","value":"currency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"shopPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"missingRateFor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lowestDeliveredPrice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"country"},"value":{"kind":"Variable","name":{"kind":"Name","value":"country"}}},{"kind":"Argument","name":{"kind":"Name","value":"currency"},"value":{"kind":"Variable","name":{"kind":"Name","value":"currency"}}}],"directives":[{"kind":"Directive","name":{"kind":"Name","value":"include"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"if"},"value":{"kind":"Variable","name":{"kind":"Name","value":"delivered"}}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"missingRateFor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"band"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<WebReleasesQuery, WebReleasesQueryVariables>;
export const WebFilterOptionsDocument = {"__meta__":{"hash":"sha256:fb1992e40453ac32caae79200382a8ee7fce878a3a8341f5749c866f12fca541"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebFilterOptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"genres"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"distributors"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebFilterOptionsQuery, WebFilterOptionsQueryVariables>;
export const WebReleaseDetailDocument = {"__meta__":{"hash":"sha256:48c54bbf6a312fc36bcc07abab58f30bf91fd75ff6493b4ceb1d0ab3b4d5887b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebReleaseDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"country"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"currency"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}},"defaultValue":{"kind":"StringValue","value":"EUR","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"release"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"reissue"}},{"kind":"Field","name":{"kind":"Name","value":"releaseDate"}},{"kind":"Field","name":{"kind":"Name","value":"releaseDatePrecision"}},{"kind":"Field","name":{"kind":"Name","value":"releaseDateText"}},{"kind":"Field","name":{"kind":"Name","value":"coverUrl"}},{"kind":"Field","name":{"kind":"Name","value":"band"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"label"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"genres"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lowestPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lowestDeliveredPrice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"country"},"value":{"kind":"Variable","name":{"kind":"Name","value":"country"}}},{"kind":"Argument","name":{"kind":"Name","value":"currency"},"value":{"kind":"Variable","name":{"kind":"Name","value":"currency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebDeliveredPriceFields"}},{"kind":"Field","name":{"kind":"Name","value":"offer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ratesDate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"timeline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"distributor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"offers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"variant"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"stock"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"priceIn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"currency"},"value":{"kind":"Variable","name":{"kind":"Name","value":"currency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"missingRateFor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"distributor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deliveredPrice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"country"},"value":{"kind":"Variable","name":{"kind":"Name","value":"country"}}},{"kind":"Argument","name":{"kind":"Name","value":"currency"},"value":{"kind":"Variable","name":{"kind":"Name","value":"currency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebDeliveredPriceFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"shippingEstimate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"country"},"value":{"kind":"Variable","name":{"kind":"Name","value":"country"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cost"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"carrier"}},{"kind":"Field","name":{"kind":"Name","value":"minDays"}},{"kind":"Field","name":{"kind":"Name","value":"maxDays"}},{"kind":"Field","name":{"kind":"Name","value":"freeShipping"}}]}},{"kind":"Field","name":{"kind":"Name","value":"priceHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"IntValue","value":"30"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stock"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebDeliveredPriceFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DeliveredPrice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"shelfPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"shipping"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"freeShipping"}},{"kind":"Field","name":{"kind":"Name","value":"missingRateFor"}}]}}]} as unknown as DocumentNode<WebReleaseDetailQuery, WebReleaseDetailQueryVariables>;
export const WebUpcomingDocument = {"__meta__":{"hash":"sha256:7fb5239842175e1d88889acf888969743fbc438aea66533d5795c39bcbde1543"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebUpcoming"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"50"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upcomingReleases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"releaseDate"}},{"kind":"Field","name":{"kind":"Name","value":"releaseDatePrecision"}},{"kind":"Field","name":{"kind":"Name","value":"releaseDateText"}},{"kind":"Field","name":{"kind":"Name","value":"band"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<WebUpcomingQuery, WebUpcomingQueryVariables>;
export const WebBandDocument = {"__meta__":{"hash":"sha256:ec189084334e158f44a329991a7a16516957f70c5df3824e96c0bc8657ad2062"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebBand"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"band"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"slug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"formedIn"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"genreText"}},{"kind":"Field","name":{"kind":"Name","value":"releases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"releaseDate"}},{"kind":"Field","name":{"kind":"Name","value":"releaseDatePrecision"}},{"kind":"Field","name":{"kind":"Name","value":"releaseDateText"}},{"kind":"Field","name":{"kind":"Name","value":"offerCount"}},{"kind":"Field","name":{"kind":"Name","value":"lowestPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebBandQuery, WebBandQueryVariables>;
export const WebSearchBandsDocument = {"__meta__":{"hash":"sha256:40cadbd7753156213b70d76dc614af6e653a27b882fcfc898e38a0e434aa7825"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebSearchBands"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"query"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchCatalog"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"6"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"score"}}]}}]}}]} as unknown as DocumentNode<WebSearchBandsQuery, WebSearchBandsQueryVariables>;