// The pin that marks where a postcode is (its ONS grid point), with the postcode as its label.
// One pin at a time: a new postcode moves it, and clearing the answer removes it.
import { Marker, Popup, type Map as MapLibreMap } from 'maplibre-gl';
import { h } from '../dom.ts';

export class PostcodePin {
  private marker: Marker | null = null;
  private popup: Popup | null = null;

  constructor(private readonly map: MapLibreMap) {}

  /** @param note - the answer in brief, shown beside the pin (search gives one; the checker has its own text). */
  show(lon: number, lat: number, postcode: string, note?: HTMLElement): void {
    this.clear();
    // Not a button: the answer beside the map says the same in words; the pin only shows where.
    const el = h('div', { class: 'postcode-pin', role: 'img', 'aria-label': `Postcode ${postcode}`, title: `Postcode ${postcode}`, 'data-testid': 'postcode-pin' }, h('span', { class: 'postcode-pin-label' }, postcode));
    this.marker = new Marker({ element: el, anchor: 'bottom' }).setLngLat([lon, lat]).addTo(this.map);
    if (note) this.popup = new Popup({ offset: 30, maxWidth: '300px', focusAfterOpen: false, closeOnClick: false }).setLngLat([lon, lat]).setDOMContent(note).addTo(this.map);
    this.map.flyTo({ center: [lon, lat], zoom: Math.max(this.map.getZoom(), 13), duration: 600 });
  }

  clear(): void {
    this.marker?.remove();
    this.popup?.remove();
    this.marker = null;
    this.popup = null;
  }
}
