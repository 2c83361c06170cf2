// Map / Table / Service checker tabs (WAI-ARIA tabs pattern: arrow keys move between tabs).
import { TAB_IDS, type TabId } from '../state/ids.ts';

export function wireTabs(choose: (tab: TabId) => void): void {
  const tabs = TAB_IDS.map((id) => document.getElementById(`tab-btn-${id}`) as HTMLButtonElement);
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => choose(TAB_IDS[i]));
    tab.addEventListener('keydown', (e) => {
      const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (!step) return;
      e.preventDefault();
      const next = (i + step + tabs.length) % tabs.length;
      tabs[next].focus();
      choose(TAB_IDS[next]);
    });
  });
}

export function renderTabs(active: TabId): void {
  for (const id of TAB_IDS) {
    const tab = document.getElementById(`tab-btn-${id}`)!;
    tab.setAttribute('aria-selected', String(id === active));
    tab.tabIndex = id === active ? 0 : -1;
    const panel = document.getElementById(`tab-${id}`)!;
    // The map keeps its size while another tab is showing (invisible, not display:none), so
    // MapLibre never measures a zero-sized container.
    if (id === 'map') panel.classList.toggle('inactive', id !== active);
    else panel.hidden = id !== active;
  }
}
