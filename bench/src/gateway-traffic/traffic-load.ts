/**
 * Closed-loop load that replays the traffic schedule on one target: autocannon's setupRequest
 * takes the next entry (body and, when signed in, that fan's token), onResponse checks every
 * answer for errors, counts cache hits and checks the reads that must show a mutation.
 */
import type autocannon from 'autocannon';
import { runRound, type Round } from '../gateway/harness.js';
import { clock, type Fan, type Freshness, type PreparedMutation, type Requirement } from './freshness.js';
import type { Schedule } from './mix.js';

export interface TrafficRound extends Round {
  reads: number;
  /** Reads answered from the target's response cache (as the target tells). */
  hits: number;
  mutations: number;
  /** Reads that had to show a mutation through this target, and those that did not. */
  checkedReads: number;
  stale: number;
  /** Stale reads by what they failed to show, and each one explained (the first MAX_EXPLAINED). */
  staleByKind: Record<string, number>;
  staleReads: string[];
}

/** Stale reads explained in full per round; the rest are only counted. */
const MAX_EXPLAINED = 20;

interface Pending {
  mutation?: PreparedMutation;
  requirement?: Requirement | null;
  read: boolean;
  /** The schedule entry's body and caller, and when it was sent (ms since the epoch). */
  body: number;
  user: number | null;
  sentAt: number;
}

/** When a read was last answered by executing it (a miss): the answer a later hit may come from. */
interface Miss {
  sentAt: number;
  answeredAt: number;
}

/** The header value as one string (autocannon may give repeated headers as a list). */
const cacheHeader = (headers: Record<string, string | string[]>) => {
  const found = Object.entries(headers).find(([name]) => ['x-response-cache', 'age'].includes(name.toLowerCase()));
  return found ? `${found[0]}: ${String(found[1])}` : 'none';
};

/** How each target says an answer came from its cache. */
function isHit(headers: Record<string, string | string[]>, body: string): boolean {
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    if (key === 'x-response-cache') return value === 'hit' || value === 'shared';
    if (key === 'age') return true;
  }
  return body.includes('"responseCache":{"hit":true');
}

export interface TrafficLoadOptions {
  url: string;
  target: string;
  schedule: Schedule;
  /** Where this target continues in the schedule (advanced by the round). */
  cursor: { next: number };
  fans: Fan[];
  freshness: Freshness;
  connections: number;
  seconds: number;
  label: string;
  /** A warm-up that completes nothing in its time does not fail (see LoadOptions.warmUp). */
  warmUp?: boolean;
}

export async function trafficLoad(options: TrafficLoadOptions): Promise<TrafficRound> {
  const { schedule, cursor, freshness, fans, target } = options;
  const counts = { reads: 0, hits: 0, mutations: 0, checkedReads: 0, stale: 0 };
  const staleByKind: Record<string, number> = {};
  const staleReads: string[] = [];
  /** By body and caller: each read's entry in the target's cache (a signed-in caller has their own). */
  const lastMiss = new Map<string, Miss>();
  const problems: string[] = [];
  const measured = await runRound(
    { ...options, firstBody: schedule.bodies[0] },
      {
        setupRequest: (request: autocannon.Request, context: object) => {
          const index = cursor.next++;
          const entry = schedule.entries[index % schedule.entries.length]!;
          const pending = context as Pending;
          if (entry.kind === 'mutation') {
            const mutation = freshness.prepare(target, entry.mutation, entry.user, index);
            Object.assign(pending, { mutation, requirement: null, read: false, sentAt: Date.now() });
            return { ...request, body: mutation.body, headers: { 'content-type': 'application/json', authorization: `Bearer ${mutation.token}` } };
          }
          Object.assign(pending, {
            mutation: undefined,
            requirement: freshness.requirement(target, entry.operation, entry.user),
            read: true,
            body: entry.body,
            user: entry.user,
            sentAt: Date.now(),
          });
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (entry.user !== null) headers.authorization = `Bearer ${fans[entry.user]!.token}`;
          return { ...request, body: schedule.bodies[entry.body], headers };
        },
        onResponse: (status: number, body: string, context: object, headers: Record<string, string | string[]>) => {
          const pending = context as Pending;
          if (status !== 200 || !body.startsWith('{"data"') || body.includes('"errors":[')) {
            problems.push(`HTTP ${status}: ${body.slice(0, 300)}`);
            return;
          }
          if (pending.mutation) {
            counts.mutations += 1;
            pending.mutation.done(body);
            return;
          }
          const answeredAt = Date.now();
          const cacheKey = `${pending.body}/${pending.user ?? ''}`;
          counts.reads += 1;
          const hit = isHit(headers, body);
          if (hit) counts.hits += 1;
          if (pending.requirement) {
            counts.checkedReads += 1;
            const explanation = freshness.explain(target, pending.requirement, body);
            if (explanation.length > 0) {
              counts.stale += 1;
              staleByKind[pending.requirement.kind] = (staleByKind[pending.requirement.kind] ?? 0) + 1;
              if (staleReads.length < MAX_EXPLAINED) {
                const { operationName, variables } = JSON.parse(schedule.bodies[pending.body]!) as { operationName: string; variables: unknown };
                const miss = lastMiss.get(cacheKey);
                staleReads.push(
                  `${operationName} ${JSON.stringify(variables)} as ${pending.user === null ? 'anonymous' : `fan ${pending.user}`}, ` +
                    `sent ${clock(pending.sentAt)}, answered ${clock(answeredAt)} (${cacheHeader(headers)}; ` +
                    `last miss of it this round ${miss ? `sent ${clock(miss.sentAt)}, answered ${clock(miss.answeredAt)}` : 'none'}): ` +
                    `${explanation.join('; ')}; required ${JSON.stringify(pending.requirement).slice(0, 300)}; answered ${body.slice(0, 1500)}`,
                );
              }
            }
          }
          if (!hit) lastMiss.set(cacheKey, { sentAt: pending.sentAt, answeredAt });
        },
      } as autocannon.Request,
    problems,
  );
  return { ...measured, checked: counts.reads, ...counts, staleByKind, staleReads };
}
