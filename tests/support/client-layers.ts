// Fills the client's layer catalog (client/state/layer-catalog.ts) as the page does at start, from the
// very facts GET /api/layers gives (server/registry/layers.ts clientFacts), without a server or database.
// Import it before anything that reads layers: `import '../support/client-layers.ts';`
import { useLayers } from '../../client/state/layer-catalog.ts';
import { clientFacts, LAYERS } from '../../server/registry/layers.ts';

useLayers(LAYERS.map((l) => ({ id: l.id, historical: l.historical, ...clientFacts(l) })));
