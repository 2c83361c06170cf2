// Entry of a worker thread run from source (the register import, the build's tile cutters): teaches
// the thread TypeScript (as tsx does for the main thread), then loads the worker named in workerData.
// Plain JavaScript, since nothing can read TypeScript before this.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
