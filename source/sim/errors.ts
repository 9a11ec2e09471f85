/**
 * An error the simulator answers with. Each protocol serializer turns it into that protocol's own
 * error shape (JSON `__type`, EC2 `<Response><Errors>`, query `<ErrorResponse>`), so the SDK raises
 * its typed exception (e.g. `ClusterNotFoundException`) with the status given here.
 */
export class SimError extends Error {
	readonly code: string;
	readonly status: number;
	/** Query protocols say whether the caller or the service was at fault. */
	readonly fault: 'Sender' | 'Receiver';

	constructor(
		code: string,
		message: string,
		options: {status?: number; fault?: 'Sender' | 'Receiver'} = {},
	) {
		super(message);
		this.name = 'SimError';
		this.code = code;
		this.status = options.status ?? 400;
		this.fault = options.fault ?? (this.status >= 500 ? 'Receiver' : 'Sender');
	}
}

// The ECS error codes the SDK models as typed exceptions.
export const clusterNotFound = (): SimError =>
	new SimError('ClusterNotFoundException', 'Cluster not found.');
export const serviceNotFound = (): SimError =>
	new SimError('ServiceNotFoundException', 'Service not found.');
export const invalidParameter = (message: string): SimError =>
	new SimError('InvalidParameterException', message);
export const clientError = (message: string): SimError => new SimError('ClientException', message);
