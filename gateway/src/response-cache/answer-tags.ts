import {
  Kind,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isListType,
  isNonNullType,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * What an answer holds, as tags a change can name: `Type:id` for every object it contains with
 * its id, and `Type` where a change to any object of that type could alter it — a list of them
 * (a new or renamed one may join, leave or move), an object selected without its id, or an
 * object that is null now and may exist later. A change that names `Distributor:7` and
 * `Distributor` drops exactly the answers in which that shop could appear.
 */
export interface AnswerShape {
  /** The type tags known before any data: the item types of every list in the selection. */
  listTypes: readonly string[];
  root: ObjectShape;
  /**
   * Every selected field was found in the schema. A subgraph fetch may select a field the
   * client-facing schema lacks (an inaccessible key): what is under it would go untagged.
   */
  complete: boolean;
}

/** What one entity of a subgraph's `_entities` fetch holds, as the fetch selects it. */
export interface EntityShape {
  /** The item types of every list inside the entity's selection. */
  listTypes: readonly string[];
  entity: ObjectShape;
  complete: boolean;
}

interface ObjectShape {
  /** The object types a value here may have (one, unless the field's type is abstract). */
  possibleTypes: readonly string[];
  /** Response keys of the selected `id` and `__typename` fields (aliases included). */
  idKeys: string[];
  typenameKeys: string[];
  fields: Map<string, FieldShape>;
}

interface FieldShape {
  list: boolean;
  object: ObjectShape;
}

const unwrapList = (type: GraphQLOutputType): boolean => {
  const inner = isNonNullType(type) ? type.ofType : type;
  return isListType(inner);
};

/** Builds object shapes from selection sets; `complete` turns false at a field the schema lacks. */
function shapeCollector(schema: GraphQLSchema, document: DocumentNode) {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const possible = (type: GraphQLCompositeType) => (isAbstractType(type) ? schema.getPossibleTypes(type).map((t) => t.name) : [type.name]);
  const newObject = (type: GraphQLCompositeType): ObjectShape => ({ possibleTypes: possible(type), idKeys: [], typenameKeys: [], fields: new Map() });
  const state = { complete: true };

  const collect = (into: ObjectShape, type: GraphQLCompositeType, selectionSet: SelectionSetNode, seen: Set<string>) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        if (selection.name.value === '__typename') {
          into.typenameKeys.push(key);
          continue;
        }
        // A union has no fields of its own: only __typename and fragments are selected on it.
        const definition = 'getFields' in type ? type.getFields()[selection.name.value] : undefined;
        if (!definition) {
          state.complete = false;
          continue;
        }
        const named = getNamedType(definition.type);
        if (selection.name.value === 'id' && !isCompositeType(named)) into.idKeys.push(key);
        if (!isCompositeType(named) || !selection.selectionSet) continue;
        let field = into.fields.get(key);
        if (!field) into.fields.set(key, (field = { list: unwrapList(definition.type), object: newObject(named) }));
        collect(field.object, named, selection.selectionSet, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        collect(into, isCompositeType(condition) ? condition : type, selection.selectionSet, seen);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // A fragment spread twice on one path adds nothing the first did not.
        if (!fragment || seen.has(name)) continue;
        const condition = schema.getType(fragment.typeCondition.name.value);
        collect(into, isCompositeType(condition) ? condition : type, fragment.selectionSet, new Set([...seen, name]));
      }
    }
  };
  return { newObject, collect, state };
}

/** The shape of one operation's answer; computed once per document and operation. */
export function answerShape(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): AnswerShape {
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) throw new Error(`the schema has no ${operation.operation} type`);
  const { newObject, collect, state } = shapeCollector(schema, document);
  const root = newObject(rootType);
  collect(root, rootType, operation.selectionSet, new Set());
  return { listTypes: listTypesUnder(root), root, complete: state.complete };
}

/**
 * The shape of a subgraph's entity fetch: `_entities(representations:)` selecting one inline
 * fragment per entity type (as @apollo/gateway's query plans send it); null for any other fetch.
 */
