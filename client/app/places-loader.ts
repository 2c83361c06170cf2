// The places each area of the places layer covers (LSOAs: parishes and wards), fetched once when first
// needed and kept, so tooltips, the panel and the table name them; whoever shows them is told on arrival.
import { lsoaPlaces, placesText, type LsoaPlace } from '../places.ts';

export class PlacesLoader {
  /** The places by area code, once fetched (null until then). */
  private places: Record<string, LsoaPlace[]> | null = null;

  /** arrived: called once, when the places first come in (to redraw a tooltip or table already showing). */
  constructor(private readonly arrived: () => void) {}

  get loaded(): boolean {
    return this.places !== null;
  }

  /** The area's places in words; asks for them (once) when not yet fetched. */
  of(code: string): string | null {
    if (!this.places) void this.load();
    return placesText(this.places?.[code]);
  }

  /** The look-up for the table, or null until the places are in. */
  lookup(): ((code: string) => string | null) | null {
    const places = this.places;
    return places ? (code) => placesText(places[code]) : null;
  }

  /** Fetches the places (lsoaPlaces asks once); a failure leaves the names out rather than breaking the page. */
  load(): Promise<void> {
    return lsoaPlaces()
      .then((p) => {
        if (this.places === p) return;
        this.places = p;
        this.arrived();
      })
      .catch(() => {});
  }
}
