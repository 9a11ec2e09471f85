// The app's domain: plain readonly data the adapters return and the UI and --json print.
export * from './arn.js';
export * from './auto-scaling-group.js';
export * from './capacity-provider.js';
export * from './cluster.js';
export * from './container-instance.js';
export * from './ec2-instance.js';
export * from './failure.js';
export * from './identity.js';
export * from './metrics.js';
export * from './service.js';
export * from './task-definition.js';
export * from './task.js';
