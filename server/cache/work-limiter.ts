// The one limiter of expensive work: new representations (server/http/representation-cache.ts) and
// register imports each take a slot, so a flood of cache misses or uploads queues instead of piling up.

/** Work turned away because the queue is full; HTTP answers it 503 with Retry-After (server/http/problem.ts). */
export class WorkBusy extends Error {
  readonly retryAfterSeconds = 1;
  constructor(message: string) {
    super(message);
    this.name = 'WorkBusy';
  }
}

/** Work waits for one of a few slots; past the queue limit it is turned away with a 503 (the caller says why it was busy). */
export class WorkLimiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(
    readonly concurrency = 2,
    readonly maxQueue = 64,
    private readonly busy = 'too many new representations are being built at once; retry in a moment',
  ) {}

  async run<T>(work: () => T | Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxQueue)
        throw new WorkBusy(this.busy);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.running++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
