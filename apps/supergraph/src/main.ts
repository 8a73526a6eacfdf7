import { createLogger, loadEnvOrExit, onShutdownSignal, processEnv } from '@mrt/platform';
import { launcherEnvSchema } from './env.js';
import { startSupergraph } from './start-supergraph.js';

const envSource = processEnv();
const env = loadEnvOrExit(launcherEnvSchema, envSource);
const logger = createLogger({ name: 'supergraph', level: env.LOG_LEVEL });
logger.info(
  { storage: env.DATABASE_URL ? 'postgres' : `embedded PGlite in ${env.DATA_DIR}`, events: env.REDIS_URL ? 'redis' : 'in-process' },
  'starting the supergraph in one process',
);
const supergraph = await startSupergraph({ env, envSource, logger });
logger.info({ url: supergraph.gatewayUrl }, 'supergraph ready');
onShutdownSignal(logger, supergraph.stop);
