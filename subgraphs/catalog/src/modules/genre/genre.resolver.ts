import { Query, Resolver } from 'type-graphql';
import type { GenreService } from './genre.service.js';
import { Genre } from './genre.type.js';

@Resolver(() => Genre)
export class GenreResolver {
  constructor(private readonly genreService: GenreService) {}

  @Query(() => [Genre], { description: 'Every canonical genre, by name' })
  genres(): Promise<Genre[]> {
    return this.genreService.list();
  }
}
