import type { IncomingMessage, ServerResponse } from 'node:http';
import { startServer, type LocalServer } from '../../fetching/test-support/local-server.js';

export type ShopMisbehaviour = 'none' | 'server-error' | 'robots-disallow' | 'redirect-loop' | 'huge-page' | 'invalid-json' | 'second-page-error' | 'rate-limited-once';

export interface FakeProduct {
  id: number;
  price: string;
}

const PER_PAGE = 3;

/**
 * Test support: a Shopify products.json endpoint whose catalogue and failure mode a spec changes
 * between runs, over real HTTP.
 */
export class FakeShopify {
  products: FakeProduct[];
  misbehaviour: ShopMisbehaviour = 'none';
  private rateLimited = false;

  private constructor(
    private readonly server: LocalServer,
    count: number,
  ) {
    this.products = Array.from({ length: count }, (_, i) => ({ id: i + 1, price: '20.00' }));
  }

  static async start(count: number): Promise<FakeShopify> {
    // The server needs its handler before the shop exists; the holder closes that loop.
    const holder: { shop?: FakeShopify } = {};
    const server = await startServer((req, res) => holder.shop!.handle(req, res));
    holder.shop = new FakeShopify(server, count);
    return holder.shop;
  }

  get url(): string {
    return `${this.server.origin}/`;
  }

  /** Catalogue requests received (robots.txt not counted). */
  get requests(): number {
    return this.server.paths().filter((path) => !path.startsWith('/robots.txt')).length;
  }

  /** The Shopify parser keys a listing by its variant id, which stays put when a shop edits SKUs. */
  externalIdOf(product: FakeProduct): string {
    return String(variantIdOf(product));
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://shop.test');
    if (url.pathname === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(this.misbehaviour === 'robots-disallow' ? 'User-agent: *\nDisallow: /\n' : 'User-agent: *\nAllow: /\n');
      return;
    }
    if (url.pathname !== '/products.json') {
      res.writeHead(404);
      res.end();
      return;
    }
    const page = Number(url.searchParams.get('page') ?? '1');
    switch (this.misbehaviour) {
      case 'server-error':
        return void res.writeHead(503).end('maintenance');
      case 'redirect-loop':
        return void res.writeHead(302, { location: req.url ?? '/' }).end();
      case 'huge-page':
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(`{"products":[],"padding":"${'x'.repeat(10 * 1024 * 1024)}"}`);
      case 'invalid-json':
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end('{"products": [ {"id": 1, "title": "Broken');
      case 'second-page-error':
        if (page === 2) return void res.writeHead(500).end('boom');
        break;
      case 'rate-limited-once':
        if (!this.rateLimited) {
          this.rateLimited = true;
          return void res.writeHead(429, { 'retry-after': '1' }).end();
        }
        break;
      default:
        break;
    }
    const slice = this.products.slice((page - 1) * PER_PAGE, page * PER_PAGE);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ products: slice.map(toShopifyProduct) }));
  }
}

function toShopifyProduct(product: FakeProduct) {
  return {
    id: 7000 + product.id,
    title: `Album Number ${product.id}`,
    handle: `album-${product.id}`,
    vendor: `Band ${product.id}`,
    product_type: 'Vinyl',
    tags: ['Genre_Black Metal'],
    variants: [{ id: variantIdOf(product), title: 'LP', option1: 'LP', sku: `SKU-${product.id}`, price: product.price, available: true }],
    images: [],
  };
}

function variantIdOf(product: FakeProduct): number {
  return 9000 + product.id;
}
