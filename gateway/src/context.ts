import { randomUUID } from 'node:crypto';
import { FORWARDED_HEADERS } from './forwarding-data-source.js';

export interface GatewayContext {
  requestId: string;
  forwardedHeaders: Partial<Record<(typeof FORWARDED_HEADERS)[number], string>>;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

export function createGatewayContext(headers: Record<string, string | undefined>): GatewayContext {
  const incoming = headers['x-request-id'];
  const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  const forwardedHeaders: GatewayContext['forwardedHeaders'] = {};
  for (const name of FORWARDED_HEADERS) {
    const value = headers[name];
    if (value) forwardedHeaders[name] = value;
  }
  return { requestId, forwardedHeaders };
}
