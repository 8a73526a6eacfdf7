import { DeadLetterResolver, authChecker, buildFederatedSchema, resolverContainer, type ReferenceResolver, type RequestContext } from '@mrt/graphql-kit';
import { ParserRunResolver, SourceLastRunResolver } from './modules/parser-run/parser-run.resolver.js';
import { RawListingResolver } from './modules/raw-listing/raw-listing.resolver.js';
import { SourcePresetResolver } from './modules/source-preset/source-preset.resolver.js';
import { SourcePreviewResolver } from './modules/source-preview/source-preview.resolver.js';
import { SourceResolver } from './modules/source/source.resolver.js';

export function buildRawDataSchema(
  instances: object[] = [],
  referenceResolvers: Record<string, ReferenceResolver<RequestContext>> = {},
) {
  return buildFederatedSchema<RequestContext>({
    resolvers: [SourceResolver, SourcePresetResolver, SourcePreviewResolver, ParserRunResolver, SourceLastRunResolver, RawListingResolver, DeadLetterResolver],
    container: resolverContainer(instances),
    authChecker,
    referenceResolvers,
  });
}
