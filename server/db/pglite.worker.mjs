// Bootstrap of the PGlite worker thread: load tsx in this thread, then the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./pglite.worker.ts');
