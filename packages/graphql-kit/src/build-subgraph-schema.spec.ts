import { describe, expect, it } from 'vitest';
import { graphql } from 'graphql';
import { Arg, Authorized, Ctx, Directive, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { authChecker } from './auth/auth-checker.js';
import { buildFederatedSchema, resolverContainer } from './build-subgraph-schema.js';
import { LoaderRegistry, idLoader } from './loaders.js';
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
