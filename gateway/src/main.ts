import { createLogger, onShutdownSignal } from '@mrt/platform';
import { loadGatewayEnv } from './env.js';
import { startGateway } from './start.js';

const env = loadGatewayEnv();
const logger = createLogger({ name: 'gateway', level: env.LOG_LEVEL });
const running = await startGateway(env, { logger });
onShutdownSignal(logger, running.stop);
