import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import { LIMIT_CODES, checkOperationLimits, sizeVariables, type OperationLimits } from './operation-limits.js';

/** The parser's own token guard (bounded parsing) reports a syntax error; clients get the limit's code. */
// graphql-js spells it "more that N tokens"; match either spelling.
const TOKEN_LIMIT_MESSAGE = /Document contains more th[a-z]+ \d+ tokens/;

/**
 * Applies the operation limits after validation and before planning. Parsing itself is bounded by
 * `parseOptions.maxTokens` (see createGateway), so a huge document never gets that far.
 */
export function operationLimitsPlugin<TContext extends BaseContext>(
  limits: OperationLimits,
  { cacheVerdicts = true, variantsPerDocument = 64, check = checkOperationLimits } = {},
): ApolloServerPlugin<TContext> {
  // Apollo keeps one parsed document per distinct query text, so a document that passed with the
  // same operation and size variables passes again: measuring it once is enough. The key holds
  // only the variables the verdict depends on (sizeVariables), so a large variable such as an
  // `_entities` request's representations is never serialised for it. Failures are not
  // remembered (they are rare and their errors carry request data).
  const passed = new WeakMap<DocumentNode, { variables: string[]; variants: Set<string> }>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          let verdicts = cacheVerdicts ? passed.get(document) : undefined;
          if (cacheVerdicts && !verdicts) passed.set(document, (verdicts = { variables: sizeVariables(document), variants: new Set() }));
          const given = request.variables ?? {};
          const variant = verdicts ? `${request.operationName ?? ''}\n${JSON.stringify(verdicts.variables.map((name) => given[name]))}` : '';
          if (verdicts?.variants.has(variant)) return;
          const [error] = check({ schema, document, operationName: request.operationName, variables: request.variables, limits });
          if (error) throw error;
          if (verdicts && verdicts.variants.size < variantsPerDocument) verdicts.variants.add(variant);
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { errors } = response.body.singleResult;
          if (!errors) return;
          response.body.singleResult.errors = errors.map((error) =>
            error.extensions?.code === 'GRAPHQL_PARSE_FAILED' && TOKEN_LIMIT_MESSAGE.test(error.message)
              ? { ...error, message: `Operation has more than ${limits.maxTokens} tokens`, extensions: { ...error.extensions, code: LIMIT_CODES.tokens, limit: limits.maxTokens } }
              : error,
          );
        },
      };
    },
  };
}
