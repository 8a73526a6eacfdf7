import {
  Kind,
  TypeInfo,
  getNamedType,
  parse,
  visit,
  visitWithTypeInfo,
  type ConstDirectiveNode,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

/** "Type.field" -> names of the subgraphs that resolve it, read from the supergraph's join directives. */
export type FieldOwners = ReadonlyMap<string, readonly string[]>;

const argument = (directive: ConstDirectiveNode, name: string) => {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value && (value.kind === Kind.ENUM || value.kind === Kind.STRING) ? value.value : undefined;
};

/**
 * A field's owners are the graphs of its @join__field directives (an external one does not
 * resolve it); without any, the graphs of its type's @join__type. Names are the subgraph names
 * (@join__graph(name:)), the ones the settings use.
 */
export function indexFieldOwners(supergraphSdl: string): FieldOwners {
  const document = parse(supergraphSdl);
  const graphNames = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const directive = value.directives?.find((d) => d.name.value === 'join__graph');
      graphNames.set(value.name.value, (directive && argument(directive, 'name')) ?? value.name.value.toLowerCase());
    }
  }
  const owners = new Map<string, string[]>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const typeGraphs = (definition.directives ?? []).filter((d) => d.name.value === 'join__type').map((d) => argument(d, 'graph'));
    for (const field of definition.fields ?? []) {
      const joins = (field.directives ?? []).filter((d) => d.name.value === 'join__field');
      const graphs = joins.length > 0
        ? joins.filter((d) => !d.arguments?.some((a) => a.name.value === 'external' && a.value.kind === Kind.BOOLEAN && a.value.value)).map((d) => argument(d, 'graph'))
        : typeGraphs;
      owners.set(`${definition.name.value}.${field.name.value}`, [...new Set(graphs.filter((g): g is string => !!g).map((g) => graphNames.get(g) ?? g))]);
    }
  }
  return owners;
}

export interface OperationReach {
  /** Every field is resolvable by at least one public subgraph. */
  public: boolean;
  /** The public subgraphs whose data the answer contains: what a change event invalidates. */
  subgraphs: string[];
}

/**
 * Which subgraphs an operation reads from, and whether all of it is public data. Fields the
 * supergraph does not own (__typename, introspection) are neutral.
 */
export function operationReach(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  owners: FieldOwners,
  publicSubgraphs: ReadonlySet<string>,
): OperationReach {
  const typeInfo = new TypeInfo(schema);
  const subgraphs = new Set<string>();
  let isPublic = true;
  // Fragments are walked where they are defined: a document here holds one operation's fragments.
  const scope = { ...document, definitions: document.definitions.filter((d) => d === operation || d.kind === Kind.FRAGMENT_DEFINITION) };
  visit(
    scope,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (!parent || node.name.value.startsWith('__')) return;
        const fieldOwners = owners.get(`${getNamedType(parent).name}.${node.name.value}`);
        if (!fieldOwners) return;
        const publicOwners = fieldOwners.filter((owner) => publicSubgraphs.has(owner));
        if (publicOwners.length === 0) isPublic = false;
        for (const owner of publicOwners) subgraphs.add(owner);
      },
    }),
  );
  return { public: isPublic, subgraphs: [...subgraphs].sort() };
}
