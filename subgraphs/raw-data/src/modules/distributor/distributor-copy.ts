import type { DataSource } from 'typeorm';
import { eventConsumer, type EventConsumerDefinition } from '@mrt/graphql-kit';

/**
 * What raw-data knows of the catalog's distributors: their currency, for Shopify sources whose
 * products.json prices carry none. Filled from catalog.distributor.changed, never by reading the
 * catalog's tables; an older event never overwrites a newer one.
 */
export class DistributorCopy {
  private knownListener: (distributorId: string) => Promise<void> = () => Promise.resolve();

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Told each time a distributor's details arrive, e.g. to rerun sources that waited for its
   * currency. Runs outside the event's transaction and must handle its own errors.
   */
  onKnown(listener: (distributorId: string) => Promise<void>): void {
    this.knownListener = listener;
  }

  async currencyOf(distributorId: string): Promise<string | null> {
    const rows: { currency: string }[] = await this.dataSource.query(`SELECT currency FROM distributor_copy WHERE distributor_id = $1`, [distributorId]);
    return rows[0]?.currency ?? null;
  }

  consumer(): EventConsumerDefinition {
    return eventConsumer({
      group: 'raw-data',
      types: ['catalog.distributor.changed'],
      handle: async (event, manager) => {
        const { distributorId, name, country, currency } = event.data;
        await manager.query(
          `INSERT INTO distributor_copy (distributor_id, name, country, currency, changed_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (distributor_id) DO UPDATE SET name = $2, country = $3, currency = $4, changed_at = $5
            WHERE distributor_copy.changed_at <= $5`,
          [distributorId, name, country, currency, event.occurredAt],
        );
        // After this transaction, never inside it: the listener reads other tables through its own
        // connection, which embedded PGlite (one connection) could only give once this one is done.
        setImmediate(() => void this.knownListener(distributorId));
      },
    });
  }
}
