import { QueryFailedError, type DataSource } from 'typeorm';
import { createEvent, enqueueEvents, subjects } from '@mrt/events';
import { BadUserInputError, NotFoundError, decodeCursor, pageSize, parseInput, isUuid, toConnection, type Connection } from '@mrt/graphql-kit';
import { slugify } from '../../resolution/normalize.js';
import type { DistributorEntity } from './distributor.entity.js';
import { DistributorStore } from './distributor.store.js';
import type { CreateDistributorInput, UpdateDistributorInput } from './distributor.input.js';
import { createDistributorSchema, updateDistributorSchema } from './distributor.validation.js';

export class DistributorService {
  private readonly distributors: DistributorStore;

  constructor(private readonly dataSource: DataSource) {
    this.distributors = new DistributorStore(dataSource);
  }

  /**
   * Tells the other subgraphs every confirmed distributor again (at start-up), so a copy that
   * missed an event or a new consumer catches up; re-announcing is harmless to the copies.
   */
  async announceAll(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const confirmed = await new DistributorStore(manager).listConfirmed();
      await enqueueEvents(manager, confirmed.map(distributorChanged));
      return confirmed.length;
    });
  }

  /** Alphabetical keyset pagination on (lower(name), id). */
  async list(args: { first?: number | null; after?: string | null }): Promise<Connection<DistributorEntity>> {
    const first = pageSize(args.first);
    const rows = await this.distributors.list(decodeCursor(args.after, 2), first + 1);
    return toConnection(rows, first, (shop) => [shop.name.toLowerCase(), shop.id]);
  }

  findByIds(ids: readonly string[]): Promise<DistributorEntity[]> {
    return this.distributors.findByIds(ids.filter(isUuid));
  }

  async create(input: CreateDistributorInput): Promise<DistributorEntity> {
    const valid = parseInput(createDistributorSchema, input);
    return this.saveUnique(this.distributors.build({ ...valid, slug: slugify(valid.name), autoCreated: false }));
  }

  async update(id: string, input: UpdateDistributorInput): Promise<DistributorEntity> {
    const [distributor] = await this.findByIds([id]);
    if (!distributor) throw new NotFoundError('Distributor', id);
    // Validated before anything changes: bad input never touches the stored shop.
    const valid = parseInput(updateDistributorSchema, input);
    if (valid.name != null) distributor.name = valid.name;
    if (valid.country != null) distributor.country = valid.country;
    if (valid.websiteUrl != null) distributor.websiteUrl = valid.websiteUrl;
    if (valid.currency != null) distributor.currency = valid.currency;
    if (valid.logoUrl !== undefined) distributor.logoUrl = valid.logoUrl;
    // Once an operator has looked at it, the provisional values are the operator's.
    distributor.autoCreated = false;
    distributor.updatedAt = new Date();
    return this.saveUnique(distributor);
  }

  /** Saves and, once an operator stands behind the values, announces them in the same transaction. */
  private async saveUnique(distributor: DistributorEntity): Promise<DistributorEntity> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const saved = await new DistributorStore(manager).save(distributor);
        // Auto-created shops carry placeholder country and currency ("ZZ", "XXX"): not facts to copy.
        if (!saved.autoCreated) await enqueueEvents(manager, [distributorChanged(saved)]);
        return saved;
      });
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw new BadUserInputError('A distributor with this name already exists', [{ path: 'name', message: 'already used by another distributor' }]);
      }
      throw error;
    }
  }
}

function distributorChanged(distributor: DistributorEntity) {
  return createEvent('catalog.distributor.changed', {
    producer: 'catalog',
    subject: subjects.distributor(distributor.id),
    data: {
      distributorId: distributor.id,
      name: distributor.name,
      slug: distributor.slug,
      country: distributor.country,
      currency: distributor.currency,
      websiteUrl: distributor.websiteUrl,
    },
  });
}
