// The reference for every benchmark: a bare Node http server that replays bytes captured from the
// atlas (already compressed, with the same headers) from a Map. It is the floor for "serve from memory".
import { createServer } from 'node:http';

interface Captured {
  status: number;
  headers: Record<string, string>;
  body: string; // base64
}

const replies = new Map<string, { status: number; headers: Record<string, string>; body: Buffer }>();

process.on('message', (msg: { type: 'load'; replies: Record<string, Captured> } | { type: 'stop' }) => {
  if (msg.type === 'stop') process.exit(0);
  for (const [key, r] of Object.entries(msg.replies)) replies.set(key, { ...r, body: Buffer.from(r.body, 'base64') });
  process.send!({ type: 'loaded', count: replies.size });
});

const server = createServer((req, res) => {
  const reply = replies.get(`${req.headers['accept-encoding'] ?? ''} ${req.url}`);
  if (!reply) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(reply.status, reply.headers);
  res.end(reply.body);
});
server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send!({ type: 'listening', port: typeof address === 'object' && address ? address.port : 0 });
});
