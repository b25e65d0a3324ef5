/**
 * What the cross-file rules may know besides the repository. Here, below every checker, so the
 * rules kept beside their domain (department, scoring, appraisal privacy) need not import the
 * orchestrator that runs them.
 */
export interface CheckContext {
  /** Milliseconds since the epoch. */
  now: number;
}
