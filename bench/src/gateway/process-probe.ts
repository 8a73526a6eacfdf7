/**
 * What a benchmark child (the subgraph host, a gateway under test) reports about itself when the
 * parent asks over IPC: CPU time, garbage-collection pauses and, in the subgraph host, the SQL
 * statements it sent. 'probe' answers a ProbeSample; 'profile-start' / 'profile-stop <dir>'
 * take a CPU profile and a sampling heap profile of just the span between them (start-up and
 * seeding left out), written as .cpuprofile / .heapprofile files for Chrome DevTools.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import pg from 'pg';

export interface ProbeSample {
  kind: 'probe';
  /** User + system CPU the process has used, microseconds. */
  cpuMicros: number;
  /** Time spent in garbage-collection pauses on the main thread, milliseconds. */
  gcMs: number;
  /** Young-generation collections (scavenges) and full mark-compacts so far. */
  scavenges: number;
  markCompacts: number;
  /** SQL statements sent through node-postgres so far (when counted). */
  sqlStatements: number;
}

export interface ProfileWritten {
  kind: 'profile-written';
  files: string[];
}

/**
 * Starts answering the parent's probe and profile messages. `countSql` counts every statement any
 * node-postgres client in this process sends (TypeORM's pool and the plain-SQL reads alike).
 */
export function answerProbes(name: string, options: { countSql?: boolean } = {}): void {
  const totals = { gcMs: 0, scavenges: 0, markCompacts: 0, sqlStatements: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      totals.gcMs += entry.duration;
      const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) totals.scavenges += 1;
      else if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) totals.markCompacts += 1;
    }
  }).observe({ entryTypes: ['gc'] });
  if (options.countSql) {
    const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
    pg.Client.prototype.query = function countedQuery(this: pg.Client, ...args: unknown[]) {
      totals.sqlStatements += 1;
      return query.apply(this, args);
    } as typeof pg.Client.prototype.query;
  }
  let session: Session | undefined;
  process.on('message', (message) => {
    if (message === 'probe') {
      const { user, system } = process.cpuUsage();
      process.send!({ kind: 'probe', cpuMicros: user + system, ...totals } satisfies ProbeSample);
    } else if (message === 'profile-start') {
      void startProfiles().then((started) => {
        session = started;
        process.send!({ kind: 'profile-started' });
      });
    } else if (typeof message === 'string' && message.startsWith('profile-stop ') && session) {
      const dir = message.slice('profile-stop '.length);
      const running = session;
      session = undefined;
      void stopProfiles(running, dir, `${name}-${process.pid}`).then((files) => process.send!({ kind: 'profile-written', files } satisfies ProfileWritten));
    }
  });
}

async function startProfiles(): Promise<Session> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  // 32 KiB between samples: V8's default is 512 KiB, too coarse for one page's allocations.
  // Collected objects too: the garbage, not what survives, is what this profile is for.
  await session.post('HeapProfiler.startSampling', { samplingInterval: 32_768, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  return session;
}

async function stopProfiles(session: Session, dir: string, stem: string): Promise<string[]> {
  const { profile } = await session.post('Profiler.stop');
  const { profile: heap } = await session.post('HeapProfiler.stopSampling');
  session.disconnect();
  const files = [path.join(dir, `${stem}.cpuprofile`), path.join(dir, `${stem}.heapprofile`)];
  await writeFile(files[0]!, JSON.stringify(profile));
  await writeFile(files[1]!, JSON.stringify(heap));
  return files;
}
