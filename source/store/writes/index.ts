/** The action layer: keys -> actions -> AWS -> store. The UI talks to it through ActionRunner. */
export {createActionRunner, defaultTaskQuota, type ActionRunnerOptions} from './runner.js';
export {createAuditLog, defaultAuditLogPath, type AuditEntry, type AuditLog} from './audit-log.js';
export type {ActionAdapters} from './send-work.js';
export type * from './types.js';
