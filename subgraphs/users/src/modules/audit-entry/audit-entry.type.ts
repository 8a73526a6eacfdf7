import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { ConnectionType } from '@mrt/graphql-kit';

@ObjectType('AuditChange', { description: 'What an operator mutation changed: one entity, before and after (secrets masked)' })
export class AuditChange {
  @Field({ description: 'The kind of thing changed, e.g. Source, Distributor, ShippingProfile, Band, User' })
  entity: string;

  @Field()
  id: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Its state before; null when the mutation created it' })
  before: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Its state after; null when the mutation removed it' })
  after: unknown;
}

@ObjectType('AuditEntry', { description: "One operator mutation in any subgraph, successful or not (scope users:admin)" })
export class AuditEntry {
  @Field(() => ID)
  id: string;

  @Field({ description: 'When the subgraph answered the mutation' })
  occurredAt: Date;

  @Field({ description: 'The subgraph that ran it' })
  subgraph: string;

  @Field(() => ID, { nullable: true, description: 'Who ran it' })
  actorId: string | null;

  @Field(() => [String], { description: "The actor's roles at the time" })
  actorRoles: string[];

  @Field(() => String, { nullable: true, description: "The client's operation name" })
  operationName: string | null;

  @Field({ description: 'The mutation field, e.g. updateSource' })
  field: string;

  @Field({ description: 'The scope the mutation requires' })
  scope: string;

  @Field(() => GraphQLJSON, { description: 'Its arguments, secrets masked' })
  variables: Record<string, unknown>;

  @Field({ description: '`OK`, or the error code it failed with' })
  outcome: string;

  @Field(() => String, { nullable: true })
  errorMessage: string | null;

  @Field(() => [AuditChange], { description: 'What it changed, where the subgraph records it' })
  changes: AuditChange[];
}

export const AuditEntryConnection = ConnectionType(AuditEntry, 'AuditEntry');

@InputType('AuditLogFilter', { description: 'All given conditions must hold' })
export class AuditLogFilter {
  @Field(() => ID, { nullable: true })
  actorId?: string | null;

  @Field(() => String, { nullable: true, description: 'Subgraph name, e.g. raw-data' })
  subgraph?: string | null;

  @Field(() => String, { nullable: true, description: 'Mutation field or operation name' })
  operation?: string | null;

  @Field(() => String, { nullable: true, description: '`OK`, `ERROR` (any failure) or one error code' })
  outcome?: string | null;

  @Field(() => Date, { nullable: true, description: 'From this instant on' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Before this instant' })
  to?: Date | null;
}
