// Place-name matching that forgives case, punctuation and "&" versus "and", so that
// "Bagworth & Thornton", "bagworth and thornton" and "Bagworth and Thornton." all meet.

export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\((part)\)/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** UK postcodes compared without spaces, upper case: 'le17 4qb' and 'LE174QB' are the same key. */
export function postcodeKey(postcode: string): string {
  return postcode.replace(/\s+/g, '').toUpperCase();
}

/** The ONS 7-character display form is outward code + space + inward code. */
export function displayPostcode(postcode: string): string {
  const key = postcodeKey(postcode);
  return key.length > 3 ? `${key.slice(0, -3)} ${key.slice(-3)}` : key;
}
