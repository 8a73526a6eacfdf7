import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { ReleaseType as ReleaseTypeValue } from '@mrt/events';
import { ConnectionType, ReleaseType } from '@mrt/graphql-kit';
import { Band } from '../band/band.type.js';

@Directive('@key(fields: "id")')
@ObjectType('Release', { description: "A band's album, EP, split or other release, in whatever formats it is sold" })
export class Release {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field(() => ReleaseType)
  type: ReleaseTypeValue;

  @Field(() => String, { nullable: true, description: 'Release date (YYYY-MM-DD) when known' })
  releaseDate: string | null;

  @Field(() => Band, { description: 'The band that made it' })
  band: Band;
}

export const ReleaseConnection = ConnectionType(Release, 'Release');
