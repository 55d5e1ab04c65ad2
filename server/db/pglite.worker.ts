import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, types } from '@electric-sql/pglite';
import type {
  WorkerError,
  WorkerInit,
  WorkerNotification,
  WorkerRequest,
  WorkerResponse,
} from './pglite-protocol.ts';

/*
 * PGlite runs each query on the thread that calls it; in this worker a long roll-up no longer
 * blocks the server's event loop. Dates and timestamps come back as text, as drizzle's own
 * PGlite driver configures them, so both engines hand the same values to the schema's mappers.
 */
const keepText = (value: string): string => value;
const parsers = {
  [types.TIMESTAMP]: keepText,
  [types.TIMESTAMPTZ]: keepText,
  [types.INTERVAL]: keepText,
  [types.DATE]: keepText,
  [types.INT8]: (value: string): number => Number(value),
  [types.NUMERIC]: keepText,
  1231: keepText,
  1115: keepText,
  1185: keepText,
  1187: keepText,
  1182: keepText,
};

const init = workerData as WorkerInit;
const db = new PGlite(init.dataDir ?? undefined);
const port = parentPort!;

function toError(error: unknown): WorkerError {
  const e = error as { message?: string; code?: string; detail?: string; constraint?: string };
  return {
    message: e.message ?? String(error),
    ...(e.code ? { code: e.code } : {}),
    ...(e.detail ? { detail: e.detail } : {}),
    ...(e.constraint ? { constraint: e.constraint } : {}),
  };
}

async function handle(request: WorkerRequest): Promise<WorkerResponse> {
  switch (request.type) {
    case 'query': {
      const result = await db.query(request.sql, request.params, { rowMode: request.rowMode, parsers });
      return { id: request.id, ok: true, rows: result.rows, affectedRows: result.affectedRows ?? 0 };
    }
    case 'exec': {
      const results = await db.exec(request.sql);
      const last = results[results.length - 1];
      return { id: request.id, ok: true, rows: last?.rows ?? [], affectedRows: last?.affectedRows ?? 0 };
    }
    case 'copyFrom': {
      const blob = new Blob([request.data]);
      const result = await db.query(request.sql, [], { blob });
      return { id: request.id, ok: true, rows: [], affectedRows: result.affectedRows ?? 0 };
    }
    case 'dump': {
      const file = await db.dumpDataDir('none');
      return {
        id: request.id,
        ok: true,
        rows: [],
        affectedRows: 0,
        blob: new Uint8Array(await file.arrayBuffer()),
      };
    }
    case 'listen': {
      const channel = request.channel;
      await db.listen(channel, (payload) => {
        const message: WorkerNotification = { type: 'notify', channel, payload };
        port.postMessage(message);
      });
      return { id: request.id, ok: true, rows: [], affectedRows: 0 };
    }
    case 'close': {
      await db.close();
      return { id: request.id, ok: true, rows: [], affectedRows: 0 };
    }
  }
}

// Requests are handled strictly one after another: PGlite is a single connection.
let chain: Promise<void> = db.waitReady;
port.on('message', (request: WorkerRequest) => {
  chain = chain.then(async () => {
    let response: WorkerResponse;
    try {
      response = await handle(request);
    } catch (error) {
      response = { id: request.id, ok: false, error: toError(error) };
    }
    port.postMessage(response);
    if (request.type === 'close') port.close();
  });
});
