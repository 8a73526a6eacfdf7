import { describe, expect, it } from 'vitest';
import { graphql } from 'graphql';
import { Arg, Authorized, Ctx, Directive, Field, FieldResolver, ID, InputType, Int, ObjectType, Query, Resolver, Root, UseMiddleware, buildSchemaSync, createResolversMap } from 'type-graphql';
import { authChecker } from './auth/auth-checker.js';
import { buildFederatedSchema, resolverContainer } from './build-subgraph-schema.js';
import { LoaderRegistry, idLoader } from './loaders.js';
import { usePlainFieldReads } from './plain-fields.js';
import { useDirectFieldResolvers } from './direct-field-resolvers.js';
import { testContext } from './testing.js';
import type { RequestContext } from './context.js';

@Directive('@key(fields: "id")')
@ObjectType('KitWidget', { description: 'A test entity' })
class KitWidget {
  @Field(() => ID)
  id: string;

  @Field()
  label: string;
}

const store = new Map([
  ['w1', { id: 'w1', label: 'first' }],
  ['w2', { id: 'w2', label: 'second' }],
]);
const batches: string[][] = [];
const findWidgets = async (ids: readonly string[]) => {
  batches.push([...ids]);
  return ids.flatMap((id) => (store.has(id) ? [store.get(id)!] : []));
};

@Resolver(() => KitWidget)
class KitWidgetResolver {
  constructor(private readonly prefix: string) {}

  @Query(() => KitWidget, { nullable: true })
  kitWidget(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string) {
    return idLoader(context.loaders, 'widget', findWidgets).load(id);
  }

  @Authorized('ADMIN')
  @Query(() => String)
  kitSecret(): string {
    return `${this.prefix}-secret`;
  }
}

function build() {
  return buildFederatedSchema<RequestContext>({
    resolvers: [KitWidgetResolver],
    container: resolverContainer([new KitWidgetResolver('injected')]),
    authChecker,
    referenceResolvers: {
      KitWidget: (reference, context) => idLoader(context.loaders, 'widget', findWidgets).load(String(reference.id)),
    },
  });
}

