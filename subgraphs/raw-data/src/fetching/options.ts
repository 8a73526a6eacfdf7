import { z } from 'zod';

export const DEFAULT_USER_AGENT = 'MetalReleaseTracker/0.1 (+https://github.com/metal-release-tracker)';

/** robots.txt groups are matched against this token, whatever the full User-Agent string says. */
export const ROBOTS_PRODUCT_TOKEN = 'MetalReleaseTracker';

const ms = () => z.number().int().min(0);

export const politeFetcherOptionsSchema = z
  .object({
    // Shops should be able to tell who is crawling them and how to reach us.
    userAgent: z.string().trim().min(1).default(DEFAULT_USER_AGENT),
    perHostDelayMs: ms().default(1000),
    timeoutMs: z.number().int().min(1).default(15_000),
    maxBytes: z.number().int().min(1).default(5 * 1024 * 1024),
    maxRedirects: z.number().int().min(0).default(5),
    retries: z.number().int().min(0).default(3),
    // First retry waits this long, then it doubles; Retry-After replaces it when the server sends one.
    backoffBaseMs: ms().default(1000),
    maxRetryAfterMs: ms().default(60_000),
    // A hostile or mistaken Crawl-delay must not stall a whole run.
    maxCrawlDelayMs: ms().default(60_000),
    pageCap: z.number().int().min(0).default(200),
    respectRobots: z.boolean().default(true),
  })
  .strict();

export type PoliteFetcherOptionsInput = z.input<typeof politeFetcherOptionsSchema>;
export type PoliteFetcherOptions = z.output<typeof politeFetcherOptionsSchema>;
