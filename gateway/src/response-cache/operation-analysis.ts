import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { answerShape, type AnswerShape } from './answer-tags.js';
import { operationReach, type FieldOwners, type OperationReach } from './field-owners.js';

/** What is known of one operation of a client's document before any data. */
export interface OperationAnalysis {
  reach: OperationReach;
  shape: AnswerShape;
}

/**
 * The analysis of a client operation, computed once per parsed document and operation name:
 * the response cache and the subgraph fetch cache read the same one.
 */
export function operationAnalyses(owners: () => FieldOwners, publicSubgraphs: ReadonlySet<string>) {
  const byDocument = new WeakMap<DocumentNode, Map<string, OperationAnalysis>>();
  return (schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): OperationAnalysis => {
    let byOperation = byDocument.get(document);
    if (!byOperation) byDocument.set(document, (byOperation = new Map()));
    const name = operation.name?.value ?? '';
    let found = byOperation.get(name);
    if (!found) {
      found = { reach: operationReach(schema, document, operation, owners(), publicSubgraphs), shape: answerShape(schema, document, operation) };
      byOperation.set(name, found);
    }
    return found;
  };
}
