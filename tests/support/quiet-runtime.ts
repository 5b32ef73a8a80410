import { installQuietRuntime } from '@temporal-lib/runtime';

installQuietRuntime();
