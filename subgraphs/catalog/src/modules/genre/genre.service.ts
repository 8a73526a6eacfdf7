import type { DataSource } from 'typeorm';
import type { GenreEntity } from './genre.entity.js';
import { GenreStore } from './genre.store.js';

export class GenreService {
  private readonly genres: GenreStore;

  constructor(dataSource: DataSource) {
    this.genres = new GenreStore(dataSource);
  }

  list(): Promise<GenreEntity[]> {
    return this.genres.list();
  }

  findByIds(ids: readonly string[]): Promise<GenreEntity[]> {
    return this.genres.findByIds(ids);
  }
}
