import { CreateRawData1795400000000 } from './migrations/1795400000000-create-raw-data.js';
import { ParserRunsAndRawListings1795500000000 } from './migrations/1795500000000-parser-runs-and-raw-listings.js';
import { DistributorCopy1795600000000 } from './migrations/1795600000000-distributor-copy.js';
import { ParserRunFieldCoverage1795700000000 } from './migrations/1795700000000-parser-run-field-coverage.js';
import { ParserRunEntity } from './modules/parser-run/parser-run.entity.js';
import { SourceEntity } from './modules/source/source.entity.js';

export const rawDataEntities = [SourceEntity, ParserRunEntity];
export const rawDataMigrations = [CreateRawData1795400000000, ParserRunsAndRawListings1795500000000, DistributorCopy1795600000000, ParserRunFieldCoverage1795700000000];
