/**
 * The traffic benchmark's mutations and its staleness check. Every mutation writes a value no
 * earlier one wrote (shop and display names carry a version that only grows; a follow names a
 * band the fan never followed), so what a read must show is known without a reference answer:
 * a read through a target that started after a mutation through that target completed must
 * show that mutation or a later one. Checked on the answer text, without parsing it.
 */
import type { MutationKind } from './mix.js';

export interface Shop {
  id: string;
  name: string;
}

export interface Fan {
  token: string;
  displayName: string;
}

const RENAME_SHOP = 'mutation BenchRenameShop($id: ID!, $name: String!) { updateDistributor(id: $id, input: { name: $name }) { id name } }';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The version a renamed value carries; its original (never renamed) value is version 0. */
const versioned = (base: string, version: number) => `${base} ~v${version}`;
const versionsIn = (pattern: RegExp, text: string) => [...text.matchAll(pattern)].map((m) => (m[1] ? Number(m[1]) : 0));
/** A time of day to the millisecond (UTC), as the stale reads' explanations print it. */
export const clock = (ms: number | undefined) => (ms === undefined ? 'never' : new Date(ms).toISOString().slice(11));

/** When a mutation was sent and when its answer came (for a stale read's explanation). */
interface Sent {
  sentAt: number;
  doneAt?: number;
}

/** What one target's completed mutations require of the reads that start after them. */
interface TargetFacts {
  shopVersion: number[];
  userVersion: number[];
  followed: Set<string>[];
  unfollowed: Set<string>[];
  /** Completed follows through this target, not yet unfollowed: fan -> follows. */
  open: { band: string; id: string }[][];
}

/** A read's requirement, copied when it starts (later mutations do not bind it). */
export type Requirement =
  | { kind: 'shops'; versions: number[] }
  | { kind: 'me'; user: number; version: number }
  | { kind: 'follows'; user: number; present: string[]; absent: string[] };

export interface PreparedMutation {
  /** What is sent: the kind asked for, or a follow when that one could not be sent now. */
  kind: MutationKind;
  body: string;
  token: string;
  /** Records the mutation's effect from its answer (checked for errors already). */
  done(answer: string): void;
}

/**
 * Shared by every target: the data is one, so versions and followed bands never repeat. A shop
 * or a fan's profile is renamed by one mutation at a time: of two renames in flight the one that
 * commits last wins, which the client cannot know, so it could not say which name is fresh.
 */
export class Freshness {
  private version = 0;
  /** Shops and fans with a rename in flight (one whose answer never came stays here). */
  private readonly renaming = new Set<string>();
  private readonly nextBand: number[];
  private readonly shopPatterns: RegExp[];
  private readonly userPatterns: RegExp[];
  private readonly facts = new Map<string, TargetFacts>();
  /** Every mutation prepared, by what it changed: `shop 2 v17`, `fan 3 v18`, `follow 3 <band>`, `unfollow 3 <band>`. */
  private readonly sent = new Map<string, Sent>();

  constructor(
    private readonly shops: Shop[],
    private readonly fans: Fan[],
    private readonly bandIds: string[],
    private readonly operatorToken: string,
    /** The web app's documents (follow, unfollow, profile), by operation name. */
    private readonly operations: Map<string, string>,
  ) {
    this.nextBand = fans.map((_, i) => (i * 97) % bandIds.length);
    this.shopPatterns = shops.map((s) => new RegExp(`"${escape(s.name)}(?: ~v(\\d+))?"`, 'g'));
    this.userPatterns = fans.map((f) => new RegExp(`"${escape(f.displayName)}(?: ~v(\\d+))?"`, 'g'));
  }

  private of(target: string): TargetFacts {
    let facts = this.facts.get(target);
    if (!facts) {
      const perFan = <T>(make: () => T) => this.fans.map(make);
      facts = { shopVersion: this.shops.map(() => 0), userVersion: perFan(() => 0), followed: perFan(() => new Set()), unfollowed: perFan(() => new Set()), open: perFan(() => []) };
      this.facts.set(target, facts);
    }
    return facts;
  }