export function entityFetchShape(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): EntityShape | null {
  const selections = operation.selectionSet.selections;
  const only = selections[0];
  if (selections.length !== 1 || only?.kind !== Kind.FIELD || only.name.value !== '_entities' || !only.selectionSet) return null;
  const typeNames = new Set<string>();
  for (const selection of only.selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT && selection.typeCondition) typeNames.add(selection.typeCondition.name.value);
    else if (!(selection.kind === Kind.FIELD && selection.name.value === '__typename')) return null;
  }
  const queryType = schema.getQueryType();
  if (!queryType || [...typeNames].some((name) => !isCompositeType(schema.getType(name)))) return null;
  const { collect, state } = shapeCollector(schema, document);
  const entity: ObjectShape = { possibleTypes: [...typeNames], idKeys: [], typenameKeys: [], fields: new Map() };
  collect(entity, queryType, only.selectionSet, new Set());
  return { listTypes: listTypesUnder(entity), entity, complete: state.complete };
}

/** The item types of every list under an object (its own list, if it is in one, not included). */
function listTypesUnder(root: ObjectShape): string[] {
  const listTypes = new Set<string>();
  const walk = (object: ObjectShape) => {
    for (const field of object.fields.values()) {
      if (field.list) {
        for (const type of field.object.possibleTypes) listTypes.add(type);
        // A Relay connection lists edges; what joins or leaves the list is the edge's node.
        const node = field.object.fields.get('node');
        if (node) for (const type of node.object.possibleTypes) listTypes.add(type);
      }
      walk(field.object);
    }
  };
  walk(root);
  return [...listTypes].sort();
}

/** Adds what one value of an object's shape holds (an object, a list of them or null) to `tags`. */
function addValueTags(object: ObjectShape, value: unknown, tags: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) addValueTags(object, item, tags);
    return;
  }
  if (value === null || typeof value !== 'object') {
    // Absent now, it may exist after a change of any type it could be.
    if (value === null) for (const type of object.possibleTypes) tags.add(type);
    return;
  }
  const record = value as Record<string, unknown>;
  const typename = object.typenameKeys.map((key) => record[key]).find((name): name is string => typeof name === 'string');
  const types = typename ? [typename] : object.possibleTypes;
  const id = object.idKeys.map((key) => record[key]).find((v) => typeof v === 'string' || typeof v === 'number');
  for (const type of types) tags.add(id === undefined ? type : `${type}:${String(id)}`);
  addFieldTags(object, record, tags);
}

function addFieldTags(object: ObjectShape, record: Record<string, unknown>, tags: Set<string>): void {
  for (const [key, field] of object.fields) addValueTags(field.object, record[key], tags);
}

/** The tags of one answer: its shape's list types plus what its data holds. */
export function answerTags(shape: AnswerShape, data: unknown): string[] {
  const tags = new Set(shape.listTypes);
  // The root (Query) is not an object anything changes as a whole: only its fields are visited.
  if (data && typeof data === 'object') addFieldTags(shape.root, data as Record<string, unknown>, tags);
  return [...tags];
}

/**
 * The tags of one entity an `_entities` fetch answered. Its identity comes from its
 * representation (`Type:id`), as the fetch rarely selects the id again; without one, its type.
 */
export function entityTags(shape: EntityShape, representation: unknown, entity: unknown): string[] {
  const tags = new Set(shape.listTypes);
  const { __typename: type, id } = (representation ?? {}) as { __typename?: unknown; id?: unknown };
  const known = typeof type === 'string' && (typeof id === 'string' || typeof id === 'number');
  if (known && entity && typeof entity === 'object' && !Array.isArray(entity)) {
    tags.add(`${type}:${String(id)}`);
    addFieldTags(shape.entity, entity as Record<string, unknown>, tags);
  } else {
    addValueTags(shape.entity, entity, tags);
    if (typeof type === 'string') tags.add(type);
  }
  return [...tags];
}
