import { CreateReleases1795400000000 } from './migrations/1795400000000-create-releases.js';
import { ReleaseEntity } from './modules/release/release.entity.js';

export const RELEASES_DB_SCHEMA = 'releases';
export const releasesEntities = [ReleaseEntity];
export const releasesMigrations = [CreateReleases1795400000000];
