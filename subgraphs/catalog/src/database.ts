import { CreateCatalog1795400000000 } from './migrations/1795400000000-create-catalog.js';
import { BandEntity } from './modules/band/band.entity.js';
import { DistributorEntity } from './modules/distributor/distributor.entity.js';

export const CATALOG_DB_SCHEMA = 'catalog';
export const catalogEntities = [BandEntity, DistributorEntity];
export const catalogMigrations = [CreateCatalog1795400000000];
