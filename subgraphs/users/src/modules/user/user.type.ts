import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ROLES, graphqlEnum, type Role as RoleValue } from '@mrt/graphql-kit';

export const Role = graphqlEnum('Role', ROLES, 'What an account may do', {
  USER: 'A fan: follows, notifications, own profile',
  ADMIN: 'An operator: sources, parser runs, merges, shipping profiles',
});

@Directive('@key(fields: "id")')
@ObjectType('User', { description: 'An account' })
export class User {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Name shown to others' })
  displayName: string;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country deliveries go to' })
  country: string | null;

  @Field({ description: 'ISO 4217 currency prices are shown in' })
  currency: string;

  @Field(() => [Role])
  roles: RoleValue[];

  @Field()
  createdAt: Date;
}
