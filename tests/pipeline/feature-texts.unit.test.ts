// The boundary reader's splitter (server/pipeline/feature-texts.ts): each feature's text parses to the
// very feature JSON.parse gives for the whole file, strings holding brackets, braces, commas and escaped
// quotes included; any shape it does not know is left to the whole-file parse (null).
import { describe, expect, it } from 'vitest';
import { splitFeatureCollection } from '../../server/pipeline/feature-texts.ts';

const features = [
  { type: 'Feature', properties: { name: 'Brace { and ] bracket, "quoted" \\ back', n: [1, { a: '}' }] }, geometry: { type: 'Point', coordinates: [-1.1, 52.6] } },
  { type: 'Feature', properties: { name: 'Ashby-de-la-Zouch ✓' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } },
];

const split = (text: string) => {
  const buf = Buffer.from(text, 'utf8');
  const s = splitFeatureCollection(buf);
  return s && { top: s.top, features: s.spans.map(([a, b]) => JSON.parse(buf.toString('utf8', a, b))) };
};

describe('splitFeatureCollection', () => {
  it('gives each feature and the other top-level members, however the file is laid out', () => {
    const doc = { type: 'FeatureCollection', name: 'x [features]', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } }, features, bbox: [0, 0, 1, 1] };
    for (const text of [JSON.stringify(doc), JSON.stringify(doc, null, 2), `\n ${JSON.stringify(doc, null, '\t')} \r\n`]) {
      const s = split(text)!;
      expect(s.features).toEqual(features);
      expect(s.top).toEqual({ ...doc, features: [] });
    }
    expect(split('{"type":"FeatureCollection","features":[]}')).toEqual({ top: { type: 'FeatureCollection', features: [] }, features: [] });
  });

  it.each([
    ['not JSON', '{"type": "FeatureCollection", "features": [{"type": "Feature"}'],
    ['a trailing comma', '{"type":"FeatureCollection","features":[{"a":1},]}'],
    ['a missing comma', '{"type":"FeatureCollection","features":[{"a":1} {"a":2}]}'],
    ['an element that is not an object', '{"type":"FeatureCollection","features":[{"a":1}, null]}'],
    ['features twice', '{"features":[{"a":1}],"features":[]}'],
    ['no features', '{"type":"FeatureCollection"}'],
    ['a top-level array', '[{"features":[]}]'],
    ['a byte-order mark', '\uFEFF{"type":"FeatureCollection","features":[]}'],
    ['text after the object', '{"features":[]} {}'],
  ])('leaves %s to the whole-file parse', (_, text) => {
    expect(split(text)).toBeNull();
  });
});
