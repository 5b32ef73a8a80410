import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { bundleWorkflowCode, DefaultLogger, type BundleOptions } from '@temporalio/worker';

/** The project root: the repository in source form, `dist/` once compiled (tsc keeps the layout). */
const ROOT = resolve(__dirname, '../..');

export const WORKFLOWS_PATH = resolve(ROOT, 'workflows');

/**
 * Where `npm run build` leaves the prebuilt workflow bundle (`dist/workflow-bundle.js`). A worker that finds it
 * starts without running webpack; in source form there is none and the worker bundles at start-up.
 */
export const BUILT_BUNDLE_PATH = resolve(ROOT, 'workflow-bundle.js');

type WebpackConfigHook = NonNullable<BundleOptions['webpackConfigHook']>;

/**
 * The workflow bundle is built by Temporal's webpack, which knows nothing of tsconfig `paths`;
 * these aliases let workflow code import `@domain/*` in source and in `dist/` alike.
 * `aliases` come first, so a more specific one (e.g. `@domain/deadlines$`) wins over `@domain`.
 */
export function workflowBundlerOptions(
  aliases: Record<string, string> = {},
): Pick<BundleOptions, 'webpackConfigHook'> {
  const hook: WebpackConfigHook = (config) => {
    config.resolve = config.resolve ?? {};
    config.resolve.alias = {
      ...aliases,
      ...(config.resolve.alias as Record<string, string>),
      '@domain': resolve(ROOT, 'libs/domain'),
      '@activities': resolve(ROOT, 'activities'),
    };
    return config;
  };
  return { webpackConfigHook: hook };
}

/** Bundles the workflows into one file a worker loads with `workflowBundle: { codePath }`. */
export async function writeWorkflowBundle(
  path: string,
  aliases: Record<string, string> = {},
): Promise<number> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve(WORKFLOWS_PATH),
    ...workflowBundlerOptions(aliases),
    logger: new DefaultLogger('WARN'),
  });
  await writeFile(path, code);
  return Buffer.byteLength(code);
}

/** The prebuilt bundle if this is a build that has one. */
export function builtBundlePath(): string | undefined {
  return existsSync(BUILT_BUNDLE_PATH) ? BUILT_BUNDLE_PATH : undefined;
}
