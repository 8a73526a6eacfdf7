import type { Logger as OrmLogger, QueryRunner } from 'typeorm';
import type { Logger } from '../logger.js';

/** Sends TypeORM's own messages through the service's pino logger (so redaction applies). */
export class TypeormPinoLogger implements OrmLogger {
  constructor(private readonly logger: Logger) {}

  logQuery(query: string, parameters?: unknown[], _runner?: QueryRunner): void {
    this.logger.trace({ query, parameters: parameters?.length }, 'sql');
  }
  logQueryError(error: string | Error, query: string, _parameters?: unknown[], _runner?: QueryRunner): void {
    this.logger.debug({ err: error, query }, 'sql failed');
  }
  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ durationMs: time, query }, 'slow sql');
  }
  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }
  logMigration(message: string): void {
    this.logger.info(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn({ message }, 'typeorm');
    else this.logger.debug({ message }, 'typeorm');
  }
}
