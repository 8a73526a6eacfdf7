import { Arg, Directive, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { isEventStream, type EventBus } from '@mrt/events';
import { RequireScope } from '../auth/auth-checker.js';
import { BadUserInputError } from '../errors.js';
import { DeadLetterType } from './dead-letter.type.js';

/**
 * Operators' view of the dead-letter streams: list, replay one, replay all (scope events:replay). Shared
 * by every subgraph: they all read the same streams, so any of them may answer.
 */
@Resolver(() => DeadLetterType)
export class DeadLetterResolver {
  constructor(private readonly bus: EventBus) {}

  @RequireScope('events:replay')
  @Directive('@shareable')
  @Query(() => [DeadLetterType], { description: 'Dead-lettered events, oldest first (scope events:replay)' })
  deadLetters(
    @Arg('stream', () => String, { nullable: true, description: 'One stream, e.g. raw.listings; default all' }) stream?: string,
    @Arg('limit', () => Int, { nullable: true, description: 'At most this many (default 100, at most 1000)' }) limit?: number,
  ): Promise<DeadLetterType[]> {
    if (limit !== undefined && limit !== null && (limit < 1 || limit > 1000)) {
      throw new BadUserInputError('limit must be between 1 and 1000', [{ path: 'limit', message: 'must be between 1 and 1000' }]);
    }
    return this.bus.listDeadLetters({ stream: checkedStream(stream), limit: limit ?? 100 });
  }

  @RequireScope('events:replay')
  @Directive('@shareable')
  @Mutation(() => Boolean, { description: 'Redeliver one dead letter to the group that failed it; false if unknown (scope events:replay)' })
  replayDeadLetter(@Arg('id', () => ID) id: string): Promise<boolean> {
    return this.bus.replayDeadLetter(id);
  }

  @RequireScope('events:replay')
  @Directive('@shareable')
  @Mutation(() => Int, { description: 'Redeliver every dead letter (of one stream); returns how many (scope events:replay)' })
  replayAllDeadLetters(@Arg('stream', () => String, { nullable: true }) stream?: string): Promise<number> {
    return this.bus.replayAllDeadLetters(checkedStream(stream));
  }
}

function checkedStream(stream: string | undefined | null) {
  if (stream === undefined || stream === null) return undefined;
  if (!isEventStream(stream)) throw new BadUserInputError(`Unknown stream ${stream}`, [{ path: 'stream', message: 'is not an event stream' }]);
  return stream;
}
