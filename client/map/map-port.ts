// What the app needs from a map, so the page still works when there is none: without WebGL the
// legend, table, service checker, search and downloads carry on and the map area says why it is empty.
import type { ClassifiedView } from '../layers/view-types.ts';
import type { LayerData } from '../state/layer-data.ts';

/** What the map draws a layer from: its attributes (LayerData) or, drawn from tiles, its summary (LayerOutline). */
export type MapLayer = Pick<LayerData, 'collection' | 'views' | 'districtLabels'>;
import type { Camera } from '../state/url.ts';
import type { CaseStudyCollection } from '../types.ts';
import { h } from '../dom.ts';

export type BBox = [number, number, number, number];

export interface MapPort {
  showLayer(data: MapLayer): void;
  /** Colours the areas in the district (and, when given, only those codes: the filters); the rest stay faint context. */
  setView(view: ClassifiedView, district: string | null, only?: readonly string[] | null): void;
  select(code: string | null): void;
  fit(bbox: BBox, maxZoom?: number): void;
  fitAll(bboxes: BBox[]): void;
  onMove(listener: (camera: Camera) => void): void;
  /** The current position (null without a map). */
  camera(): Camera | null;
  /** Moves at once, without animation (restoring a position from history). */
  jumpTo(camera: Camera): void;
  /** The sentence a screen reader hears for the map. */
  describe(sentence: string): void;
  /** Marks where a postcode is and moves there; null removes the mark. */
  pinPostcode(at: { lon: number; lat: number; postcode: string; note?: HTMLElement } | null): void;
  setCaseStudies(collection: CaseStudyCollection | null, visible: boolean): void;
  showCaseStudies(visible: boolean): void;
  openCaseStudy(index: number): void;
  readonly caseStudyCount: number;
  /** Writes the hover tooltip again (something it shows has just loaded). */
  refreshTooltip(): void;
  resize(): void;
  idle(): Promise<void>;
}

export class NoMap implements MapPort {
  readonly caseStudyCount = 0;

  constructor(container: HTMLElement, reason: string) {
    container.append(
      h('p', { class: 'notice no-map', role: 'alert' }, `The map cannot be shown: ${reason} The Table tab and the service checker give the same information without it.`),
    );
  }

  showLayer(): void {}
  setView(): void {}
  select(): void {}
  fit(): void {}
  fitAll(): void {}
  onMove(): void {}
  camera(): null {
    return null;
  }

  jumpTo(): void {}
  describe(): void {}
  pinPostcode(): void {}
  setCaseStudies(): void {}
  showCaseStudies(): void {}
  openCaseStudy(): void {}
  refreshTooltip(): void {}
  resize(): void {}
  idle(): Promise<void> {
    return Promise.resolve();
  }
}
