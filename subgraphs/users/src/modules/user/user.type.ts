import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ConnectionType, ROLES, ROLE_SCOPES, graphqlEnum, type Role as RoleValue } from '@mrt/graphql-kit';

const scopeList = (role: RoleValue) => ROLE_SCOPES[role].join(', ');

export const Role = graphqlEnum('Role', ROLES, 'What an account may do; its access token carries the scopes of its roles', {
  USER: 'A fan: follows, notifications, own profile; no operator scope',
  EDITOR: `Keeps the data right: sources and runs, shops and their shipping rules, resolution and band merges (scopes ${scopeList('EDITOR')})`,
  ADMIN: `An operator: all an editor may, plus users and roles, signing keys, dead-letter replay and broadcasts (scopes ${scopeList('ADMIN')})`,
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

export const UserConnection = ConnectionType(User, 'User');
