import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import stringWidth from 'string-width';
import {TaskDetail, taskDetailLines} from '../../source/ui/details/task-detail.js';
import {shortImage} from '../../source/ui/details/detail-format.js';
import {fitLine, labelWidth, type DetailLine} from '../../source/ui/details/detail-lines.js';
import {container, containerInstance, minutes, now, plain, task} from './details-fixtures.js';

afterEach(cleanup);

const crashed = task({
	lastStatus: 'STOPPED',
	desiredStatus: 'STOPPED',
	healthStatus: 'UNKNOWN',
	stopCode: 'EssentialContainerExited',
	stoppedReason: 'Essential container in task exited',
	stoppingAt: now - minutes(2),
	stoppedAt: now - minutes(1),
	containers: [
		container({
			name: 'app',
			image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1',
			lastStatus: 'STOPPED',
			exitCode: 137,
			reason: 'OutOfMemoryError: Container killed due to memory usage',
			healthStatus: 'UNHEALTHY',
			networkBindings: [],
		}),
		container({
			name: 'envoy',
			image: 'docker.io/envoyproxy/envoy:v1.30.1',
			lastStatus: 'STOPPED',
			exitCode: 0,
			networkBindings: [{containerPort: 9901, hostPort: 32771, protocol: 'tcp'}],
		}),
	],
});

describe('task detail lines', () => {
	it('leads a stopped task with its stop code and reason, marked as errors', () => {
		const lines = taskDetailLines({task: crashed}, {width: 100, now});
		const text = plain(lines);
		expect(text.slice(0, 4).map((line) => line.split(/ {2,}/))).toEqual([
			['Task', '3f2c9a7d1e0b4c6a8f5e2d1c0b9a8f7e'],
			['Task definition', 'web:13'],
			['Stop code', 'EssentialContainerExited'],
			['Stopped reason', 'Essential container in task exited'],
		]);
		const reason = lines[3]!;
		expect(reason.kind === 'field' && reason.value[0]?.tone).toBe('error');
		expect(text).toContainEqual(expect.stringMatching(/^Stopped +1m ago$/));
	});

	it('shows each container with image, status, exit code, health and port bindings', () => {
		const text = plain(taskDetailLines({task: crashed}, {width: 100, now}), 100);
		const at = text.indexOf('Containers (2)');
		expect(text[at + 1]).toMatch(/NAME +IMAGE +STATUS +EXIT +HEALTH +PORTS/);
		expect(text[at + 2]).toMatch(/app +api:1 +STOPPED +137 ! +UNHEALTHY +-$/);
		expect(text[at + 3]).toMatch(
			/envoy +envoyproxy\/envoy:v1\.30\.1 +STOPPED +0 +HEALTHY +32771->9901\/tcp$/,
		);
		expect(text).toContain('  app: OutOfMemoryError: Container killed due to memory usage');
	});

	it('marks the failing container exit code as an error and a clean exit as fine', () => {
		const lines = taskDetailLines({task: crashed}, {width: 100, now});
		const labels = labelWidth(lines);
		const at = plain(lines).indexOf('Containers (2)');
		const exitOf = (line: DetailLine) =>
			fitLine(line, 100, labels).find((part) => /^ +\d+( !)?$/.test(part.text));
		expect(exitOf(lines[at + 2]!)?.tone).toBe('error');
		expect(exitOf(lines[at + 3]!)?.tone).toBe('ok');
	});

	it('says where a running task runs: container instance, EC2 id and zone', () => {
		const text = plain(
			taskDetailLines({task: task(), containerInstance: containerInstance()}, {width: 100, now}),
		);
		expect(text.find((line) => line.startsWith('Instance'))).toMatch(
			/^Instance +0f1e2d3c4b5a69788796a5b4c3d2e1f0 {2}i-0abc123def4567890 {2}us-east-1a$/,
		);
		expect(text.find((line) => line.startsWith('CPU / memory'))).toMatch(
			/ {2}256 units \(0\.25 vCPU\) \/ 512 MiB$/,
		);
		expect(text.find((line) => line.startsWith('Group'))).toMatch(/ {2}service:web$/);
		expect(text.some((line) => line.startsWith('Stop code'))).toBe(false);
		expect(text.find((line) => line.includes('web ') && line.includes('nginx:1.27'))).toMatch(
			/32768->80\/tcp$/,
		);
	});
});

describe('shortImage', () => {
	it('drops the implied registry prefixes and cuts digests, keeping other hosts', () => {
		expect(shortImage('123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:2024-06-01')).toBe(
			'team/api:2024-06-01',
		);
		expect(shortImage('docker.io/library/nginx:1.27')).toBe('nginx:1.27');
		expect(shortImage(`ghcr.io/acme/worker@sha256:${'ab12'.repeat(16)}`)).toBe(
			'ghcr.io/acme/worker@sha256:ab12ab12ab12',
		);
		expect(shortImage(undefined)).toBe('-');
	});
});

describe('TaskDetail', () => {
	it('never draws a line wider than the width', () => {
		const width = 48;
		const {lastFrame} = render(
			<TaskDetail task={crashed} now={now} width={width} height={100} scrollOffset={0} />,
		);
		const lines = lastFrame()!.split('\n');
		expect(lines.some((line) => line.includes('EssentialContainerExited'))).toBe(true);
		for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(width);
	});
});
