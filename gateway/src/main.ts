import { createLogger, loadEnvOrExit, onShutdownSignal, processEnv } from '@mrt/platform';
import { gatewayEnvSchema } from './env.js';
import { startGateway } from './start.js';

const env = loadEnvOrExit(gatewayEnvSchema, processEnv());
const logger = createLogger({ name: 'gateway', level: env.LOG_LEVEL, format: env.LOG_FORMAT });
const running = await startGateway(env, { logger });
onShutdownSignal(logger, running.stop);
