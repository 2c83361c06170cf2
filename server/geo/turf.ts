// The few turf functions the server uses, each from its own package: loading the whole @turf/turf
// bundle takes about 0.6 s, which was a third of the server's start-up.
export { bbox } from '@turf/bbox';
export { bboxPolygon } from '@turf/bbox-polygon';
export { booleanIntersects } from '@turf/boolean-intersects';
export { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
export { centerOfMass } from '@turf/center-of-mass';
export { distance } from '@turf/distance';
export { feature } from '@turf/helpers';
export { pointOnFeature } from '@turf/point-on-feature';
export { pointToPolygonDistance } from '@turf/point-to-polygon-distance';
export { rewind } from '@turf/rewind';
