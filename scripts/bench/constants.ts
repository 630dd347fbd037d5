/** What every part of the bench agrees on: where the repository is, who the admin is, what it aims at. */
import { fileURLToPath } from 'node:url';

/** The repository's root: the service and the client processes run from here. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The service's first admin, created at its start from the environment, who sets everything up. */
export const ADMIN = { email: 'bench-admin@example.com', password: 'bench admin password' };
/** The targets of the issue: at this rate and this many agents, fan-out p99 and the service's RSS. */
export const TARGET = { rate: 200, agents: 1_000, p99Ms: 50, rssMb: 300 };
