import type { DocumentNode } from 'graphql';
import manifest from '@mrt/operations/persisted-documents.json';

const documents: Record<string, string> = manifest;

/** A generated document: codegen stamps the sha256 of its manifest text on it. */
type HashedDocument = DocumentNode & { __meta__?: { hash?: string } };

export interface OperationText {
  query: string;
  /** Hex sha256 of query, as the manifest and Apollo's persisted-query extension name it. */
  sha256Hash: string;
}

/**
 * The exact text of the trusted documents manifest for a generated document. The gateway hashes
 * the text it receives: sending this text (and its hash) keeps it a trusted document, so the app
 * also works against a gateway in TRUSTED_DOCUMENTS_ONLY mode.
 */
export function operationText(document: DocumentNode): OperationText {
  const key = (document as HashedDocument).__meta__?.hash;
  const query = key ? documents[key] : undefined;
  if (!key || !query) throw new Error('Not a generated document: every operation must come from schema/operations');
  return { query, sha256Hash: key.replace(/^sha256:/, '') };
}
