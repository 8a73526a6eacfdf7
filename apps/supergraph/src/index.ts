export * from './compose.js';
export * from './env.js';
export * from './registry.js';
export * from './schema-files.js';
export * from './start-supergraph.js';
