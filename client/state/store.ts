// A minimal observable holder for the view state; every change is mirrored into the URL so the
// address bar is always a shareable link to what is on screen.
import { parseState, serialiseState, type AtlasState } from './url.ts';

export type Listener = (state: AtlasState, previous: AtlasState) => void;

export class StateStore {
  private listeners: Listener[] = [];
  /** True while listeners hear a state restored by Back or Forward (so they restore, not re-fit). */
  restoring = false;

  constructor(private state: AtlasState) {}

  get(): AtlasState {
    return this.state;
  }

  /** Applies a change (an object patch or a transition function) and notifies when anything differs. */
  set(change: Partial<AtlasState> | ((s: AtlasState) => AtlasState)): void {
    const previous = this.state;
    const next = typeof change === 'function' ? change(previous) : { ...previous, ...change };
    if (serialiseState(next) === serialiseState(previous)) {
      this.state = next;
      return;
    }
    this.state = next;
    for (const l of this.listeners) l(next, previous);
  }

  /** Applies a state from the browser history exactly as it was, camera included. */
  restore(state: AtlasState): void {
    this.restoring = true;
    try {
      this.set(state);
    } finally {
      this.restoring = false;
    }
  }

  subscribe(listener: Listener): void {
    this.listeners.push(listener);
  }
}

/** The state as a URL query with the camera left out: a change here is worth a history entry, a pan is not. */
const meaningful = (s: AtlasState) => serialiseState({ ...s, camera: null });

/**
 * Keeps the address bar in step with the state. Meaningful changes (layer, view, service, district,
 * selected area, tab, registers, markers, checker question) push a history entry; panning and
 * zooming replace the current one, so Back steps through what the user chose, not every drag.
 * Back and Forward hand the entry's state back to the store, marked as restored.
 */
export function mirrorToUrl(store: StateStore): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let shown = meaningful(store.get());
  // An embedded view (embed=1: the map without the page around it) stays embedded as it is used.
  const embed = new URLSearchParams(location.search).get('embed') === '1';
  const write = (s: AtlasState) => {
    const query = [serialiseState(s), embed ? 'embed=1' : ''].filter(Boolean).join('&');
    const url = `${location.pathname}${query ? `?${query}` : ''}`;
    if (meaningful(s) !== shown) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
    shown = meaningful(s);
  };
  store.subscribe((s) => {
    clearTimeout(timer);
    // The address already shows a restored state; writing it again would add an entry.
    if (store.restoring) {
      shown = meaningful(s);
      return;
    }
    // A meaningful change is written at once, so a quick pan after it cannot fold into its entry.
    if (meaningful(s) !== shown) write(s);
    else timer = setTimeout(() => write(s), 150);
  });
  window.addEventListener('popstate', () => {
    clearTimeout(timer);
    store.restore(parseState(location.search));
  });
}
