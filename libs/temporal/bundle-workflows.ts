import { BUILT_BUNDLE_PATH, writeWorkflowBundle } from './workflow-bundle';

/** `npm run build`'s last step: the workflow bundle, so a worker starts without webpack (BENCHMARKS.md). */
writeWorkflowBundle(BUILT_BUNDLE_PATH).then(
  (bytes) => console.log(`workflow bundle: ${BUILT_BUNDLE_PATH} (${(bytes / 1024).toFixed(0)} KiB)`),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