describe('buildFederatedSchema', () => {
  it('emits Federation 2 SDL with @link, @key and descriptions', () => {
    const { sdl } = build();
    expect(sdl).toMatch(/^extend schema @link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.7"/);
    expect(sdl).toContain('type KitWidget @key(fields: "id")');
    expect(sdl).toContain('"""A test entity"""');
  });

  it('resolves entity references in one batch through the request loader', async () => {
    const { schema } = build();
    batches.length = 0;
    const result = await graphql({
      schema,
      source: `query($r: [_Any!]!) { _entities(representations: $r) { ... on KitWidget { id label } } }`,
      variableValues: { r: [{ __typename: 'KitWidget', id: 'w2' }, { __typename: 'KitWidget', id: 'w1' }, { __typename: 'KitWidget', id: 'nope' }] },
      contextValue: { ...testContext(), loaders: new LoaderRegistry() },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([{ id: 'w2', label: 'second' }, { id: 'w1', label: 'first' }, null]);
    expect(batches).toEqual([['w2', 'w1', 'nope']]);
  });

  it('uses injected resolver instances and enforces roles with stable codes', async () => {
    const { schema } = build();
    const anonymous = await graphql({ schema, source: '{ kitSecret }', contextValue: testContext() });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const fan = await graphql({ schema, source: '{ kitSecret }', contextValue: testContext({ id: 'u', roles: ['USER'], scopes: [] }) });
    expect(fan.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const admin = await graphql({ schema, source: '{ kitSecret }', contextValue: testContext({ id: 'a', roles: ['ADMIN'], scopes: [] }) });
    expect(admin.data).toEqual({ kitSecret: 'injected-secret' });
  });

  it('refuses at build time a listed resolver without an instance, and an instance nobody listed', () => {
    @Resolver()
    class KitOtherResolver {
      @Query(() => String)
      kitOther(): string {
        return 'other';
      }
    }
    const withInstances = (resolvers: [typeof KitWidgetResolver, ...unknown[]], instances: object[]) => () =>
      buildFederatedSchema<RequestContext>({ resolvers: resolvers as [typeof KitWidgetResolver], container: resolverContainer(instances), authChecker });
    expect(withInstances([KitWidgetResolver, KitOtherResolver], [new KitWidgetResolver('x')])).toThrow(/resolvers without an instance: KitOtherResolver/);
    expect(withInstances([KitWidgetResolver], [new KitWidgetResolver('x'), new KitOtherResolver()])).toThrow(
      /instances of resolvers not in the list: KitOtherResolver/,
    );
    expect(withInstances([KitWidgetResolver, KitOtherResolver], [new KitWidgetResolver('x'), new KitOtherResolver()])).not.toThrow();
    // The SDL alone needs no instances (schema files, composition).
    expect(() => buildFederatedSchema<RequestContext>({ resolvers: [KitWidgetResolver, KitOtherResolver], container: resolverContainer(), authChecker })).not.toThrow();
  });
});

/** Fields of every kind type-graphql resolves differently; only `plain` is a bare property read. */
@ObjectType('KitGadget')
class KitGadget {
  @Field()
  plain: string;

  @Field({ name: 'shown' })
  hidden: string;

  @Authorized('ADMIN')
  @Field()
  secret: string;

  @UseMiddleware(({ context }: { context: { seen: string[] } }, next) => {
    context.seen.push('counted');
    return next();
  })
  @Field()
  counted: string;

  @Field()
  computed: string;

  @Field()
  twin: string;
}

/** Another class under KitGadget's type name (another subgraph's): its guarded `twin` keeps the field as type-graphql built it. */
@ObjectType('KitGadget')
export class KitGadgetElsewhere {
  @Authorized('ADMIN')
  @Field()
  twin: string;
}

@Resolver(() => KitGadget)
class KitGadgetResolver {
  @Query(() => KitGadget)
  kitGadget(): KitGadget {
    return { plain: 'p', hidden: 'h', secret: 's', counted: 'c', computed: 'raw', twin: 't' };
  }

  @FieldResolver(() => String)
  computed(@Root() gadget: KitGadget): string {
    return `computed-${gadget.computed}`;
  }
}

describe('plain field reads', () => {
  const buildGadgets = () =>
    buildFederatedSchema<RequestContext>({ resolvers: [KitGadgetResolver], container: resolverContainer([new KitGadgetResolver()]), authChecker });

  it('replaces only fields with no middleware, roles, field resolver or other name, in every class of the type name', () => {
    const schema = buildSchemaSync({ resolvers: [KitGadgetResolver], container: resolverContainer([new KitGadgetResolver()]), authChecker, validate: false });
    const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
    expect(usePlainFieldReads(resolvers)).toEqual(['KitGadget.plain']);
  });

  it('answers every kind of field as type-graphql does, guards and middlewares included', async () => {
    const { schema } = buildGadgets();
    const source = '{ kitGadget { plain shown counted computed twin } }';
    const context = { ...testContext(), seen: [] as string[] };
    const result = await graphql({ schema, source, contextValue: context });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ kitGadget: { plain: 'p', shown: 'h', counted: 'c', computed: 'computed-raw', twin: 't' } });
    expect(context.seen).toEqual(['counted']);
    const secret = await graphql({ schema, source: '{ kitGadget { secret } }', contextValue: testContext() });
    expect(secret.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const admin = await graphql({ schema, source: '{ kitGadget { secret } }', contextValue: testContext({ id: 'a', roles: ['ADMIN'], scopes: [] }) });
    expect(admin.data).toEqual({ kitGadget: { secret: 's' } });
  });
});

@ObjectType('KitShelf')
class KitShelf {
  @Field()
  name: string;
}

@InputType('KitRange')
class KitRange {
  @Field(() => Int)
  from: number;

  describe(): string {
    return `from ${this.from}`;
  }
}

/** Field resolver methods of every kind: direct calls only where type-graphql would pass the values as they are. */
@Resolver(() => KitShelf)
class KitShelfResolver {
  constructor(private readonly suffix: string) {}

  @Query(() => KitShelf)
  kitShelf(): KitShelf {
    return Object.assign(new KitShelf(), { name: 'shelf' });
  }

  @Query(() => KitShelf)
  kitPlainShelf(): KitShelf {
    // Not an instance: type-graphql converts the root before the method sees it.
    return { name: 'plain' } as KitShelf;
  }

  @FieldResolver(() => String)
  label(@Root() shelf: KitShelf, @Ctx() context: RequestContext, @Arg('prefix', () => String, { nullable: true }) prefix?: string): string {
    return `${prefix ?? ''}${shelf.name}-${this.suffix}-${shelf instanceof KitShelf ? 'instance' : 'plain'}-${context.requestId}`;
  }

  @FieldResolver(() => String)
  tags(@Arg('tags', () => [String]) tags: string[], @Arg('range', () => KitRange, { nullable: true }) range?: KitRange): string {
    return `${tags.join('+')} ${range ? range.describe() : 'no range'}`;
  }

  @Authorized('ADMIN')
  @FieldResolver(() => String)
  guarded(@Root() shelf: KitShelf): string {
    return `guarded ${shelf.name}`;
  }

  @UseMiddleware(({ context }: { context: { seen: string[] } }, next) => {
    context.seen.push('watched');
    return next();
  })
  @FieldResolver(() => String)
  watched(): string {
    return 'watched';
  }
}

describe('direct field resolvers', () => {
  const container = () => resolverContainer([new KitShelfResolver('s')]);

  it('replaces field resolvers without middleware or roles, and only those', () => {
    const schema = buildSchemaSync({ resolvers: [KitShelfResolver], container: container(), authChecker, validate: false });
    const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
    const instance = new KitShelfResolver('s');
    expect(useDirectFieldResolvers(resolvers, [KitShelfResolver], () => instance).sort()).toEqual(['KitShelf.label', 'KitShelf.tags']);
    // Only the resolver classes of this build.
    expect(useDirectFieldResolvers(createResolversMap(schema) as Record<string, Record<string, unknown>>, [], () => instance)).toEqual([]);
  });

  it('answers as type-graphql does: converted roots and arguments, guards and middlewares included', async () => {
    const { schema } = buildFederatedSchema<RequestContext>({ resolvers: [KitShelfResolver], container: container(), authChecker });
    const run = (source: string, contextValue: object = { ...testContext(), seen: [] as string[] }) => graphql({ schema, source, contextValue });
    const context = { ...testContext(), seen: [] as string[] };
    const result = await run(
      '{ kitShelf { label(prefix: "p:") bare: label tags(tags: ["a", "b"], range: { from: 3 }) watched } kitPlainShelf { label tags(tags: []) } }',
      context,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      kitShelf: { label: `p:shelf-s-instance-${context.requestId}`, bare: `shelf-s-instance-${context.requestId}`, tags: 'a+b from 3', watched: 'watched' },
      kitPlainShelf: { label: `plain-s-instance-${context.requestId}`, tags: ' no range' },
    });
    expect(context.seen).toEqual(['watched']);
    expect((await run('{ kitShelf { guarded } }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await run('{ kitShelf { guarded } }', testContext({ id: 'a', roles: ['ADMIN'], scopes: [] }))).data).toEqual({ kitShelf: { guarded: 'guarded shelf' } });
  });
});
