import {describe, expect, it} from 'vitest';
import {placementReport} from '../../source/model/placement-reasons.js';
import {detailRows} from '../../source/ui/details/detail-lines.js';
import {describeInstances, placementLines} from '../../source/ui/details/placement-lines.js';
import {modelBuilders} from '../helpers/model-builders.js';

const b = modelBuilders({now: Date.UTC(2026, 0, 10, 12)});

const many = Array.from({length: 300}, (_, i) =>
	b.containerInstance({
		arn: `arn:aws:ecs:us-east-1:123456789012:container-instance/web/ci${i}`,
		ec2InstanceId: `i-${i}`,
		instanceType: 'c5.xlarge',
		cpuRemaining: 128,
	}),
);

describe('placement section of the service detail', () => {
	it('names 300 alike instances in one short line', () => {
		expect(describeInstances(many)).toBe('300 c5.xlarge instances (i-0, i-1, i-2 +297 more)');
	});

	it('reads as one line per group, each within 80 columns once wrapped', () => {
		const report = placementReport({
			service: b.service({placementConstraints: [], capacityProviderStrategy: []}),
			taskDefinition: b.taskDefinition({cpu: '512', memory: '1024'}),
			instances: many,
			tasks: [],
		});
		const lines = placementLines(report, 3);
		const words = lines.map((line) =>
			line.kind === 'text'
				? line.segments.map((part) => part.text).join('')
				: line.kind === 'heading'
					? line.text
					: '',
		);
		expect(words).toEqual([
			'Why tasks are not placed (3 tasks waiting)',
			'  each task needs 512 CPU units, 1024 MiB',
			'  300 c5.xlarge instances (i-0, i-1, i-2 +297 more): CPU short by 384 units',
		]);
		for (const row of detailRows(lines, 80))
			expect(row.reduce((sum, part) => sum + part.text.length, 0)).toBeLessThanOrEqual(80);
	});

	it('says so for Fargate and for a cluster without instances', () => {
		const fargate = placementReport({
			service: b.service({launchType: 'FARGATE', capacityProviderStrategy: []}),
			taskDefinition: b.taskDefinition(),
			instances: [],
			tasks: [],
		});
		expect(JSON.stringify(placementLines(fargate, 1))).toContain('AWS places its tasks');
	});
});
