import {describe, expect, it} from 'vitest';
import {consoleUrl, parseArn} from '../../source/model/console-url.js';

describe('AWS console URLs', () => {
	it.each([
		[
			'arn:aws:ecs:eu-west-1:123456789012:cluster/web',
			'https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/web/services?region=eu-west-1',
		],
		[
			'arn:aws:ecs:us-east-1:123456789012:service/web/api',
			'https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/web/services/api/health?region=us-east-1',
		],
		[
			'arn:aws:ecs:us-east-1:123456789012:task/web/0123456789abcdef0123456789abcdef',
			'https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/web/tasks/0123456789abcdef0123456789abcdef/configuration?region=us-east-1',
		],
		[
			'arn:aws:ecs:us-east-1:123456789012:container-instance/web/5b4a0e2cf0f3423aa1b7b6d7a3c1e111',
			'https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/web/infrastructure/container-instances/5b4a0e2cf0f3423aa1b7b6d7a3c1e111/configuration?region=us-east-1',
		],
		[
			'arn:aws:ecs:us-east-1:123456789012:task-definition/api:3',
			'https://us-east-1.console.aws.amazon.com/ecs/v2/task-definitions/api/3/containers?region=us-east-1',
		],
	])('%s', (arn, url) => {
		expect(consoleUrl(arn)).toBe(url);
	});

	it('opens the China and GovCloud consoles for their partitions, in the ARN region', () => {
		expect(consoleUrl('arn:aws-cn:ecs:cn-north-1:123456789012:cluster/web')).toBe(
			'https://console.amazonaws.cn/ecs/v2/clusters/web/services?region=cn-north-1',
		);
		expect(consoleUrl('arn:aws-us-gov:ecs:us-gov-west-1:123456789012:service/web/api')).toBe(
			'https://console.amazonaws-us-gov.com/ecs/v2/clusters/web/services/api/health?region=us-gov-west-1',
		);
	});

	it('places an old-format service ARN in the cluster the caller names', () => {
		expect(consoleUrl('arn:aws:ecs:us-east-1:123456789012:service/api', 'web')).toContain(
			'/clusters/web/services/api/health',
		);
		expect(consoleUrl('arn:aws:ecs:us-east-1:123456789012:service/api')).toBeUndefined();
	});

	it('has no URL for what is not an ECS ARN of a known partition', () => {
		expect(consoleUrl('web')).toBeUndefined();
		expect(consoleUrl('arn:aws:iam::123456789012:role/x')).toBeUndefined();
		expect(consoleUrl('arn:aws-iso:ecs:us-iso-east-1:123456789012:cluster/web')).toBeUndefined();
		expect(parseArn('arn:aws:ecs:us-east-1:1:task-definition/api:3')?.resource).toBe(
			'task-definition/api:3',
		);
	});

	it('escapes names so a URL stays one URL', () => {
		expect(consoleUrl('arn:aws:ecs:us-east-1:123456789012:cluster/a b?c')).toContain(
			'clusters/a%20b%3Fc/services',
		);
	});
});
