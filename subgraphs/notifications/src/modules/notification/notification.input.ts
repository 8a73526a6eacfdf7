import { Field, ID, InputType } from 'type-graphql';

@InputType('BroadcastInput', { description: 'A message from the operators' })
export class BroadcastInput {
  @Field({ description: 'At most 200 characters' })
  title: string;

  @Field({ description: 'At most 2,000 characters' })
  message: string;

  @Field(() => [ID], { nullable: true, description: 'Only these users; default everyone who follows something' })
  userIds?: string[] | null;
}
