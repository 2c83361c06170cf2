// The groups thread: holds every loaded register's groups, located, and builds GET /api/groups.geojson
// bodies (pages and whole collections) from them, so neither reading and locating a register's groups
// (1.8 s for 100,000 on first use) nor serialising them (10 s for 300,000) runs on the event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { locateGroup, placedFor, type LocatedGroup } from '../locate-groups.ts';
import { RegisterDb } from '../register-db.ts';
import { WorkerAtlas } from '../import/worker-atlas.ts';
import { groupsBytes } from './groups-geojson.ts';
import type { GroupsAnswer, GroupsJob } from './groups-thread.ts';

const { atlasDbPath, registersDbPath } = workerData as { atlasDbPath: string; registersDbPath: string };
const atlas = new WorkerAtlas(atlasDbPath);
const db = new RegisterDb(registersDbPath);
/** Located groups by register key (kind, name and import id): a re-import or deletion changes the key. */
const held = new Map<string, LocatedGroup[]>();

function groupsOf(ref: GroupsJob['registers'][number]): LocatedGroup[] {
  let groups = held.get(ref.key);
  if (!groups) {
    // Imported registers were placed when imported (read here); placed again only if imported into another atlas build.
    groups = ref.kind === 'built-in' ? atlas.builtinGroups(ref.name) : (db.placed(ref.name, placedFor(atlas.inputsHash)) ?? db.groups(ref.name).map((g) => locateGroup(g, atlas, atlas.locator)));
    held.set(ref.key, groups);
  }
  return groups;
}

function build(job: GroupsJob): GroupsAnswer {
  // Registers no longer loaded (deleted, replaced) are let go, so memory follows the loaded registers.
  for (const key of held.keys()) if (!job.loaded.includes(key)) held.delete(key);
  const registers = job.registers.map((r) => ({ name: r.name, source: r.source, importedAt: r.importedAt, groups: groupsOf(r) }));
  const page = job.page && {
    ...job.page,
    nextHref: (offset: number) => {
      const params = new URLSearchParams(job.page!.query);
      params.set('offset', String(offset));
      return `${job.page!.path}?${params}`;
    },
  };
  const { body, etag } = groupsBytes(registers, job.filter, job.attribution, page);
  return { id: job.id, ok: true, body, etag };
}

parentPort!.on('message', (job: GroupsJob) => {
  let answer: GroupsAnswer;
  try {
    answer = build(job);
  } catch (err) {
    answer = { id: job.id, ok: false, message: (err as Error).message };
  }
  parentPort!.postMessage(answer, answer.ok ? [answer.body.buffer as ArrayBuffer] : []);
});
