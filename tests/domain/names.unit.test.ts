// Name and postcode normalisation used for matching seed spellings and user input.
import { describe, expect, it } from 'vitest';
import { displayPostcode, normaliseName, postcodeKey } from '../../server/domain/names.ts';

describe('normaliseName', () => {
  it('treats "&" and "and", case, hyphens and punctuation alike', () => {
    expect(normaliseName('Bagworth & Thornton')).toBe(normaliseName('bagworth and thornton'));
    expect(normaliseName('Ashby-de-la-Zouch')).toBe('ashby de la zouch');
    expect(normaliseName("King's Norton")).toBe('king s norton');
    expect(normaliseName('Wymondham.')).toBe('wymondham');
  });
  it('drops a "(part)" marker however it is spaced or capitalised', () => {
    expect(normaliseName('Castle Donington(part)')).toBe('castle donington');
    expect(normaliseName('Syston and Thurmaston (Part)')).toBe('syston and thurmaston');
  });
});

describe('postcodes', () => {
  it('compare without spaces or case and display in ONS form', () => {
    expect(postcodeKey(' le17 4qb ')).toBe('LE174QB');
    expect(displayPostcode('le174qb')).toBe('LE17 4QB');
    expect(displayPostcode('LE1  1ZB')).toBe('LE1 1ZB');
  });
});
