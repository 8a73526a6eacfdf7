import type { AnyEvent, EventData, EventType } from '@mrt/events';

/**
 * What a change invalidates, where it is known more exactly than "everything its subgraph
 * serves". Anything not listed here keeps the coarse rule (a mutation drops every answer from
 * the subgraphs it writes to; an event every answer from the subgraphs its contract names), so
 * an entry here must name every tag an affected answer can carry (see answer-tags.ts): list
 * only changes whose whole effect is known.
 */

/** The caller's own answers: what a signed-in caller's cached entries are tagged with. */
export const callerTag = (userId: string) => `user:${userId}`;

type MutationEffect = (args: Record<string, unknown>) => string[];

/** Changes only what the caller themself reads: their follows, channels, collection, profile. */
const CALLER_ONLY: MutationEffect = () => [];
/** A shop's own fields: answers holding that shop, and every list of shops. */
const distributorFields: MutationEffect = (args) => (typeof args.id === 'string' ? [`Distributor:${args.id}`, 'Distributor'] : ['Distributor']);

/**
 * Mutations by root field. The caller's tag is added to every mutation's effect, so a caller
 * always reads their own writes.
 * - Follows, channels, preferences, feeds, webhooks and notifications are notifications' and
 *   the account is users': private data, never in a shared answer.
 * - The collection is releases', but only the owner's answers show it (`inMyCollection`), and
 *   those are the caller's own entries; the follows an import makes come through notifications.
 * - A profile's currency and country change the defaults of the caller's own answers only.
 */
const MUTATION_EFFECTS: Readonly<Record<string, MutationEffect>> = {
  follow: CALLER_ONLY,
  updateFollow: CALLER_ONLY,
  unfollow: CALLER_ONLY,
  markNotificationsRead: CALLER_ONLY,
  addNotificationChannel: CALLER_ONLY,
  updateNotificationChannel: CALLER_ONLY,
  resumeNotificationChannel: CALLER_ONLY,
  removeNotificationChannel: CALLER_ONLY,
  linkTelegram: CALLER_ONLY,
  addWebPushSubscription: CALLER_ONLY,
  updateNotificationPreferences: CALLER_ONLY,
  createFeedUrl: CALLER_ONLY,
  revokeFeedUrl: CALLER_ONLY,
  registerWebhook: CALLER_ONLY,
  enableWebhook: CALLER_ONLY,
  deleteWebhook: CALLER_ONLY,
  setCollectionItem: CALLER_ONLY,
  removeCollectionItem: CALLER_ONLY,
  importCollection: CALLER_ONLY,
  updateProfile: CALLER_ONLY,
  changePassword: CALLER_ONLY,
  logout: CALLER_ONLY,
  updateDistributor: distributorFields,
  createDistributor: distributorFields,
};

/** The mutations whose effect is known exactly (checked against the supergraph by a spec). */
export const KNOWN_MUTATION_EFFECTS = Object.keys(MUTATION_EFFECTS);

/**
 * The tags one mutation operation invalidates, or null when any of its root fields has no known
 * effect (the caller then drops everything its subgraphs serve).
 */
export function mutationTags(rootFields: readonly { name: string; args: Record<string, unknown> }[], userId: string | null): string[] | null {
  const tags = userId ? [callerTag(userId)] : [];
  for (const field of rootFields) {
    const effect = Object.hasOwn(MUTATION_EFFECTS, field.name) ? MUTATION_EFFECTS[field.name] : undefined;
    if (!effect) return null;
    tags.push(...effect(field.args));
  }
  return tags;
}

type EventEffect<T extends EventType> = (data: EventData<T>) => string[];

/**
 * Events whose effect on served answers is exactly known. catalog.distributor.changed carries a
 * shop's own fields (name, slug, country, currency, site), which only catalog serves, as
 * `Distributor`; no other subgraph keeps a served copy of them. user.profile.changed reaches
 * releases' copy of the fan's profile a moment after the mutation that changed it: an answer of
 * theirs cached in between is dropped when the event comes here (if releases takes it later
 * still, such an answer lives up to the TTL).
 */
const EVENT_EFFECTS: { [T in EventType]?: EventEffect<T> } = {
  'catalog.distributor.changed': (data) => [`Distributor:${data.distributorId}`, 'Distributor'],
  // Releases' copy of the profile sets that fan's default currency: only their own answers differ.
  'user.profile.changed': (data) => [callerTag(data.userId)],
};

/** Event types whose exact effect is known (they may have none under their contract's coarse rule). */
export const PRECISELY_INVALIDATING_EVENT_TYPES = Object.keys(EVENT_EFFECTS) as EventType[];

/** The tags an event invalidates, or null for the coarse rule of its contract. */
export function eventTags(event: AnyEvent): string[] | null {
  const effect = EVENT_EFFECTS[event.type] as EventEffect<typeof event.type> | undefined;
  return effect ? effect(event.data) : null;
}
