import { lazy, type ComponentType } from 'react';

/**
 * A page loaded when its route is first visited, so the first page a phone downloads carries neither the charts of
 * the statistics nor the admin's forms. The pages are named exports; React.lazy wants a default one.
 */
export function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}
