export * from './context.js';
export * from './env.js';
export * from './forwarding-data-source.js';
export * from './server.js';
export * from './start.js';
export * from './subscriptions/index.js';
