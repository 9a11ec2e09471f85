/**
 * The CloudWatch Logs API of the simulator (awsJson1_1, `Logs_20140328`): groups, streams, and
 * the events the world's containers write through the awslogs driver.
 */
import type {OperationTable} from '../handler.js';
import {logEventHandlers} from './logs-events.js';
import {logFilterHandlers} from './logs-filter.js';
import {logGroupHandlers} from './logs-groups.js';
import {logStreamHandlers} from './logs-streams.js';

export const logsHandlers: OperationTable = {
	...logGroupHandlers,
	...logStreamHandlers,
	...logEventHandlers,
	...logFilterHandlers,
};
