import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Band } from '../band/band.type.js';
import { Label } from '../label/label.type.js';

export const CatalogHitKind = { BAND: 'BAND', LABEL: 'LABEL' } as const;
export type CatalogHitKindValue = keyof typeof CatalogHitKind;
registerEnumType(CatalogHitKind, { name: 'CatalogHitKind', description: 'What a search hit is' });

@ObjectType('CatalogHit', { description: 'One autocomplete suggestion: a band or a label' })
export class CatalogHit {
  @Field(() => CatalogHitKind)
  kind: CatalogHitKindValue;

  @Field(() => ID, { description: 'Id of the band or label' })
  id: string;

  @Field({ description: 'Display name' })
  name: string;

  @Field()
  slug: string;

  @Field(() => Float, { description: 'Trigram word similarity of the query to the name, 0..1 (1 for an exact or prefix match)' })
  score: number;

  @Field(() => Band, { nullable: true, description: 'The band, when kind is BAND' })
  band?: Band | null;

  @Field(() => Label, { nullable: true, description: 'The label, when kind is LABEL' })
  label?: Label | null;
}
