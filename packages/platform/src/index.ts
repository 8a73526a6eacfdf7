import 'reflect-metadata';

export * from './env.js';
export * from './subgraph-registry.js';
export * from './auth/access-token.js';
export * from './logger.js';
export * from './metrics.js';
export * from './event-metrics.js';
export * from './rate-limit.js';
export * from './redis.js';
export * from './shutdown.js';
export * from './tracing.js';
export * from './database/index.js';
export * from './http/http-service.js';
export * from './http/request-body.js';
export * from './http/static-site.js';
export * from './http/proxy-trust.js';
export * from './demo-ids.js';
export * from './outbound/index.js';
