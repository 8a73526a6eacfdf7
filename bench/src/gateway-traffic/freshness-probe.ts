/**
 * The staleness check one step at a time, whatever the load reached: per target, each kind of
 * mutation once, with the reads it affects cached before (read twice) and read again right after.
 */
import type { Fan, Freshness } from './freshness.js';
import type { MutationKind } from './mix.js';

/** The answer's text and how our gateway says it answered (its cache header; none from others). */
async function send(url: string, body: string, token: string | null): Promise<{ text: string; cache: string | null }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  const text = await response.text();
  if (response.status !== 200 || text.includes('"errors":[')) throw new Error(`${url}: HTTP ${response.status} ${text.slice(0, 300)}`);
  return { text, cache: response.headers.get('x-response-cache') };
}

export interface ProbeOptions {
  url: string;
  target: string;
  freshness: Freshness;
  fans: Fan[];
  /** Request bodies of the reads each mutation affects, by operation name. */
  reads: Map<string, string>;
  /** The fan the signed-in steps act as (one no load round used). */
  user: number;
}

/** Stale reads (of the checked ones) after each mutation kind, in order. */
export async function probeFreshness(options: ProbeOptions): Promise<{ mutations: number; checked: number; stale: string[]; skipped: string[] }> {
  const { url, target, freshness, fans, reads, user } = options;
  const steps: { mutation: MutationKind; affected: { operation: string; user: number | null }[] }[] = [
    {
      mutation: 'rename-shop',
      affected: [
        { operation: 'WebFilterOptions', user: null },
        { operation: 'WebReleaseDetail', user: null },
      ],
    },
    { mutation: 'follow', affected: [{ operation: 'WebMyFollows', user }] },
    { mutation: 'unfollow', affected: [{ operation: 'WebMyFollows', user }] },
    { mutation: 'rename-user', affected: [{ operation: 'WebMe', user }] },
  ];
  const read = (operation: string, reader: number | null) => send(url, reads.get(operation)!, reader === null ? null : fans[reader]!.token);
  const stale: string[] = [];
  const skipped: string[] = [];
  let checked = 0;
  for (const [index, step] of steps.entries()) {
    for (const { operation, user: reader } of step.affected) for (let i = 0; i < 2; i++) await read(operation, reader);
    const mutation = freshness.prepare(target, step.mutation, user, index);
    mutation.done((await send(url, mutation.body, mutation.token)).text);
    // Every shop still has a rename the load sent and never saw answered (a round ends with
    // requests in flight): another could commit before it, so none is sent.
    if (mutation.kind !== step.mutation) {
      skipped.push(`${step.mutation} (a ${mutation.kind} instead)`);
      continue;
    }
    for (const { operation, user: reader } of step.affected) {
      const requirement = freshness.requirement(target, operation, reader);
      if (!requirement) throw new Error(`${step.mutation} on ${target} left nothing for ${operation} to show`);
      checked += 1;
      const { text, cache } = await read(operation, reader);
      const explanation = freshness.explain(target, requirement, text);
      if (explanation.length > 0) stale.push(`${operation} after ${step.mutation} (${explanation.join('; ')}; cache ${cache ?? 'none'}) answered ${text.slice(0, 600)}`);
    }
  }
  return { mutations: steps.length, checked, stale, skipped };
}
