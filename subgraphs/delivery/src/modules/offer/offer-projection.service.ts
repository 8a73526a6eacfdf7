import { In, type DataSource, type Repository } from 'typeorm';
import { OfferProjectionEntity } from './offer-projection.entity.js';

/** Reads the local copy of the releases subgraph's offers (written only by the event consumer). */
export class OfferProjectionService {
  private readonly offers: Repository<OfferProjectionEntity>;

  constructor(dataSource: DataSource) {
    this.offers = dataSource.getRepository(OfferProjectionEntity);
  }

  findByIds(ids: readonly string[]): Promise<OfferProjectionEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.offers.findBy({ id: In([...ids]) });
  }

  findByReleaseIds(releaseIds: readonly string[]): Promise<OfferProjectionEntity[]> {
    if (releaseIds.length === 0) return Promise.resolve([]);
    return this.offers.find({ where: { releaseId: In([...releaseIds]) }, order: { id: 'ASC' } });
  }
}
