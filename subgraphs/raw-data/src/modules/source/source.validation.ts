import { z } from 'zod';
import { sourceKindSchema, type SourceKind } from '@mrt/events';
import { SOURCE_OPTIONS_SCHEMAS } from '../../parsing/index.js';
import { cronProblem } from '../../domain/schedule.js';

const name = z.string().trim().min(1, 'must not be empty').max(200);
const httpUrl = z
  .string()
  .trim()
  .pipe(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }));
const schedule = z
  .string()
  .trim()
  .nullable()
  .superRefine((value, ctx) => {
    const problem = value === null ? null : cronProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
const options = z.record(z.string(), z.unknown());

export const createSourceSchema = z
  .object({
    name,
    kind: sourceKindSchema,
    url: httpUrl,
    distributorId: z.uuid().nullish().transform((v) => v ?? null),
    schedule: schedule.optional().transform((v) => v ?? null),
    options: options.nullish().transform((v) => v ?? {}),
    enabled: z.boolean().nullish().transform((v) => v ?? true),
  })
  .superRefine((input, ctx) =>
    optionsIssues(input.kind, input.options, { hasDistributor: input.distributorId !== null }).forEach((issue) => ctx.addIssue({ code: 'custom', ...issue })),
  );

export const updateSourceSchema = z.object({
  name: name.optional(),
  url: httpUrl.optional(),
  distributorId: z.uuid().nullish(),
  // "" clears the schedule; null and absent leave it alone.
  schedule: z
    .string()
    .nullish()
    .transform((v) => (v === '' ? null : v))
    .pipe(schedule.optional()),
  options: options.nullish(),
});

/**
 * Each kind's parser owns its options schema: a source is checked against it before any fetch.
 * A Shopify source may leave out its currency when it names a distributor: runs then take the
 * distributor's currency from the catalog (see DistributorProjection).
 */
export function optionsIssues(kind: SourceKind, value: unknown, context: { hasDistributor: boolean }): { path: string[]; message: string }[] {
  const result = SOURCE_OPTIONS_SCHEMAS[kind].safeParse(value ?? {});
  if (result.success) return [];
  const currencyFromDistributor = kind === 'SHOPIFY' && context.hasDistributor && !hasOwnKey(value, 'currency');
  return result.error.issues
    .filter((issue) => !(currencyFromDistributor && issue.path.length === 1 && issue.path[0] === 'currency'))
    .map((issue) => ({
      path: ['options', ...issue.path.map(String)],
      message: kind === 'SHOPIFY' && issue.path[0] === 'currency' && !hasOwnKey(value, 'currency') ? 'set the currency of the prices, or a distributorId whose currency the catalog knows' : issue.message,
    }));
}

function hasOwnKey(value: unknown, key: string): boolean {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, key);
}
