import { FORMATS, RELEASE_DATE_PRECISIONS, RELEASE_TYPES, STOCK_STATUSES } from '@mrt/events';
import { graphqlEnum } from '../enums.js';

/**
 * The domain enums every subgraph shows, registered once: federation composes an enum only
 * when every subgraph defines it identically, and these all derive from the event contracts.
 */
export const Format = graphqlEnum('Format', FORMATS, 'Physical format of an offer', {
  CD: 'Compact disc',
  CD2: 'Double CD',
  MCD: 'Mini CD (EP length)',
  LP: '12" vinyl album',
  LP2: 'Double 12" vinyl',
  EP7: '7" vinyl',
  EP10: '10" vinyl',
  MC: 'Cassette tape',
  BOX: 'Box set',
  OTHER: 'Anything else (e.g. flexi, shaped disc)',
});

export const StockStatus = graphqlEnum('StockStatus', STOCK_STATUSES, 'Whether a shop can sell an offer now', {
  IN_STOCK: 'Can be ordered and ships now',
  OUT_OF_STOCK: 'Listed but sold out',
  PRE_ORDER: 'Can be ordered; ships on release',
  UNKNOWN: 'The shop does not say',
});

export const ReleaseType = graphqlEnum('ReleaseType', RELEASE_TYPES, 'What kind of release this is');

export const ReleaseDatePrecision = graphqlEnum(
  'ReleaseDatePrecision',
  RELEASE_DATE_PRECISIONS,
  'How exact a release date is',
  { DAY: 'Exact day', MONTH: 'Month only', YEAR: 'Year only', ESTIMATE: 'Only a text such as "Summer 2027"' },
);
