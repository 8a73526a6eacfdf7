import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { decimalSchema } from '@mrt/events';

/** Echoes the value back, but not a 3,000-digit one in full. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function parseDecimal(value: unknown): string {
  const parsed = decimalSchema.safeParse(typeof value === 'number' ? String(value) : value);
  if (!parsed.success) {
    throw new GraphQLError(`Decimal must be an exact decimal string such as "12.99" (at most 12 digits before the point and 6 after), got ${shown(value)}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return parsed.data;
}

/**
 * Exact decimal amounts travel as strings: a JSON number would round-trip through a binary
 * float in most clients and turn 0.1 + 0.2 into 0.30000000000000004.
 */
export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description: 'An exact decimal number as a string, e.g. "12.99"; never a binary float',
  serialize: parseDecimal,
  parseValue: parseDecimal,
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return parseDecimal(ast.value);
    throw new GraphQLError('Decimal must be a string such as "12.99"', { extensions: { code: 'BAD_USER_INPUT' } });
  },
});
