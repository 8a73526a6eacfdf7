import { Arg, Directive, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { isEventStream, parseDeadLetterId, type EventBus } from '@mrt/events';
import { RequireScope } from '../auth/auth-checker.js';
import { BadUserInputError } from '../errors.js';
import { decodeCursor, pageSize, toConnection } from '../pagination.js';
import { DeadLetterConnection, DeadLetterType } from './dead-letter.type.js';

/**
 * Operators' view of the dead-letter streams: list, replay one, replay all (scope events:replay). Shared
 * by every subgraph: they all read the same streams, so any of them may answer.
 */
@Resolver(() => DeadLetterType)
export class DeadLetterResolver {
  constructor(private readonly bus: EventBus) {}

  @RequireScope('events:replay')
  @Directive('@shareable')
  @Query(() => DeadLetterConnection, { description: 'Dead-lettered events, oldest first (scope events:replay)' })
  async deadLetters(
    @Arg('stream', () => String, { nullable: true, description: 'One stream, e.g. raw.listings; default all' }) stream?: string,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 100, at most 1000)' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor from pageInfo.endCursor' }) after?: string,
  ) {
    const limit = pageSize(first, { default: 100, max: 1000 });
    // The cursor is the last letter's id: entry ids order letters, the stream breaks ties.
    const afterId = decodeCursor(after, 1)?.[0];
    if (afterId !== undefined && (typeof afterId !== 'string' || !parseDeadLetterId(afterId))) {
      throw new BadUserInputError('after is not a valid cursor', [{ path: 'after', message: 'not a cursor from this list' }]);
    }
    const letters = await this.bus.listDeadLetters({ stream: checkedStream(stream), limit: limit + 1, after: afterId });
    return toConnection(letters, limit, (letter) => [letter.id]);
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
