import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { rawGet, useListeningAtlas } from './support/atlas-app.ts';
const s = useListeningAtlas();
it('peek', async () => {
  const r = await rawGet(s.server.url + '/api/sources');
  writeFileSync(process.env.PEEK_OUT!, r.body);
});
