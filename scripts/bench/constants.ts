/** What every part of the bench agrees on: where the repository is, who the admin is, what it aims at. */
import { fileURLToPath } from 'node:url';

/** The repository's root: the service and the client processes run from here. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The service's first admin, created at its start from the environment, who sets everything up. */
export const ADMIN = { email: 'bench-admin@example.com', password: 'bench admin password' };
/** The targets of the issue: at this rate and this many agents, fan-out p99 and the service's RSS. */
export const TARGET = {
  rate: 200,
  agents: 1_000,
  p99Ms: 50,
  rssMb: 300,
  /** Fan-out p50 and p99 as multiples of the plain-ws floor's, measured in the same run. */
  floorRatioP50: 1.2,
  floorRatioP99: 1.5,
  /** Several instances: fan-out p99 to streams on another instance ÷ to streams on the written one. */
  crossInstanceRatioP99: 1.5,
  /** Service memory per connected agent: 20,000 agents in under 1 GB. */
  bytesPerAgent: 40 * 1024,
};
/** Changes per second when many agents idle and the bench asks for no rate: a trickle (capacity runs). */
export const TRICKLE_RATE = 10;
