// Case-study groups as focusable markers over the map, each with its one-line story in a popup.
import { Marker, Popup, type Map as MapLibreMap } from 'maplibre-gl';
import { h } from '../dom.ts';
import { caseStudyNote } from '../panels/case-studies.ts';
import type { CaseStudyCollection } from '../types.ts';

export class CaseStudyMarkers {
  private markers: { marker: Marker; popup: Popup }[] = [];

  constructor(private readonly map: MapLibreMap) {}

  set(collection: CaseStudyCollection | null, visible: boolean): void {
    for (const m of this.markers) {
      m.marker.remove();
      m.popup.remove();
    }
    this.markers = (collection?.features ?? []).filter((f) => f.geometry?.type === 'Point').map((f) => {
      const p = f.properties;
      const at = f.geometry.coordinates as [number, number];
      const popup = new Popup({ offset: 16, maxWidth: '280px', focusAfterOpen: false }).setLngLat(at).setDOMContent(
        h('div', { class: 'case-popup' }, h('strong', {}, p.name), p.summary ? h('p', {}, p.summary) : null, h('p', { class: 'muted' }, caseStudyNote(p))),
      );
      // Not a tab stop: eighteen of them would stand between the map and its zoom buttons. Keyboard
      // users reach each story from the case-study list, whose "Show on map" opens it here.
      const el = h('button', { type: 'button', tabindex: '-1', class: 'case-marker', 'aria-label': `Case study: ${p.name}`, title: p.name }, h('span', { 'aria-hidden': 'true' }, '★'));
      // The popup is ours rather than Marker.setPopup, so a click and Enter toggle it exactly once,
      // and stopping the click keeps it from also selecting the area beneath the marker.
      el.addEventListener('click', (e) => {
        e.stopPropagation();
        if (popup.isOpen()) popup.remove();
        else popup.addTo(this.map);
      });
      return { marker: new Marker({ element: el }).setLngLat(at), popup };
    });
    this.show(visible);
  }

  show(visible: boolean): void {
    for (const m of this.markers) {
      if (visible) m.marker.addTo(this.map);
      else {
        m.marker.remove();
        m.popup.remove();
      }
    }
  }

  /** Flies to a case study and opens its story. */
  open(index: number): void {
    const m = this.markers[index];
    if (!m) return;
    if (!m.marker.getElement().isConnected) m.marker.addTo(this.map);
    this.map.flyTo({ center: m.marker.getLngLat(), zoom: Math.max(this.map.getZoom(), 11) });
    if (!m.popup.isOpen()) m.popup.addTo(this.map);
  }

  get count(): number {
    return this.markers.length;
  }
}
