import { maskSecrets } from './mask-secrets.js';

/** What one operator mutation changed: the entity's state before and after (null: created / removed). */
export interface AuditChange {
  entity: string;
  id: string;
  before: unknown;
  after: unknown;
}

// Keyed by the request context, so nothing about auditing needs a field in RequestContext and the
// changes go away with the request.
const changesByRequest = new WeakMap<object, AuditChange[]>();

/**
 * Tells the audit log what an operator mutation changed. Resolvers (or services given the
 * context) call it once per entity they changed; the audit plugin adds the changes, with secrets
 * masked, to the mutation's audit entry.
 */
export function auditChange(context: object, change: AuditChange): void {
  const masked: AuditChange = { ...change, before: toPlain(change.before), after: toPlain(change.after) };
  const changes = changesByRequest.get(context);
  if (changes) changes.push(masked);
  else changesByRequest.set(context, [masked]);
}

/** The changes recorded for this request (and forgets them). */
export function takeAuditChanges(context: object): AuditChange[] {
  const changes = changesByRequest.get(context) ?? [];
  changesByRequest.delete(context);
  return changes;
}

/** JSON-safe and secret-free: entities become plain objects, dates ISO strings. */
function toPlain(value: unknown): unknown {
  if (value === undefined) return null;
  return maskSecrets(JSON.parse(JSON.stringify(value)) as unknown);
}

/**
 * Runs a change and records the entity's state before (`read`, null when absent) and after (what
 * `change` returns): the shape of most operator updates. The two reads are not one snapshot; an
 * audit entry tells what the operator saw change, not a replica's history.
 */
export async function auditedChange<T extends { id: string } | null>(
  context: object,
  target: { entity: string; id: string | null },
  read: (() => Promise<unknown>) | null,
  change: () => Promise<T>,
): Promise<T> {
  const before = read ? await read() : null;
  const after = await change();
  auditChange(context, { entity: target.entity, id: target.id ?? after?.id ?? '', before: before ?? null, after });
  return after;
}
