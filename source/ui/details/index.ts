// The detail views the shell shows on Enter, and what it needs to scroll them.
export {DetailView, type DetailViewport} from './detail-view.js';
export {
	clampDetailScroll,
	detailLineCount,
	detailWindow,
	type DetailContext,
	type DetailLine,
} from './detail-lines.js';
export {ServiceDetail, serviceDetailLines, type ServiceDetailProps} from './service-detail.js';
export {TaskDetail, taskDetailLines, type TaskDetailProps} from './task-detail.js';
export {
	InstanceDetail,
	instanceDetailLines,
	type InstanceAttribute,
	type InstanceDetailProps,
} from './instance-detail.js';
export {
	TaskDefinitionDetail,
	taskDefinitionDetailLines,
	type TaskDefinitionDetailProps,
} from './task-definition-detail.js';
export {
	latestRevision,
	taskDefinitionColumns,
	taskDefinitionRows,
	type TaskDefinitionFamily,
} from './task-definitions-list.js';
