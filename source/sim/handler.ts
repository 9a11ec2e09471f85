/**
 * The contract between the wire layer (server + protocol codecs) and the API layer
 * (source/sim/api/*). A handler gets the decoded request as plain data and returns plain data:
 *
 * - JSON protocols (ECS, CloudWatch, CloudWatch Logs): input and output are the JSON bodies exactly as the API
 *   model names them (`clusterArns`, `nextToken`, ...). Timestamps are returned as `Date`; the
 *   codec writes epoch seconds.
 * - Query protocols (EC2, Auto Scaling, STS): input is the form body decoded into nested objects
 *   and arrays (`Filter.1.Value.1` -> `{Filter: [{Value: ['x']}]}`, `AutoScalingGroupNames.member.1`
 *   -> `{AutoScalingGroupNames: ['x']}`); output is an object whose keys are the XML element names
 *   of the result (`reservationSet`, `AutoScalingGroups`), arrays become `<item>` (EC2) or
 *   `<member>` (query) lists, `Date` becomes ISO 8601, booleans `true`/`false`.
 *
 * A handler throws `SimError` for an API error; anything else thrown is a 500 InternalFailure.
 */
import type {World} from './world/world.js';

export type ServiceName = 'ecs' | 'cloudwatch' | 'logs' | 'ec2' | 'autoscaling' | 'sts';

export interface RequestContext {
	world: World;
	service: ServiceName;
	operation: string;
	/** The region the request was signed for (from the Authorization header), or the world's. */
	region: string;
	/** The access key id from the Authorization header, used as the caller's identity. */
	accessKeyId: string;
}

export type OperationHandler = (input: Record<string, unknown>, context: RequestContext) => unknown;

export type OperationTable = Record<string, OperationHandler>;

export type HandlerRegistry = Record<ServiceName, OperationTable>;
