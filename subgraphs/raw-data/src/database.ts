import { CreateRawData1795400000000 } from './migrations/1795400000000-create-raw-data.js';
import { SourceEntity } from './modules/source/source.entity.js';

export const RAW_DATA_DB_SCHEMA = 'raw_data';
export const rawDataEntities = [SourceEntity];
export const rawDataMigrations = [CreateRawData1795400000000];
