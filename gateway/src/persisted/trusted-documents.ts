import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { GraphQLError, type DocumentNode } from 'graphql';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { z } from 'zod';

/** sha256 hash (hex) -> document text, from GraphQL Code Generator's persisted-documents.json. */
export type TrustedManifest = ReadonlyMap<string, string>;

// Codegen writes "sha256:<hex>" keys; a bare hex hash is accepted too.
const manifestSchema = z.record(z.string().regex(/^(sha256:)?[0-9a-f]{64}$/, 'keys must be sha256 hex hashes'), z.string().min(1));

/** The manifest `pnpm codegen` writes from schema/operations, shipped in @mrt/operations (never a tests folder). */
export function defaultTrustedManifestPath(): string {
  return createRequire(import.meta.url).resolve('@mrt/operations/persisted-documents.json');
}

export async function loadTrustedManifest(path: string = defaultTrustedManifestPath()): Promise<TrustedManifest> {
  const parsed = manifestSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) throw new Error(`Invalid trusted documents manifest ${path}: ${parsed.error.issues[0]?.message}`);
  const manifest = new Map<string, string>();
  for (const [key, document] of Object.entries(parsed.data)) {
    const hash = key.replace(/^sha256:/, '');
    // A manifest whose hashes do not match its documents would trust something nobody reviewed.
    if (sha256(document) !== hash) throw new Error(`Trusted documents manifest ${path}: hash ${hash} does not match its document`);
    manifest.set(hash, document);
  }
  return manifest;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export class PersistedQueryNotAllowedError extends GraphQLError {
  constructor() {
    super('Only trusted documents are accepted; send the sha256Hash of an operation from the manifest', {
      extensions: { code: 'PERSISTED_QUERY_NOT_ALLOWED', http: { status: 400 } },
    });
  }
}

/**
 * Trusted-documents mode (production clients): a request names an operation of the manifest by
 * its hash (the APQ extension's sha256Hash); free-form documents are refused. The manifest
 * document fills in the query, so Apollo's hash check and APQ cache keep working unchanged.
 */
export function trustedDocumentsPlugin<TContext extends BaseContext>(
  manifest: TrustedManifest,
  options: {
    /** Operations the gateway builds itself from an admitted one (a live subscription's result query). */
    isDerived?: (context: TContext) => boolean;
  } = {},
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ request, contextValue }) {
      if (options.isDerived?.(contextValue)) return {};
      const hash = (request.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
      if (typeof hash === 'string' && !request.query) {
        const document = manifest.get(hash);
        if (document) {
          // Served from the manifest, not the APQ cache: works with APQ turned off too.
          request.query = document;
          const { persistedQuery: _resolved, ...extensions } = request.extensions ?? {};
          request.extensions = extensions;
        }
      }
      return {
        // Apollo's hooks before this one cannot refuse a request cleanly; parsing is bounded by maxTokens.
        async didResolveOperation({ queryHash }) {
          if (!manifest.has(queryHash)) throw new PersistedQueryNotAllowedError();
        },
      };
    },
  };
}

/**
 * The same rule for graphql-ws subscription documents, which do not pass through Apollo's
 * request pipeline: the text the client sent must be a manifest document.
 */
export function checkTrustedDocument(manifest: TrustedManifest, document: DocumentNode): GraphQLError[] {
  const text = document.loc?.source.body;
  return text !== undefined && manifest.has(sha256(text)) ? [] : [new PersistedQueryNotAllowedError()];
}
