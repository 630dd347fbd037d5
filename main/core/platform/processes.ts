/**
 * The process-launching seam: starting a remote-control client's program for Connect. Only a desktop
 * host has one (`main/core/handoff/node/`: finds the program — a path, PATH, the usual places — and spawns
 * it without a shell, detached, watching its exit). The web console has none: it opens clients through
 * their link schemes, and a client only a command line can start is refused with `needs_desktop_app`.
 */
import type { LaunchPlan } from '../handoff/launch-plan';
import type { LaunchResult } from '../handoff/launcher';

export interface ProcessStarter {
  /** Finds the plan's program and starts it, or answers why it could not (never throws). */
  start(plan: Extract<LaunchPlan, { kind: 'process' }>, client: string): Promise<LaunchResult>;
}
