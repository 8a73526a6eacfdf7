import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import { LoginDocument, NotificationAddedDocument, RegisterDocument } from '@mrt/operations';
import { graphql } from './harness.js';
import { liveClient, subscribe, waitForSubscriptions } from './live-client.js';
import { launchSupergraph } from './processes.js';

/**
 * Live subscriptions in `pnpm start`'s embedded mode (no Redis): the notifications subgraph and
 * the gateway share one in-process pub/sub, and the gateway serves graphql-ws on /graphql.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), 'mrt-embedded-live-'));
const clients: Client[] = [];
afterAll(async () => {
  for (const client of clients) await client.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

it('pushes an admin broadcast to a signed-in subscriber without Redis', async () => {
  const service = await launchSupergraph(dataDir, { SEED_DEMO_DATA: 'false', ADMIN_EMAIL: 'root@example.com', ADMIN_PASSWORD: 'root-password-123' });
  const { url } = service;
  try {
    const fan = await graphql(url, RegisterDocument, { input: { email: 'fan@example.com', password: 'a long passphrase', displayName: 'Fan' } });
    expect(fan.errors).toBeUndefined();
    const client = liveClient(url, fan.data!.register.accessToken);
    clients.push(client);
    const live = subscribe(client, NotificationAddedDocument);
    const admin = await graphql(url, LoginDocument, { input: { email: 'root@example.com', password: 'root-password-123' } });
    const broadcast = `mutation($input: BroadcastInput!) { broadcastNotification(input: $input) }`;
    const auth = { authorization: `Bearer ${admin.data!.login.accessToken}` };
    await waitForSubscriptions(url, 1);
    const sent = await graphql(url, broadcast, { input: { title: 'Hello', message: 'Welcome', userIds: [fan.data!.register.user.id] } }, auth);
    expect(sent.data).toEqual({ broadcastNotification: 1 });
    const pushed = await live.next();
    expect(pushed.data!.notificationAdded).toMatchObject({ kind: 'ADMIN_BROADCAST', title: 'Hello', release: null });
  } finally {
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
  }
}, 120_000);
