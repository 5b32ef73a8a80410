import type { Page } from 'playwright-core';

/** The smallest target a thumb hits reliably (WCAG 2.5.5, Apple's and Google's guidance): 44×44 CSS pixels. */
export const TOUCH_TARGET = 44;

/**
 * What makes the page wider than the window, or [] when nothing does: document.documentElement.scrollWidth
 * against its clientWidth, and, when it is wider, the outermost elements reaching past the right edge (a failing test
 * names them). Elements inside a box that scrolls on its own (a wide admin table) do not widen the page and are not
 * named. Runs in the page as a string: the tests compile without the DOM's types.
 */
export async function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const doc = document.documentElement;
    // The layout viewport: a phone's innerWidth grows to the content when the page is too wide (it zooms out to
    // fit), so it cannot be the measure; clientWidth stays the 390 px of the screen.
    const width = doc.clientWidth;
    if (doc.scrollWidth <= width) return [];
    const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
      ' "' + (el.textContent || '').trim().slice(0, 40) + '"';
    // Inside a box that scrolls (or clips) and itself fits, an element does not widen the page.
    const scrollsItself = (el) => {
      for (let p = el.parentElement; p && p !== doc && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o !== 'visible') return p.getBoundingClientRect().right <= width + 0.5;
      }
      return false;
    };
    const wide = [...document.querySelectorAll('body *')].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.right > width + 0.5 && !scrollsItself(el);
    });
    // The outermost ones: an element whose parent is also too wide is the parent's doing.
    const outermost = wide.filter((el) => !wide.includes(el.parentElement));
    return ['scrollWidth ' + doc.scrollWidth + ' > clientWidth ' + width + ' (innerWidth ' + innerWidth + ')',
      ...outermost.slice(0, 8).map((el) => describe(el) + ' right=' + Math.round(el.getBoundingClientRect().right))];
  })()`);
}

/**
 * The interactive elements smaller than 44×44 px, each named with its size, or [] when there are none: buttons,
 * link-styled buttons, form fields, the links of the navigation, of lists and of table rows (a link inside running
 * text is exempt, as in WCAG 2.5.8), and checkboxes and radios by their label, which is what a finger hits.
 * Hidden elements (display none, visually hidden, zero size) are not targets.
 */
export async function smallTouchTargets(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const min = ${TOUCH_TARGET} - 0.5;
    const selector = 'button, .button, input:not([type=hidden]), select, textarea, summary, nav a, li > a, td a, ' +
      '[role=button], [role=tab], [role=menuitem]';
    const hiddenByClip = (el) => {
      for (let p = el; p; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (s.clip === 'rect(0px, 0px, 0px, 0px)' || s.visibility === 'hidden') return true;
      }
      return false;
    };
    const describe = (el) => {
      const name = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('name') || el.id || '').trim();
      return el.tagName.toLowerCase() + (el.type ? '[type=' + el.type + ']' : '') + ' "' + name.slice(0, 40) + '"';
    };
    const out = [];
    for (const el of document.querySelectorAll(selector)) {
      const checkable = el.matches('input[type=checkbox], input[type=radio]');
      const label = checkable ? el.closest('label') || (el.id && document.querySelector('label[for="' + el.id + '"]')) : null;
      const target = label || el;
      const r = target.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || hiddenByClip(el)) continue;
      if (r.width < min || r.height < min) {
        out.push(describe(el) + (label ? ' (its label)' : '') + ' is ' + Math.round(r.width) + '×' + Math.round(r.height));
      }
    }
    return out;
  })()`);
}
