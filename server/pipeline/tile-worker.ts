// A tile-cutting worker thread (tile-cutters.ts): cuts each job it is sent and answers with the
// gzip tiles (and its heap size, for the build's figures), then bumps the shared counter the build thread may be waiting on.
import { getHeapStatistics } from 'node:v8';
import { workerData, type MessagePort } from 'node:worker_threads';
import type { CutReply } from './tile-cutters.ts';
import { cutJob, type TileJob } from './tile-cut.ts';

const { port, signal } = workerData as { port: MessagePort; signal: Int32Array };

port.on('message', ({ id, job }: { id: number; job: TileJob }) => {
  let reply: CutReply;
  try {
    const tiles = cutJob(job);
    reply = { job: id, tiles, heapMB: Math.round(getHeapStatistics().total_heap_size / 1e6) };
  } catch (err) {
    reply = { job: id, error: (err as Error).stack ?? String(err) };
  }
  port.postMessage(reply);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
});
