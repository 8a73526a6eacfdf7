import { createSubgraphServer, referenceById, type Subgraph, type SubgraphDeps } from '@mrt/graphql-kit';
import { USER_LOADER, UserResolver } from './modules/user/user.resolver.js';
import { UserService } from './modules/user/user.service.js';
import { buildUsersSchema } from './schema.js';

export function createSubgraph(deps: SubgraphDeps): Subgraph {
  const users = new UserService(deps.db.dataSource);
  const schema = buildUsersSchema([new UserResolver(users)], {
    User: referenceById(USER_LOADER, (ids) => users.findByIds(ids)),
  });
  return createSubgraphServer({ name: 'users', deps, schema });
}
