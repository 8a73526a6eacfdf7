import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { pageSize, requireUser, type RequestContext } from '@mrt/graphql-kit';
import type { WebhookService } from './webhook.service.js';
import { Webhook, WebhookDelivery, WebhookRegistration } from './webhook.type.js';

@Resolver(() => Webhook)
export class WebhookResolver {
  constructor(private readonly webhookService: WebhookService) {}

  @Authorized()
  @Query(() => [Webhook], { description: 'Your webhooks' })
  myWebhooks(@Ctx() context: RequestContext): Promise<Webhook[]> {
    return this.webhookService.list(requireUser(context).id);
  }

  @Authorized()
  @Query(() => [WebhookDelivery], { description: 'Delivery log of one of your webhooks, newest first' })
  webhookDeliveries(
    @Ctx() context: RequestContext,
    @Arg('webhookId', () => ID) webhookId: string,
    @Arg('first', () => Int, { nullable: true, description: 'At most this many (default 20, at most 100)' }) first?: number,
  ): Promise<WebhookDelivery[]> {
    return this.webhookService.deliveries(requireUser(context).id, webhookId, pageSize(first));
  }

  @Authorized()
  @Mutation(() => WebhookRegistration, {
    description: 'POST your notifications to a URL (Discord, Telegram or ntfy bridges); the body is signed with the returned secret',
  })
  registerWebhook(@Ctx() context: RequestContext, @Arg('url') url: string): Promise<WebhookRegistration> {
    return this.webhookService.register(requireUser(context).id, url);
  }

  @Authorized()
  @Mutation(() => Webhook, { description: 'Turn a webhook disabled after failures back on' })
  enableWebhook(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string): Promise<Webhook> {
    return this.webhookService.enable(requireUser(context).id, id);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Delete one of your webhooks; false if it did not exist' })
  deleteWebhook(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string): Promise<boolean> {
    return this.webhookService.remove(requireUser(context).id, id);
  }
}
