import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One product as Shopify's public /products.json lists it (the fields the parser reads). */
export interface ShopifyProduct {
  id: number;
  title: string;
  handle: string;
  vendor: string;
  product_type: string;
  tags: string[];
  variants: { id: number; title: string; sku: string; price: string; available: boolean }[];
  images: unknown[];
}

export interface ShopifyStub {
  url: string;
  close(): Promise<void>;
}

/**
 * A Shopify shop on a free local port whose catalogue a spec changes between parser runs: every
 * request reads `products()` afresh. Page 1 holds them all; later pages are empty, as Shopify ends.
 */
export async function startShopifyStub(products: () => ShopifyProduct[]): Promise<ShopifyStub> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://shop.test');
    if (url.pathname === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
    if (url.pathname !== '/products.json') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ products: url.searchParams.get('page') === '1' ? products() : [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
