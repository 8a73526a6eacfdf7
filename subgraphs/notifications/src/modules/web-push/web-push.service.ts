import type { DataSource } from 'typeorm';
import type { OutboundGuard } from '@mrt/platform';
import { BadUserInputError, parseInput } from '@mrt/graphql-kit';
import { NotificationChannelStore } from '../channel/notification-channel.store.js';
import { webhookUrlProblem } from '../webhook/webhook-url.js';
import { subscriptionSchema } from './web-push.validation.js';

export class WebPushService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly options: { guard: OutboundGuard; publicKey: string | null },
  ) {}

  get publicKey(): string | null {
    return this.options.publicKey;
  }

  /** One channel per browser subscription; the same endpoint again is answered with the one there is. */
  async subscribe(userId: string, input: unknown): Promise<string> {
    if (!this.options.publicKey) throw new BadUserInputError('Web push is not available on this server', [{ path: 'endpoint', message: 'web push is not enabled on this server' }]);
    const parsed = parseInput(subscriptionSchema, input);
    const problem = await webhookUrlProblem(parsed.endpoint, this.options.guard);
    if (problem) throw new BadUserInputError(`Push endpoint ${problem}`, [{ path: 'endpoint', message: problem }]);
    const store = new NotificationChannelStore(this.dataSource);
    const row = await store.insert({
      userId,
      kind: 'WEB_PUSH',
      target: parsed.endpoint,
      label: parsed.label || null,
      isDefault: true,
      verified: true,
      pushKeys: { p256dh: parsed.p256dh, auth: parsed.auth },
    });
    if (row) return row.id;
    return (await store.listOfUser(userId)).find((channel) => channel.kind === 'WEB_PUSH' && channel.target === parsed.endpoint)!.id;
  }
}
