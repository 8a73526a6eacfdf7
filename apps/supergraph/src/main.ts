import { loggerFromEnv, loadEnvOrExit, onShutdownSignal, processEnv } from '@mrt/platform';
import { launcherEnvSchema } from './env.js';
import { startSupergraph } from './start-supergraph.js';

const envSource = processEnv();
const env = loadEnvOrExit(launcherEnvSchema, envSource);
const logger = loggerFromEnv('supergraph', env);
logger.info(
  { storage: env.DATABASE_URL ? 'postgres' : `embedded PGlite in ${env.DATA_DIR}`, events: env.REDIS_URL ? 'redis' : 'in-process' },
  'starting the supergraph in one process',
);
const supergraph = await startSupergraph({ env, envSource, logger });
logger.info({ url: supergraph.gatewayUrl }, 'supergraph ready');
// The line a person starting it looks for: where to go next.
const origin = new URL(supergraph.gatewayUrl).origin;
logger.info(`open ${origin}/ for the web app, ${supergraph.gatewayUrl} for GraphQL (Apollo Sandbox in development); Ctrl-C stops`);
onShutdownSignal(logger, supergraph.stop);
