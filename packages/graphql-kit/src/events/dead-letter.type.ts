import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../pagination.js';

/** Every subgraph serves the same dead-letter admin fields over the same streams. */
@Directive('@shareable')
@ObjectType('DeadLetter', { description: 'An event a consumer gave up on after its retries' })
export class DeadLetterType {
  @Field(() => ID, { description: 'Pass to replayDeadLetter' })
  id: string;

  @Field({ description: 'Stream the event came from, e.g. releases.changes' })
  stream: string;

  @Field({ description: 'Consumer group whose handler failed; a replay goes to it only' })
  group: string;

  @Field(() => String, { nullable: true })
  eventId: string | null;

  @Field(() => String, { nullable: true, description: 'Event type, e.g. offer.price_changed' })
  type: string | null;

  @Field({ description: 'The last error' })
  error: string;

  @Field(() => Int)
  attempts: number;

  @Field()
  failedAt: string;

  @Field({ description: 'The event envelope exactly as received' })
  payload: string;
}

export const DeadLetterConnection = ConnectionType(DeadLetterType, 'DeadLetter', { shareable: true });
