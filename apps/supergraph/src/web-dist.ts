import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository's built web app (`pnpm --filter @mrt/web build`), when it has been built. */
export function repositoryWebDist(): string | undefined {
  const dist = fileURLToPath(new URL('../../../web/dist/', import.meta.url));
  return existsSync(`${dist}index.html`) ? dist : undefined;
}
