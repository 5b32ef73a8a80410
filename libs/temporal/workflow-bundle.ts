import { resolve } from 'node:path';
import type { BundleOptions } from '@temporalio/worker';

/** The project root: the repository in source form, `dist/` once compiled (tsc keeps the layout). */
const ROOT = resolve(__dirname, '../..');

export const WORKFLOWS_PATH = resolve(ROOT, 'workflows');

/**
 * The workflow bundle is built by Temporal's webpack, which knows nothing of tsconfig `paths`;
 * these aliases let workflow code import `@domain/*` in source and in `dist/` alike.
 */
export function workflowBundlerOptions(): Pick<BundleOptions, 'webpackConfigHook'> {
  return {
    webpackConfigHook: (config) => {
      config.resolve = config.resolve ?? {};
      config.resolve.alias = {
        ...(config.resolve.alias as Record<string, string>),
        '@domain': resolve(ROOT, 'libs/domain'),
        '@activities': resolve(ROOT, 'activities'),
      };
      return config;
    },
  };
}
