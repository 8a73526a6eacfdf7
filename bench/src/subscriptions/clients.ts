import WebSocket from 'ws';

/**
 * The subscribers, in their own process so the gateway's memory and CPU are measured alone.
 * Opens `count` graphql-ws connections to `url`, each subscribed to releaseFeed, then reports
 * every received push's latency (receipt time minus the publish time carried in the key).
 */
const [url = '', countText = '0'] = process.argv.slice(2);
const count = Number(countText);
const latencies: number[] = [];
let ready = 0;
let failed = 0;

function open(index: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: {} })));
    socket.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as { type: string; payload?: { data?: { releaseFeed?: { id: string } } } };
      if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: String(index), type: 'subscribe', payload: { query: 'subscription { releaseFeed { id kind } }' } }));
        ready += 1;
        resolve();
      } else if (message.type === 'next') {
        const sentAt = Number(message.payload?.data?.releaseFeed?.id.split(':')[1]);
        latencies.push(performance.timeOrigin + performance.now() - sentAt);
      } else if (message.type === 'ping') {
        socket.send(JSON.stringify({ type: 'pong' }));
      }
    });
    socket.on('error', () => {
      failed += 1;
      resolve();
    });
  });
}

process.on('message', (command: { type: string }) => {
  if (command.type === 'collect') {
    process.send!({ type: 'latencies', latencies: latencies.splice(0) });
  } else if (command.type === 'exit') {
    process.exit(0);
  }
});

// Connect in waves: a burst of thousands of handshakes at once only measures the accept queue.
for (let start = 0; start < count; start += 200) {
  await Promise.all(Array.from({ length: Math.min(200, count - start) }, (_, offset) => open(start + offset)));
}
process.send!({ type: 'ready', ready, failed });
