import { registerEnumType } from 'type-graphql';

/**
 * Registers a GraphQL enum from a readonly list of values (the shared domain lists in
 * @mrt/events), so the schema's enum and the event contracts cannot disagree.
 */
export function graphqlEnum<const V extends string>(
  name: string,
  values: readonly V[],
  description: string,
  valueDescriptions: Partial<Record<V, string>> = {},
): { [K in V]: K } {
  const enumObject = Object.fromEntries(values.map((value) => [value, value])) as { [K in V]: K };
  const valuesConfig = Object.fromEntries(
    Object.entries(valueDescriptions).map(([value, text]) => [value, { description: text as string }]),
  ) as Partial<Record<V, { description: string }>>;
  registerEnumType(enumObject, { name, description, valuesConfig });
  return enumObject;
}
