// The names golden table: what an officer typing a short name means, worked out from Appendix One and
// the places themselves, checked against the first result of /api/search (the list the page shows, and
// what Enter opens). Names that are not found must say so rather than answer for a namesake.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAtlas, type TestAtlas } from '../support/atlas-app.ts';

let atlas: TestAtlas;
beforeAll(() => {
  atlas = openAtlas();
});
afterAll(() => atlas?.close());

interface Row {
  q: string;
  layer: string;
  name: string;
  why: string;
}

const TOWN = 'the name Appendix One gives the town, resolved to its unparished area';
const LISTED = 'a parish Appendix One lists under this name, before the wards named after it';

const ROWS: Row[] = [
  { q: 'Wigston', layer: 'wards-2013', name: 'Wigston All Saints', why: 'Appendix One\'s "Wigston" is the town in Oadby and Wigston (its four 2013 wards), not the small Blaby parish Wigston Parva' },
  { q: 'Oadby', layer: 'wards-2013', name: 'Oadby Brocks Hill', why: 'Appendix One\'s "Oadby" is the five Oadby 2013 wards, not the borough-wide unparished area (which holds South Wigston\'s LAA listing)' },
  { q: 'Ashby', layer: 'parishes', name: 'Ashby-de-la-Zouch', why: 'the town (about 14,000 residents) before Ashby Woulds, Ashby Magna and Ashby Parva' },
  { q: 'Coalville', layer: 'wards-2013', name: 'Coalville', why: 'the urban table names "Coalville", resolved to the 2013 ward, before the 2025 wards Coalville East and West' },
  { q: 'Melton', layer: 'parishes', name: 'Melton, unparished area', why: 'Melton Mowbray, the unparished town, before the Melton wards' },
  { q: 'Melton Mowbray', layer: 'parishes', name: 'Melton, unparished area', why: TOWN },
  { q: 'Shepshed', layer: 'parishes', name: 'Shepshed', why: `${LISTED} (Shepshed East is a ward)` },
  { q: 'Loughborough', layer: 'parishes', name: 'Charnwood, unparished area', why: TOWN },
  { q: 'Hinckley', layer: 'parishes', name: 'Hinckley and Bosworth, unparished area', why: TOWN },
  { q: 'Market Harborough', layer: 'parishes', name: 'Harborough, unparished area', why: TOWN },
  { q: 'Mkt Harborough', layer: 'parishes', name: 'Harborough, unparished area', why: 'the urban table\'s own abbreviation' },
  { q: 'Harborough', layer: 'parishes', name: 'Harborough, unparished area', why: 'the town, before LSOAs named after the district' },
  { q: 'Lutterworth', layer: 'parishes', name: 'Lutterworth', why: LISTED },
  { q: 'Misterton', layer: 'parishes', name: 'Misterton with Walcote', why: 'Appendix One\'s "Misterton" is today\'s parish Misterton with Walcote, not the ward of that name' },
  { q: 'Tugby', layer: 'parishes', name: 'Tugby and Keythorpe', why: 'listed as Tugby and Keythorpe (as "Tugby")' },
  { q: 'Wistow', layer: 'parishes', name: 'Wistow', why: 'listed as Wistow Cum Newton Harcourt (as "Wistow")' },
  { q: 'Quorndon', layer: 'parishes', name: 'Quorn', why: 'Appendix One\'s older name for Quorn' },
  { q: 'Saxelbye', layer: 'parishes', name: 'Grimston', why: 'Saxelbye is now part of Grimston parish' },
  { q: 'Allextion', layer: 'parishes', name: 'Allexton', why: 'Appendix One\'s spelling' },
  { q: 'Scraftoft', layer: 'parishes', name: 'Scraptoft', why: 'Appendix One\'s spelling' },
  { q: 'Greenhill', layer: 'wards-2013', name: 'Greenhill', why: 'the LAA target estate, resolved to the 2013 ward Appendix One means' },
  { q: 'Moira', layer: 'wards-2013', name: 'Moira', why: 'Moira is a village in Ashby Woulds parish; the LAA listing is resolved to the 2013 ward' },
  { q: 'South Wigston', layer: 'wards-2013', name: 'South Wigston', why: 'the urban LAA target area, resolved to the 2013 ward' },
  { q: 'Melton Egerton', layer: 'wards-2013', name: 'Melton Egerton', why: 'the urban social capital area, a 2013 ward' },
  { q: 'Measham', layer: 'parishes', name: 'Measham', why: LISTED },
  { q: 'Ibstock', layer: 'parishes', name: 'Ibstock', why: LISTED },
  { q: 'Enderby', layer: 'parishes', name: 'Enderby', why: LISTED },
  { q: 'Syston', layer: 'parishes', name: 'Syston', why: LISTED },
  { q: 'Thurmaston', layer: 'parishes', name: 'Thurmaston', why: LISTED },
  { q: 'Mountsorrel', layer: 'parishes', name: 'Mountsorrel', why: LISTED },
  { q: 'Earl Shilton', layer: 'parishes', name: 'Earl Shilton', why: LISTED },
  { q: 'Burbage', layer: 'parishes', name: 'Burbage', why: LISTED },
  { q: 'Bottesford', layer: 'parishes', name: 'Bottesford', why: LISTED },
  { q: 'Fleckney', layer: 'parishes', name: 'Fleckney', why: LISTED },
  { q: 'Broughton', layer: 'parishes', name: 'Broughton Astley', why: 'the larger place (about 9,000 residents) before Broughton and Old Dalby' },
  { q: 'Markfield', layer: 'parishes', name: 'Markfield', why: LISTED },
  { q: 'Heather', layer: 'parishes', name: 'Heather', why: LISTED },
  { q: 'Twycross', layer: 'parishes', name: 'Twycross', why: LISTED },
  { q: 'Whetstone', layer: 'parishes', name: 'Whetstone', why: LISTED },
  { q: 'Sharnford', layer: 'parishes', name: 'Sharnford', why: LISTED },
  { q: 'Tilton', layer: 'parishes', name: 'Tilton on the Hill and Halstead', why: 'Appendix One\'s "Tilton" is the village of Tilton on the Hill, not the 2013 ward Tilton' },
  { q: 'Wymondham', layer: 'parishes', name: 'Wymondham', why: LISTED },
  { q: 'Charley', layer: 'parishes', name: 'Charley', why: LISTED },
  { q: 'Hugglescote', layer: 'parishes', name: 'Hugglescote and Donington le Heath', why: 'today\'s parish before the 2013 ward of the same name' },
  { q: 'Kibworth', layer: 'parishes', name: 'Kibworth Beauchamp', why: 'the larger of the two Kibworths' },
  { q: 'Castle Donington', layer: 'parishes', name: 'Castle Donington', why: LISTED },
  { q: 'Kegworth', layer: 'parishes', name: 'Kegworth', why: LISTED },
  { q: 'Birstall', layer: 'parishes', name: 'Birstall', why: LISTED },
  { q: 'Blaby', layer: 'parishes', name: 'Blaby', why: LISTED },
  { q: 'Stonebow', layer: 'parishes', name: 'Stonebow Village', why: 'the parish formed after 2008' },
  { q: 'Lubbesthorpe', layer: 'parishes', name: 'Lubbesthorpe', why: 'the parish, before the ward named after it and Leicester Forest' },
];

