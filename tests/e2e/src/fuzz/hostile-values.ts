import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputType,
} from 'graphql';

/**
 * A number JSON cannot spell but a hand-written body can (JSON.parse('1e999') is Infinity): the
 * request body carries the token itself in place of the marker string.
 */
export class RawNumber {
  constructor(readonly token: string) {}
  toJSON(): string {
    return `\u0001raw:${this.token}\u0001`;
  }
}

export function bodyText(body: unknown): string {
  return JSON.stringify(body).replace(/"\\u0001raw:([^"\\]+)\\u0001"/g, '$1');
}

const HOSTILE_STRINGS = [
  'a\u0000b',
  '\u0000',
  'lone \ud800 high',
  '\udfff lone low',
  'x'.repeat(10_000),
  '',
  '   ',
  '\u200b\u200b',
  'gpj.\u202Eexe',
  "'; DROP TABLE users; --",
  '%_\\',
  '../../../../etc/passwd',
  'http://169.254.169.254/latest/meta-data/',
  'NaN',
  '1e999999',
  '-1',
  '00000000-0000-0000-0000-000000000000',
  'not-a-uuid',
  '😀'.repeat(500),
  '\u0301\u0301\u0301',
];
const HOSTILE_NUMBERS = [new RawNumber('1e999'), new RawNumber('-1e999'), 2 ** 31, -(2 ** 31) - 1, 1e300, -1, 0, 1.5, Number.MAX_SAFE_INTEGER + 2];
const HOSTILE_DECIMALS = ['NaN', 'Infinity', '-Infinity', '', '12,99', '1e999999', '9'.repeat(3000), '0.0000001', '1'.repeat(13), '-0', ' 1', '0x10', new RawNumber('1e999'), 12.5];
const HOSTILE_DATES = ['2024-13-45', '0000-01-01', '2024-02-30', '10000-01-01', '1899-12-31', '', 'yesterday', '2024-1-1', 20240101];
const HOSTILE_DATETIMES = ['0000-01-01T00:00:00Z', '2024-13-01T00:00:00Z', 'not a date', '9999-12-31T23:59:60Z', '', 0];
const WRONG_SHAPES = [null, true, {}, [], 'text', 7];

/** What a value of this type looks like when it is harmless: fills the arguments not under test. */
export function plausibleValue(type: GraphQLInputType, depth = 0): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [plausibleValue(nullable.ofType, depth + 1)];
  if (isEnumType(nullable)) return nullable.getValues()[0]!.value;
  if (isInputObjectType(nullable)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(nullable.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined && depth < 6) value[field.name] = plausibleValue(field.type, depth + 1);
    }
    return value;
  }
  switch (nullable.name) {
    case 'Int':
      return 1;
    case 'Float':
      return 0.5;
    case 'Boolean':
      return true;
    case 'ID':
      return '00000000-0000-0000-0000-000000000001';
    case 'Decimal':
      return '1.00';
    case 'Date':
      return '2027-01-01';
    case 'DateTimeISO':
      return '2027-01-01T00:00:00Z';
    case 'JSON':
      return {};
    default:
      return nullable.name === 'String' ? 'EUR' : 'x';
  }
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** A value meant to break a field of this type: the wrong shape, or the right shape with bad content. */
export function hostileValue(type: GraphQLInputType, random: () => number, depth = 0): unknown {
  if (random() < 0.08) return pick(random, WRONG_SHAPES);
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const roll = random();
    if (roll < 0.15) return Array.from({ length: 500 }, () => plausibleValue(nullable.ofType, depth + 1));
    if (roll < 0.3) return hostileValue(nullable.ofType, random, depth + 1); // a single value where a list is expected
    return [plausibleValue(nullable.ofType, depth + 1), hostileValue(nullable.ofType, random, depth + 1)];
  }
  if (isInputObjectType(nullable)) {
    const value = plausibleValue(nullable, depth) as Record<string, unknown>;
    const fields = Object.values(nullable.getFields());
    if (random() < 0.1 || fields.length === 0) return { ...value, notAField: 'x' };
    // One or two fields turned hostile, nested objects included.
    for (let i = 0; i < 1 + Math.floor(random() * 2); i++) {
      const field = pick(random, fields);
      value[field.name] = depth < 4 ? hostileValue(field.type, random, depth + 1) : plausibleValue(field.type, depth + 1);
    }
    return value;
  }
  if (isEnumType(nullable)) return pick(random, ['NOT_A_VALUE', nullable.getValues()[0]!.name.toLowerCase(), '', 1]);
  if (!isScalarType(nullable)) return null;
  switch (nullable.name) {
    case 'Int':
    case 'Float':
      return random() < 0.8 ? pick(random, HOSTILE_NUMBERS) : pick(random, ['12', 'NaN']);
    case 'Boolean':
      return pick(random, ['true', 1, 'yes']);
    case 'Decimal':
      return pick(random, HOSTILE_DECIMALS);
    case 'Date':
      return pick(random, HOSTILE_DATES);
    case 'DateTimeISO':
      return pick(random, HOSTILE_DATETIMES);
    case 'JSON':
      return pick(random, [{ nested: { deeper: ['a\u0000'] } }, nest(60), { big: 'x'.repeat(10_000) }, { n: new RawNumber('1e999') }, '\ud800']);
    default:
      return pick(random, HOSTILE_STRINGS);
  }
}

function nest(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = { next: value };
  return value;
}

/** The operation's selection: any object result answers `__typename`. */
export function selectionFor(type: Parameters<typeof getNamedType>[0]): string {
  const named = getNamedType(type);
  return isScalarType(named) || isEnumType(named) ? '' : ' { __typename }';
}

/** Where a hostile value goes: an argument, or a field inside its input objects (lists step into their first item). */
export interface Target {
  argument: string;
  path: string[];
  type: GraphQLInputType;
}

/** Every argument and every input-object field under it, down to `maxDepth` levels. */
export function targetsOf(argument: string, type: GraphQLInputType, maxDepth = 3): Target[] {
  const targets: Target[] = [{ argument, path: [], type }];
  const walk = (current: GraphQLInputType, path: string[]) => {
    const named = getNamedType(current);
    if (!isInputObjectType(named) || path.length >= maxDepth) return;
    for (const field of Object.values(named.getFields())) {
      targets.push({ argument, path: [...path, field.name], type: field.type });
      walk(field.type, [...path, field.name]);
    }
  };
  walk(type, []);
  return targets;
}

/** A plausible value of `type` with `leaf` placed at `path`. */
export function withValueAt(type: GraphQLInputType, path: readonly string[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [withValueAt(nullable.ofType, path, leaf)];
  if (!isInputObjectType(nullable)) return leaf;
  const [name, ...rest] = path as [string, ...string[]];
  const field = nullable.getFields()[name]!;
  return { ...(plausibleValue(nullable) as Record<string, unknown>), [name]: withValueAt(field.type, rest, leaf) };
}
