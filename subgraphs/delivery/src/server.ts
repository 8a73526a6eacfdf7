import { DeadLetterResolver, createSubgraphServer, type Subgraph, type SubgraphDeps } from '@mrt/graphql-kit';
import { CurrencyRateResolver } from './modules/currency-rate/currency-rate.resolver.js';
import { CurrencyRateService } from './modules/currency-rate/currency-rate.service.js';
import { buildDeliverySchema } from './schema.js';

export function createSubgraph(deps: SubgraphDeps): Subgraph {
  const rates = new CurrencyRateService(deps.db.dataSource);
  const schema = buildDeliverySchema([new DeadLetterResolver(deps.events.bus), new CurrencyRateResolver(rates)]);
  return createSubgraphServer({ name: 'delivery', deps, schema });
}
