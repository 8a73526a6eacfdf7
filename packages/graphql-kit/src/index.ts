import 'reflect-metadata';

export * from './auth/auth-checker.js';
export * from './auth/token-verifier.js';
export * from './build-subgraph-schema.js';
export * from './context.js';
export * from './errors.js';
export * from './format-error.js';
export * from './graphql-route.js';
export * from './loaders.js';
export * from './pagination.js';
export * from './subgraph.js';
export * from './repository.js';
export * from './run-subgraph.js';
export * from './enums.js';
export * from './events/dead-letter.resolver.js';
export * from './events/dead-letter.type.js';
export * from './events/subgraph-events.js';
