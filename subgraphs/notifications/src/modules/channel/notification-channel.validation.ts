import { z } from 'zod';
import { DIGEST_FREQUENCIES } from '../../domain/digest-schedule.js';
import { CHANNEL_KINDS } from './channel-kind.js';

export const addChannelSchema = z.object({
  kind: z.enum(CHANNEL_KINDS),
  url: z.string().trim().min(1, 'must not be empty').max(2_000, 'must be at most 2000 characters').nullish(),
  email: z.email('must be an email address').max(254, 'must be at most 254 characters').nullish(),
  label: z.string().trim().max(60, 'must be at most 60 characters').nullish(),
  isDefault: z.boolean().nullish(),
});

export const updateChannelSchema = z.object({
  digest: z.enum(DIGEST_FREQUENCIES).nullish(),
});

/** ntfy topic names: letters, digits, - and _ (ntfy's own rule), at most 64. */
const NTFY_TOPIC = /^[-_A-Za-z0-9]{1,64}$/;
const DISCORD_WEBHOOK_PATH = /^\/api(\/v\d+)?\/webhooks\/\d{5,25}\/[-_A-Za-z0-9]{20,120}\/?$/;

/** What is wrong with a channel URL for its kind (shape only; the outbound guard judges the host). */
export function channelUrlProblem(kind: 'DISCORD' | 'NTFY', url: URL, discordOrigin: string): string | null {
  if (kind === 'DISCORD') {
    if (url.origin !== new URL(discordOrigin).origin || !DISCORD_WEBHOOK_PATH.test(url.pathname)) {
      return `must be a Discord webhook URL (${new URL(discordOrigin).origin}/api/webhooks/<id>/<token>)`;
    }
    return null;
  }
  const topic = url.pathname.split('/').filter(Boolean).pop() ?? '';
  if (!NTFY_TOPIC.test(topic)) return 'must be an ntfy topic URL, e.g. https://ntfy.sh/my-topic';
  if (url.search || url.hash) return 'must not have a query or fragment';
  return null;
}
