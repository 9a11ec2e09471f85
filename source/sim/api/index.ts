import type {HandlerRegistry} from '../handler.js';
import {autoScalingHandlers} from './autoscaling.js';
import {cloudWatchHandlers} from './cloudwatch.js';
import {ec2Handlers} from './ec2.js';
import {ecsHandlers} from './ecs.js';
import {logsHandlers} from './logs.js';
import {stsHandlers} from './sts.js';

export const handlers: HandlerRegistry = {
	ecs: ecsHandlers,
	cloudwatch: cloudWatchHandlers,
	logs: logsHandlers,
	ec2: ec2Handlers,
	autoscaling: autoScalingHandlers,
	sts: stsHandlers,
};
