import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createEventBus, createLivePubSub } from '@mrt/events';
import { gatewayEnvSchema, startGateway, type RunningGateway } from '@mrt/gateway';
import { JWKS_PATH, RedisSessionRevocations, createRedis, loggerFromEnv, parseEnv, tokenVerifierFromEnv, type BaseEnv } from '@mrt/platform';
import { SUBGRAPHS, composeRunningSupergraph, type RunningSupergraph } from '@mrt/supergraph';

const CHILD_ENTRY = fileURLToPath(new URL('./subgraph-process.js', import.meta.url));

interface SubgraphChild {
  name: string;
  url: string;
  child: ChildProcess;
}

/**
 * The supergraph the way `docker compose up` deploys it: every subgraph in a Node process of its
 * own (so the operating system spreads them over the cores), events and live pushes over Redis,
 * the gateway in this process. Same modules, schemas (`<prefix>_<schema>`) and settings as
 * `startSupergraph`, so the benchmark's stage clock reads the same tables either way.
 */
export async function startSubgraphProcesses(envSource: Record<string, string | undefined>, dbSchemaPrefix: string): Promise<RunningSupergraph> {
  if (!envSource.REDIS_URL || !envSource.DATABASE_URL) throw new Error('separate processes need DATABASE_URL and REDIS_URL');
  const gatewaySecret = randomBytes(32).toString('base64url');
  const childEnv = { ...envSource, GATEWAY_SHARED_SECRET: gatewaySecret };
  const children: SubgraphChild[] = [];
  const stopChildren = async () => {
    await Promise.all(children.map(({ child }) => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.send('stop');
    })));
  };
  try {
    // users first: every other subgraph verifies tokens against the keys it publishes.
    const [users, ...rest] = [...SUBGRAPHS].sort((a, b) => Number(b.name === 'users') - Number(a.name === 'users'));
    children.push(await forkSubgraph(users!.name, `${dbSchemaPrefix}_${users!.dbSchema}`, childEnv));
    const jwksUrl = `${children[0]!.url}${JWKS_PATH}`;
    children.push(...(await Promise.all(rest.map((module) => forkSubgraph(module.name, `${dbSchemaPrefix}_${module.dbSchema}`, { ...childEnv, JWKS_URL: jwksUrl })))));

    const urls = Object.fromEntries(children.map(({ name, url }) => [name, `${url}/graphql`]));
    const supergraphSdl = composeRunningSupergraph(urls);
    const gatewayEnv = parseEnv(gatewayEnvSchema, { ...envSource, GATEWAY_SHARED_SECRET: gatewaySecret, SUPERGRAPH_PATH: '(composed here)', SUPERGRAPH_POLL_MS: '0' });
    const logger = loggerFromEnv('gateway', gatewayEnv);
    const sessionsRedis = createRedis(envSource.REDIS_URL, logger, 'sessions', { failFast: true });
    const revocations = new RedisSessionRevocations(sessionsRedis, envSource.REDIS_KEY_PREFIX);
    const backbone = { redisUrl: envSource.REDIS_URL, keyPrefix: envSource.REDIS_KEY_PREFIX, logger };
    const bus = createEventBus(backbone);
    const live = createLivePubSub(backbone);
    let gateway: RunningGateway;
    try {
      gateway = await startGateway(gatewayEnv, {
        logger,
        supergraphSdl,
        subgraphUrls: urls,
        authenticate: tokenVerifierFromEnv(gatewayEnv as BaseEnv, jwksUrl, { revocations }),
        live,
        bus,
      });
    } catch (error) {
      await bus.close();
      await live.close();
      sessionsRedis.disconnect();
      throw error;
    }
    return {
      gatewayUrl: `${gateway.url}/graphql`,
      subgraphs: Object.fromEntries(children.map(({ name, url }) => [name, url])),
      stop: async () => {
        await gateway.stop();
        await stopChildren();
        await bus.close();
        await live.close();
        sessionsRedis.disconnect();
      },
    };
  } catch (error) {
    await stopChildren();
    throw error;
  }
}

function forkSubgraph(name: string, dbSchema: string, env: Record<string, string | undefined>): Promise<SubgraphChild> {
  const child = fork(CHILD_ENTRY, [name, dbSchema], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (message: { url?: string }) => (message.url ? resolve({ name, url: message.url, child }) : reject(new Error(`${name}: ${JSON.stringify(message)}`))));
    child.once('exit', (code) => reject(new Error(`subgraph ${name} exited with ${code} before it listened`)));
  });
}
