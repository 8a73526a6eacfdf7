export * from './live-hub.js';
export * from './live-operation.js';
export * from './live-delivery.js';
export * from './next-frame.js';
export * from './subscription-limits.js';
export * from './subscription-server.js';
export * from './gateway-subscriptions.js';
export * from './connection-ledger.js';
