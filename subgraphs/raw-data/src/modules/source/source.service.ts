import type { DataSource } from 'typeorm';
import type { OutboundGuard } from '@mrt/platform';
import { BadUserInputError, NotFoundError, badInputFromIssues, decodeCursor, isUuid, pageSize, parseInput, toConnection, type Connection } from '@mrt/graphql-kit';
import type { SourceEntity } from './source.entity.js';
import type { CreateSourceInput, UpdateSourceInput } from './source.input.js';
import { SourceStore } from './source.store.js';
import { createSourceSchema, optionsIssues, updateSourceSchema } from './source.validation.js';

/** Told when a source's schedule or enabled flag may have changed. */
export type ScheduleListener = (source: SourceEntity) => Promise<void>;

export class SourceService {
  private readonly sources: SourceStore;
  private scheduleListener: ScheduleListener = () => Promise.resolve();

  constructor(
    dataSource: DataSource,
    private readonly guard: OutboundGuard,
  ) {
    this.sources = new SourceStore(dataSource);
  }

  onScheduleChange(listener: ScheduleListener): void {
    this.scheduleListener = listener;
  }

  list(): Promise<SourceEntity[]> {
    return this.sources.list();
  }

  /** A page of sources by name, for the operators' list. */
  async page(first: number | null | undefined, after: string | null | undefined): Promise<Connection<SourceEntity>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 1);
    const rows = await this.sources.page(cursor === null ? null : String(cursor[0]), limit + 1);
    return toConnection(rows, limit, (source) => [source.name]);
  }

  listByDistributor(distributorId: string): Promise<SourceEntity[]> {
    return this.sources.listByDistributor(distributorId);
  }

  findByIds(ids: readonly string[]): Promise<SourceEntity[]> {
    return this.sources.findByIds(ids);
  }

  findById(id: string): Promise<SourceEntity | null> {
    return isUuid(id) ? this.sources.findById(id) : Promise.resolve(null);
  }

  async getOrFail(id: string): Promise<SourceEntity> {
    const source = await this.findById(id);
    if (!source) throw new NotFoundError('Source', id);
    return source;
  }

  async create(input: CreateSourceInput): Promise<SourceEntity> {
    const valid = parseInput(createSourceSchema, input);
    await this.assertReachable(valid.url);
    const source = await this.saveUnique(this.sources.build({ ...valid }));
    await this.scheduleListener(source);
    return source;
  }

  async update(id: string, input: UpdateSourceInput): Promise<SourceEntity> {
    const source = await this.getOrFail(id);
    const parsed = updateSourceSchema.safeParse(input);
    // Options are checked against the kind the source already has, and reported together with
    // the other fields' problems so one round trip shows everything to fix.
    const issues = [
      ...(parsed.success ? [] : parsed.error.issues),
      ...(input.options !== undefined && input.options !== null
        ? optionsIssues(source.kind, input.options, { hasDistributor: (input.distributorId === undefined ? source.distributorId : input.distributorId) !== null })
        : []),
    ];
    if (!parsed.success || issues.length > 0) throw badInputFromIssues(issues);
    const valid = parsed.data;
    if (valid.url !== undefined) await this.assertReachable(valid.url);
    if (valid.options !== undefined && valid.options !== null) source.options = valid.options;
    if (valid.name !== undefined) source.name = valid.name;
    if (valid.url !== undefined) source.url = valid.url;
    if (valid.distributorId !== undefined) source.distributorId = valid.distributorId;
    if (valid.schedule !== undefined) source.schedule = valid.schedule;
    source.updatedAt = new Date();
    const saved = await this.saveUnique(source);
    await this.scheduleListener(saved);
    return saved;
  }

  async setEnabled(id: string, enabled: boolean): Promise<SourceEntity> {
    const source = await this.getOrFail(id);
    source.enabled = enabled;
    source.updatedAt = new Date();
    const saved = await this.saveUnique(source);
    await this.scheduleListener(saved);
    return saved;
  }

  /**
   * Refuses a URL whose host is (or resolves to) an address sources may not reach, so the operator
   * hears it now rather than from a failed run. Runs check again when they connect. A name that
   * does not resolve yet is accepted: it is no way inside, and a shop's DNS may come later.
   */
  async assertReachable(url: string): Promise<void> {
    const refusal = await this.guard.check(url);
    if (refusal && refusal.reason !== 'unresolvable') throw new BadUserInputError(`Source URL refused: ${refusal.message}`, [{ path: 'url', message: refusal.message }]);
  }

  private async saveUnique(source: SourceEntity): Promise<SourceEntity> {
    const saved = await this.sources.save(source);
    if (saved === 'name-taken') throw new BadUserInputError('A source with this name already exists', [{ path: 'name', message: 'already used by another source' }]);
    return saved;
  }
}
