import { loggerFromEnv, loadEnvOrExit, onShutdownSignal, processEnv } from '@mrt/platform';
import { gatewayEnvSchema } from './env.js';
import { startGateway } from './start.js';

const env = loadEnvOrExit(gatewayEnvSchema, processEnv());
const logger = loggerFromEnv('gateway', env);
const running = await startGateway(env, { logger });
onShutdownSignal(logger, running.stop);