  /** The mutation to send for a scheduled one; one that cannot be sent now (nothing to unfollow, a rename in flight) follows instead. */
  prepare(target: string, kind: MutationKind, user: number, pick: number): PreparedMutation {
    const facts = this.of(target);
    const record = (change: string) => {
      const sent: Sent = { sentAt: Date.now() };
      this.sent.set(change, sent);
      return () => (sent.doneAt = Date.now());
    };
    const fan = this.fans[user]!;
    const version = ++this.version;
    const shop = Array.from(this.shops, (_, i) => (pick + i) % this.shops.length).find((s) => !this.renaming.has(`shop ${s}`));
    if (kind === 'rename-shop' && shop !== undefined) {
      this.renaming.add(`shop ${shop}`);
      const answered = record(`shop ${shop} v${version}`);
      return {
        kind,
        body: JSON.stringify({ query: RENAME_SHOP, variables: { id: this.shops[shop]!.id, name: versioned(this.shops[shop]!.name, version) } }),
        token: this.operatorToken,
        done: () => {
          answered();
          this.renaming.delete(`shop ${shop}`);
          facts.shopVersion[shop] = version;
        },
      };
    }
    if (kind === 'rename-user' && !this.renaming.has(`fan ${user}`)) {
      this.renaming.add(`fan ${user}`);
      const answered = record(`fan ${user} v${version}`);
      return {
        kind,
        body: JSON.stringify({ query: this.operations.get('WebUpdateProfile'), variables: { input: { displayName: versioned(fan.displayName, version) } } }),
        token: fan.token,
        done: () => {
          answered();
          this.renaming.delete(`fan ${user}`);
          facts.userVersion[user] = version;
        },
      };
    }
    const open = facts.open[user]!;
    if (kind === 'unfollow' && open.length > 0) {
      const { band, id } = open.shift()!;
      // From the moment it is sent, a read may or may not see it: the follow is required neither
      // present nor absent until the answer comes.
      facts.followed[user]!.delete(band);
      const answered = record(`unfollow ${user} ${band}`);
      return {
        kind,
        body: JSON.stringify({ query: this.operations.get('WebUnfollow'), variables: { id } }),
        token: fan.token,
        done: () => {
          answered();
          facts.unfollowed[user]!.add(band);
        },
      };
    }
    const band = this.bandIds[this.nextBand[user]!++ % this.bandIds.length]!;
    const answered = record(`follow ${user} ${band}`);
    return {
      kind: 'follow',
      body: JSON.stringify({ query: this.operations.get('WebFollow'), variables: { input: { targetType: 'BAND', targetId: band } } }),
      token: fan.token,
      done: (answer) => {
        answered();
        if (facts.unfollowed[user]!.has(band)) return;
        facts.followed[user]!.add(band);
        open.push({ band, id: (JSON.parse(answer) as { data: { follow: { id: string } } }).data.follow.id });
      },
    };
  }

  /** What a read of `operation` by `user` starting now must show, or null when nothing. */
  requirement(target: string, operation: string, user: number | null): Requirement | null {
    const facts = this.of(target);
    if (operation === 'WebReleaseDetail' || operation === 'WebFilterOptions') {
      return facts.shopVersion.some((v) => v > 0) ? { kind: 'shops', versions: [...facts.shopVersion] } : null;
    }
    if (user === null) return null;
    if (operation === 'WebMe') return facts.userVersion[user]! > 0 ? { kind: 'me', user, version: facts.userVersion[user]! } : null;
    if (operation === 'WebMyFollows') {
      const present = [...facts.followed[user]!];
      const absent = [...facts.unfollowed[user]!];
      return present.length + absent.length > 0 ? { kind: 'follows', user, present, absent } : null;
    }
    return null;
  }

  /** True when the answer, read through `target`, shows something older than the requirement. */
  isStale(target: string, requirement: Requirement, body: string): boolean {
    return this.staleParts(target, requirement, body).length > 0;
  }

  /**
   * What the answer shows older than required, one line per shop, profile or follow, with when
   * the mutation it misses was sent and answered (empty when the answer is fresh).
   */
  explain(target: string, requirement: Requirement, body: string): string[] {
    const when = (change: string) => {
      const sent = this.sent.get(change);
      return sent ? `${change} sent ${clock(sent.sentAt)}, answered ${clock(sent.doneAt)}` : `${change} never sent`;
    };
    // A missing follow: whether an unfollow of it went out, and when (it is then not required).
    return this.staleParts(target, requirement, body).map(({ change, what }) =>
      [what, when(change), ...(change.startsWith('follow ') ? [when(`un${change}`)] : [])].join(': '),
    );
  }

  private staleParts(target: string, requirement: Requirement, body: string): { change: string; what: string }[] {
    if (requirement.kind === 'shops') {
      return requirement.versions.flatMap((v, shop) => {
        const seen = v > 0 ? versionsIn(this.shopPatterns[shop]!, body) : [];
        return seen.some((s) => s < v) ? [{ change: `shop ${shop} v${v}`, what: `shop ${shop} shown as v${seen.join(',v')}, v${v} required` }] : [];
      });
    }
    if (requirement.kind === 'me') {
      const { user, version } = requirement;
      const seen = versionsIn(this.userPatterns[user]!, body);
      return seen.some((s) => s < version) ? [{ change: `fan ${user} v${version}`, what: `fan ${user} shown as v${seen.join(',v')}, v${version} required` }] : [];
    }
    const { user } = requirement;
    const shows = (band: string) => body.includes(`"targetId":"${band}"`);
    // An unfollow sent after the read started may commit before the read runs: a band is
    // required present only while no unfollow of it has been sent.
    const stillFollowed = this.of(target).followed[user]!;
    return [
      ...requirement.present.filter((band) => stillFollowed.has(band) && !shows(band)).map((band) => ({ change: `follow ${user} ${band}`, what: `fan ${user}'s follow of ${band} missing` })),
      ...requirement.absent.filter(shows).map((band) => ({ change: `unfollow ${user} ${band}`, what: `fan ${user}'s unfollowed ${band} still shown` })),
    ];
  }
}

