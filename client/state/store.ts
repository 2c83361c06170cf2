// A minimal observable holder for the view state; every change is mirrored into the URL so the
// address bar is always a shareable link to what is on screen.
import { serialiseState, type AtlasState } from './url.ts';

export type Listener = (state: AtlasState, previous: AtlasState) => void;

export class StateStore {
  private listeners: Listener[] = [];

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

  subscribe(listener: Listener): void {
    this.listeners.push(listener);
  }
}

/** Keeps the address bar in step with the state without adding history entries for every pan. */
export function mirrorToUrl(store: StateStore): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  store.subscribe((s) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const query = serialiseState(s);
      history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}`);
    }, 150);
  });
}
