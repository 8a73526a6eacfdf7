import { CreateCatalog1795400000000 } from './migrations/1795400000000-create-catalog.js';
import { EntityResolution1795600000000 } from './migrations/1795600000000-entity-resolution.js';
import { BandAliasIndex1797400000000 } from './migrations/1797400000000-band-alias-index.js';
import { BandEntity } from './modules/band/band.entity.js';
import { DistributorEntity } from './modules/distributor/distributor.entity.js';
import { GenreEntity } from './modules/genre/genre.entity.js';
import { LabelEntity } from './modules/label/label.entity.js';
import { ReviewEntity } from './modules/review/review.entity.js';

export const catalogEntities = [BandEntity, DistributorEntity, LabelEntity, GenreEntity, ReviewEntity];
export const catalogMigrations = [CreateCatalog1795400000000, EntityResolution1795600000000, BandAliasIndex1797400000000];
