// HTML overlays on the map: case-study groups as focusable markers with their one-line story, and
// district name labels (HTML, because the offline style has no glyphs for symbol layers).
import { Marker, Popup, type Map as MapLibreMap } from 'maplibre-gl';
import { h } from '../dom.ts';
import { caseStudyNote } from '../panels/case-studies.ts';
import type { CaseStudyCollection } from '../types.ts';

export class CaseStudyMarkers {
  private markers: { marker: Marker; popup: Popup }[] = [];

  constructor(private readonly map: MapLibreMap) {}

  set(collection: CaseStudyCollection | null, visible: boolean): void {
    for (const m of this.markers) m.marker.remove(), m.popup.remove();
    this.markers = (collection?.features ?? []).filter((f) => f.geometry?.type === 'Point').map((f) => {
      const p = f.properties;
      const at = f.geometry.coordinates as [number, number];
      const popup = new Popup({ offset: 16, maxWidth: '280px', focusAfterOpen: false }).setLngLat(at).setDOMContent(
        h('div', { class: 'case-popup' }, h('strong', {}, p.name), p.summary ? h('p', {}, p.summary) : null, h('p', { class: 'muted' }, caseStudyNote(p))),
      );
      const el = h('button', { type: 'button', class: 'case-marker', 'aria-label': `Case study: ${p.name}`, title: p.name }, h('span', { 'aria-hidden': 'true' }, '★'));
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
      else m.marker.remove(), m.popup.remove();
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

/** Above this zoom a district name would sit inside one parish and read as its name. */
const DISTRICT_LABEL_MAX_ZOOM = 10.5;

export class DistrictLabels {
  private markers: Marker[] = [];

  constructor(private readonly map: MapLibreMap) {
    const toggle = () => map.getContainer().classList.toggle('hide-district-labels', map.getZoom() > DISTRICT_LABEL_MAX_ZOOM);
    map.on('zoom', toggle);
    map.on('moveend', () => this.declutter());
    toggle();
  }

  /** Labels in priority order (the caller gives larger districts first). */
  set(labels: { name: string; at: [number, number] }[]): void {
    for (const m of this.markers) m.remove();
    this.markers = labels.map((l) =>
      new Marker({ element: h('div', { class: 'district-label', 'aria-hidden': 'true' }, l.name), anchor: 'center' }).setLngLat(l.at).addTo(this.map),
    );
    this.declutter();
  }

  /** Hides a label that would overlap one placed before it (Blaby and Oadby and Wigston are close). */
  private declutter(): void {
    const placed: DOMRect[] = [];
    for (const m of this.markers) {
      const el = m.getElement();
      el.classList.remove('overlapped');
      const r = el.getBoundingClientRect();
      const hit = placed.some((p) => r.left < p.right && r.right > p.left && r.top < p.bottom && r.bottom > p.top);
      if (hit) el.classList.add('overlapped');
      else placed.push(r);
    }
  }
}
