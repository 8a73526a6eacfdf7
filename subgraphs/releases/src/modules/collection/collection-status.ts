import { graphqlEnum } from '@mrt/graphql-kit';

export const COLLECTION_STATUSES = ['WANT', 'HAVE'] as const;
export type CollectionStatusValue = (typeof COLLECTION_STATUSES)[number];

export const CollectionStatus = graphqlEnum('CollectionStatus', COLLECTION_STATUSES, 'Where a release stands in a fan’s collection', {
  WANT: 'On the want list: the fan hears about its prices and restocks',
  HAVE: 'Already on the shelf',
});
