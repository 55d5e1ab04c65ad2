// Bootstrap of the document-reading worker process: load tsx, then the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./read-document.worker.ts');
