import { EventEmitter } from 'node:events';
import type { PGlite } from '@electric-sql/pglite';

/**
 * A node-postgres look-alike over one PGlite instance, handed to TypeORM's postgres driver as
 * its `driver` option. PGlite has a single session, so a "connection" is an exclusive lease
 * on it: TypeORM holds a lease for a whole transaction and other callers wait their turn.
 * Each lease puts the session on its owner's search_path, so every subgraph sees only its
 * own schema exactly as it would on a real server.
 *
 * Errors are only ever delivered one way (promise or callback, never both): the typeorm-pglite
 * pool did both and produced unhandled rejections on queries TypeORM had already caught.
 */

type QueryCallback = (error: Error | null, result?: PgResult) => void;

interface PgResult {
  rows: unknown[];
  rowCount: number;
  command: string;
  fields: { name: string; dataTypeID: number }[];
}

class Lease {
  private queue: Promise<void> = Promise.resolve();
  private currentSearchPath: string | null = null;

  constructor(readonly db: PGlite) {}

  /** Waits for the session, then returns a function that hands it on. */
  async acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const previous = this.queue;
    this.queue = previous.then(() => next);
    await previous;
    return release;
  }

  async useSearchPath(searchPath: string): Promise<void> {
    if (this.currentSearchPath === searchPath) return;
    await this.db.exec(`SET search_path TO ${searchPath}`);
    this.currentSearchPath = searchPath;
  }

  forgetSearchPath(): void {
    this.currentSearchPath = null;
  }
}

const leases = new WeakMap<PGlite, Lease>();
function leaseFor(db: PGlite): Lease {
  let lease = leases.get(db);
  if (!lease) {
    lease = new Lease(db);
    leases.set(db, lease);
  }
  return lease;
}

class PgliteClient extends EventEmitter {
  constructor(
    private readonly lease: Lease,
    private readonly searchPath: string,
  ) {
    super();
  }

  query(sql: string, callback: QueryCallback): void;
  query(sql: string, params?: unknown[]): Promise<PgResult>;
  query(sql: string, paramsOrCallback?: unknown[] | QueryCallback): Promise<PgResult> | void {
    if (typeof paramsOrCallback === 'function') {
      this.run(sql, []).then(
        (result) => paramsOrCallback(null, result),
        (error: Error) => paramsOrCallback(error),
      );
      return;
    }
    return this.run(sql, paramsOrCallback ?? []);
  }

  private async run(sql: string, params: unknown[]): Promise<PgResult> {
    await this.lease.useSearchPath(this.searchPath);
    if (/^\s*set\s+(local\s+)?search_path/i.test(sql)) this.lease.forgetSearchPath();
    if (params.length === 0 && hasSeveralStatements(sql)) {
      // Migrations send several statements at once; only the simple protocol accepts that.
      const results = await this.lease.db.exec(sql);
      const last = results[results.length - 1];
      return toPgResult(sql, last?.rows ?? [], last?.fields ?? [], last?.affectedRows);
    }
    const result = await this.lease.db.query(sql, params.map(serializeParam));
    return toPgResult(sql, result.rows, result.fields, result.affectedRows);
  }
}

function hasSeveralStatements(sql: string): boolean {
  const trimmed = sql.trim().replace(/;$/, '');
  return trimmed.includes(';');
}

/** node-postgres turns JS arrays into Postgres array literals and Dates into timestamps. */
function serializeParam(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return new Uint8Array(value);
  if (Array.isArray(value)) return arrayLiteral(value);
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return value;
}

function arrayLiteral(values: unknown[]): string {
  const items = values.map((item) => {
    if (item === null || item === undefined) return 'NULL';
    if (Array.isArray(item)) return arrayLiteral(item);
    const text = item instanceof Date ? item.toISOString() : String(item);
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(',')}}`;
}

function toPgResult(
  sql: string,
  rows: unknown[],
  fields: { name: string; dataTypeID: number }[],
  affectedRows: number | undefined,
): PgResult {
  const command = commandOf(sql);
  const writes = command === 'UPDATE' || command === 'DELETE' || command === 'INSERT';
  return { rows, fields, command, rowCount: writes ? (affectedRows ?? 0) : rows.length };
}

type ConnectCallback = (error: Error | null, client?: PgliteClient, release?: (error?: unknown) => void) => void;

/** The part of the node-postgres module TypeORM's driver uses. */
export interface PgModuleLike {
  Pool: new (options?: unknown) => unknown;
}

/** Builds the `driver` module TypeORM expects (it only uses `Pool`). */
export function createPgliteDriver(db: PGlite, searchPath: string): PgModuleLike {
  const lease = leaseFor(db);
  class Pool extends EventEmitter {
    ended = false;

    // TypeORM passes node-postgres connection options; there is nothing to connect to.
    constructor(_options?: unknown) {
      super();
    }

    connect(callback: ConnectCallback): void {
      if (this.ended) {
        callback(new Error('Pool has been ended'));
        return;
      }
      lease.acquire().then(
        (release) => {
          let released = false;
          const client = new PgliteClient(lease, searchPath);
          callback(null, client, () => {
            if (released) return;
            released = true;
            release();
          });
        },
        (error: Error) => callback(error),
      );
    }

    end(callback?: (error?: Error) => void): Promise<void> | void {
      this.ended = true;
      if (callback) {
        callback();
        return;
      }
      return Promise.resolve();
    }
  }
  return { Pool };
}

const VERBS = new Set(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'VALUES']);

/**
 * The command tag PostgreSQL would report: the first word, or for `WITH ... AS (...) UPDATE ...`
 * the verb after the common table expressions (the first one outside parentheses and quotes).
 * TypeORM shapes UPDATE and DELETE results as [rows, affected] by this tag, as node-postgres
 * reports it.
 */
export function commandOf(sql: string): string {
  const first = (/^\s*(\w+)/.exec(sql)?.[1] ?? '').toUpperCase();
  if (first !== 'WITH') return first;
  let depth = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      const end = sql.indexOf(c, i + 1);
      i = end < 0 ? sql.length : end;
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && /\w/.test(c) && (i === 0 || !/\w/.test(sql[i - 1]!))) {
      const word = /^\w+/.exec(sql.slice(i))![0];
      if (VERBS.has(word.toUpperCase())) return word.toUpperCase();
      i += word.length - 1;
    }
  }
  return first;
}
