import { Field, ID, InputType } from 'type-graphql';
import { FollowTargetType } from '../follow/follow-target-type.js';

@InputType('BroadcastTargetInput', { description: 'A band, label or genre whose followers a broadcast goes to' })
export class BroadcastTargetInput {
  @Field(() => FollowTargetType, { description: 'BAND, LABEL or GENRE' })
  type: string;

  @Field(() => ID, { description: 'The catalog id of the band, label or genre' })
  id: string;
}

@InputType('BroadcastInput', { description: 'A message from the operators' })
export class BroadcastInput {
  @Field({ description: 'At most 200 characters' })
  title: string;

  @Field({ description: 'At most 2,000 characters' })
  message: string;

  @Field(() => [ID], { nullable: true, description: 'Only these users; default everyone who follows something' })
  userIds?: string[] | null;

  @Field(() => BroadcastTargetInput, { nullable: true, description: 'Only the followers of this band, label or genre; not with userIds' })
  followersOf?: BroadcastTargetInput | null;
}
