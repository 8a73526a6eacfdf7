import { GraphQLError, GraphQLScalarType, type ValueNode } from 'graphql';
import { GraphQLDate, GraphQLDateTimeISO } from 'graphql-scalars';

/**
 * Years a date argument may name. PostgreSQL refuses year 0000 ("date/time field value out of
 * range") and nothing a fan looks for lies outside these, so anything else is a typo or a probe.
 */
export const DATE_RANGE = { min: 1900, max: 9999 } as const;
const RANGE_TEXT = `between ${DATE_RANGE.min}-01-01 and ${DATE_RANGE.max}-12-31`;

function badDate(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** The library's checks (format, real calendar day), then the range; every refusal is BAD_USER_INPUT. */
function inRange(parse: () => unknown, scalar: string): Date {
  let parsed: unknown;
  try {
    parsed = parse();
  } catch (error) {
    throw badDate(error instanceof Error ? error.message : `Invalid ${scalar}`);
  }
  if (!(parsed instanceof Date) || Number.isNaN(parsed.getTime())) throw badDate(`${scalar} must be a valid ${scalar === 'Date' ? 'day' : 'instant'}`);
  const year = parsed.getUTCFullYear();
  if (year < DATE_RANGE.min || year > DATE_RANGE.max) throw badDate(`${scalar} must be ${RANGE_TEXT}`);
  return parsed;
}

function rangeChecked(base: GraphQLScalarType): GraphQLScalarType {
  const config = base.toConfig();
  return new GraphQLScalarType({
    ...config,
    parseValue: (value: unknown) => inRange(() => config.parseValue!(value), config.name),
    parseLiteral: (ast: ValueNode, variables?: Record<string, unknown> | null) =>
      inRange(() => config.parseLiteral!(ast, variables ?? undefined), config.name),
  });
}

/** `Date` (YYYY-MM-DD, parsed to a UTC midnight Date): graphql-scalars' rules plus a year range. */
export const DateScalar = rangeChecked(GraphQLDate);

/**
 * `DateTimeISO` with the same year range. type-graphql's own DateTimeISO stays the type of
 * subgraph fields; the gateway applies this one to every argument before planning.
 */
export const DateTimeScalar = rangeChecked(GraphQLDateTimeISO);
