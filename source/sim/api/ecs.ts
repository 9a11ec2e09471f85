/**
 * The ECS API of the simulator: one table of awsJson1_1 operations, assembled from modules that
 * each own one resource kind. Handlers validate and shape requests and responses as ECS does;
 * placement and lifecycle belong to the world.
 */
import type {OperationTable} from '../handler.js';
import {capacityProviderHandlers} from './ecs-capacity-providers.js';
import {clusterHandlers} from './ecs-clusters.js';
import {instanceHandlers} from './ecs-instances.js';
import {serviceHandlers} from './ecs-services.js';
import {tagHandlers} from './ecs-tags.js';
import {taskDefinitionHandlers} from './ecs-task-definitions.js';
import {taskHandlers} from './ecs-tasks.js';

export const ecsHandlers: OperationTable = {
	...clusterHandlers,
	...capacityProviderHandlers,
	...serviceHandlers,
	...taskHandlers,
	...instanceHandlers,
	...taskDefinitionHandlers,
	...tagHandlers,
};
