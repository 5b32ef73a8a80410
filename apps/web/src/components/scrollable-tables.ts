import { useEffect, type RefObject } from 'react';

/** The tables that scroll inside their own box on a narrow screen (styles.css: `.table:not(.stack)`). */
const SCROLLING = 'table.table:not(.stack)';

/** A table wider than its box scrolls; it takes the focus then, so the keyboard can scroll it (WCAG 2.1.1). */
function mark(table: HTMLElement): void {
  const scrolls = table.scrollWidth > table.clientWidth + 1;
  if (scrolls && !table.hasAttribute('tabindex')) table.setAttribute('tabindex', '0');
  if (!scrolls && table.getAttribute('tabindex') === '0') table.removeAttribute('tabindex');
}

/**
 * Every wide table inside `root`, on every page, whoever wrote it: on a phone it scrolls sideways inside its own
 * box rather than widening the page, and a box that scrolls must be reachable by the keyboard. Done here once, as
 * the pages change and the window is resized, rather than by each page.
 */
export function useScrollableTables(root: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const element = root.current;
    if (!element) return;
    let queued = 0;
    const update = () => {
      queued = 0;
      element.querySelectorAll<HTMLElement>(SCROLLING).forEach(mark);
    };
    const schedule = () => {
      if (!queued) queued = requestAnimationFrame(update);
    };
    const observer = new MutationObserver(schedule);
    observer.observe(element, { childList: true, subtree: true });
    window.addEventListener('resize', schedule);
    update();
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', schedule);
      if (queued) cancelAnimationFrame(queued);
    };
  }, [root]);
}
