// What the package exports to its users: the contract of a lock-client module of their own
// (`fencecheck test --lock-client ./my-lock.mjs`) and the error that says "certainly not acquired".
export type { LockClient, LockClientConfig, LockClientFactory } from './backends/lock-client.js';
export { DefiniteFailure } from './workloads/outcome-errors.js';
