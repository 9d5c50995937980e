/**
 * On a one-column (phone) layout a result appears below what the person just touched, often
 * off screen: bring it into view, as little as needed. On wide layouts it sits beside the
 * control and stays put.
 */
export function revealOnNarrowScreen(el: HTMLElement | null): void {
  if (!el || !window.matchMedia('(max-width: 1023px)').matches) return;
  const r = el.getBoundingClientRect();
  if (r.top >= 0 && r.bottom <= window.innerHeight) return;
  el.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
}
