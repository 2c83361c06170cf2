// geojson-validation ships no types; these are the two checks the build uses.
declare module 'geojson-validation' {
  /** With trace = true, returns a list of problems (empty when valid) instead of a boolean. */
  export function isFeature(object: unknown, trace: true): string[] | boolean;
  export function valid(object: unknown, trace: true): string[] | boolean;
  const GJV: { isFeature: typeof isFeature; valid: typeof valid };
  export default GJV;
}
