/** Messages between the main thread and the PGlite worker. */

export type WorkerCommand =
  | { type: 'query'; sql: string; params: unknown[]; rowMode: 'array' | 'object' }
  | { type: 'exec'; sql: string }
  | { type: 'copyFrom'; sql: string; data: string }
  | { type: 'dump' }
  | { type: 'listen'; channel: string }
  | { type: 'close' };

export type WorkerRequest = WorkerCommand & { id: number };

export interface WorkerError {
  message: string;
  code?: string;
  detail?: string;
  constraint?: string;
}

export type WorkerResponse =
  | { id: number; ok: true; rows: unknown[]; affectedRows: number; blob?: Uint8Array }
  | { id: number; ok: false; error: WorkerError };

/** A NOTIFY delivered on a channel the worker listens on (it carries no request id). */
export interface WorkerNotification {
  type: 'notify';
  channel: string;
  payload: string;
}

export type WorkerMessage = WorkerResponse | WorkerNotification;

export interface WorkerInit {
  dataDir: string | null;
}
