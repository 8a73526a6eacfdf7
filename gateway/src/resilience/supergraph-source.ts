import { readFile } from 'node:fs/promises';
import { unwatchFile, watchFile } from 'node:fs';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from '@mrt/platform';

/**
 * A supergraph that can change while the gateway serves: @apollo/gateway plans new requests
 * with the new schema and lets in-flight ones finish on the old. `update` takes a composed SDL
 * (from the file watcher or an in-process composition); a bad one is refused and the old stays.
 */
export interface SupergraphSource {
  hook: SupergraphSdlHook;
  update(sdl: string): Promise<boolean>;
  /** Polls `path` every `intervalMs` and loads what changed. */
  watchFile(path: string, intervalMs: number): void;
  readonly version: number;
}

export function createSupergraphSource(initialSdl: string, logger: Logger): SupergraphSource {
  let current = initialSdl;
  let version = 0;
  let apply: ((sdl: string) => void) | undefined;
  const cleanups: (() => void)[] = [];
  const source: SupergraphSource = {
    hook: async ({ update }) => {
      apply = update;
      return {
        supergraphSdl: current,
        cleanup: async () => {
          for (const cleanup of cleanups.splice(0)) cleanup();
        },
      };
    },
    update: async (sdl) => {
      if (!apply || sdl === current || sdl.trim() === '') return false;
      try {
        apply(sdl);
      } catch (error) {
        logger.error({ err: error }, 'supergraph update refused; keeping the previous one');
        return false;
      }
      current = sdl;
      version += 1;
      logger.info({ version }, 'supergraph reloaded');
      return true;
    },
    watchFile: (path, intervalMs) => {
      // Polling, not fs.watch: a Kubernetes ConfigMap update swaps a symlink that watchers miss.
      const listener = () => {
        readFile(path, 'utf8').then(source.update, (error: unknown) => logger.warn({ err: error, path }, 'supergraph file unreadable'));
      };
      watchFile(path, { interval: intervalMs, persistent: false }, listener);
      cleanups.push(() => unwatchFile(path, listener));
    },
    get version() {
      return version;
    },
  };
  return source;
}
