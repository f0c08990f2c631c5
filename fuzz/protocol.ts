// What the runner and a fuzz thread exchange: the thread's input, its findings, and the shared
// slot where the case being checked is kept (so a hang or crash can still be named).

export interface WorkerInput {
  target: string;
  seeds: Uint8Array[];
  /** How long to make cases, counted from the end of the target's setup. */
  budgetMs: number;
  seed: number;
  /** Int32 case counter, Int32 length, then CASE_SLOT bytes of the current case. */
  shared: SharedArrayBuffer;
}

export interface ReportedFinding {
  target: string;
  kind: string;
  message: string;
  /** base64 of the minimised input */
  input: string;
}

export const CASE_SLOT = 8 * 1024 * 1024;