const search = async (q: string) => (await request(atlas.app).get('/api/search').query({ q }).expect(200)).body;

describe('names golden table: the first result is what an officer means', () => {
  it('has at least 40 short names', () => expect(ROWS.length).toBeGreaterThanOrEqual(40));

  for (const row of ROWS)
    it(`"${row.q}" → ${row.name} (${row.layer}): ${row.why}`, async () => {
      const body = await search(row.q);
      expect(body.found).toBe(true);
      expect(body.results[0]).toMatchObject({ type: 'area', layer: row.layer, name: row.name });
    });
});

describe('names that are not found', () => {
  it('says an unresolved Appendix One listing is not found, and never answers for a namesake (Loughborough West)', async () => {
    const body = await search('Loughborough West');
    expect(body.found).toBe(false);
    expect(body.note).toContain('Appendix One lists “Loughborough West”, but no parish, ward or LSOA has that name');
    const res = await request(atlas.app).get('/api/parishes/services').query({ name: 'Loughborough West' }).expect(404);
    expect(res.body.detail).toContain('Appendix One lists “Loughborough West” (LAA target area), but no parish, ward or LSOA has that name');
    expect(res.body.summary).toBeUndefined();
  });

  it('offers near spellings as the closest names, but does not answer for them', async () => {
    const body = await search('Narborugh');
    expect(body.found).toBe(false);
    expect(body.note).toBe('No parish, ward, LSOA or postcode is named “Narborugh”. These are the closest names.');
    expect(body.results[0]).toMatchObject({ name: 'Narborough', matched: 'fuzzy' });
    const res = await request(atlas.app).get('/api/parishes/services').query({ name: 'Narborugh' }).expect(404);
    expect(res.body.suggestions).toContain('Narborough');
  });

  it('explains a name that matches nothing in plain words, with a postcode example', async () => {
    const res = await request(atlas.app).get('/api/parishes/services').query({ name: 'Narnia' }).expect(404);
    expect(res.body.detail).toBe('No parish, ward or LSOA is named “Narnia”. Check the spelling, or try a full postcode such as LE8 0JH.');
    expect((await search('Narnia')).note).toContain('Check the spelling, or try a full postcode such as LE8 0JH.');
  });
});
