// What differs between two revisions, and a revision change followed to its end from the
// service's deployments: the picker's rows, the deploy confirmation and the service row rely on
// these.
import {describe, expect, it} from 'vitest';
import {
	changeSummary,
	compareRevisions,
	revisionChanges,
	shortImage,
	splitImage,
} from '../../source/model/revision-diff.js';
import {
	advanceFollow,
	followCell,
	lastCompletedRevision,
	rolloutEnded,
	startFollow,
} from '../../source/model/rollout.js';
import {modelBuilders} from '../helpers/model-builders.js';

const build = modelBuilders({now: Date.UTC(2026, 0, 1)});
const ecr = '123456789012.dkr.ecr.us-east-1.amazonaws.com';

const api = (revision: number, image: string, extra: object = {}) =>
	build.taskDefinition({
		arn: build.arn(`task-definition/api:${revision}`),
		family: 'api',
		revision,
		containers: [
			build.containerDefinition({
				name: 'api',
				image,
				environmentNames: ['NODE_ENV', 'PORT'],
				portMappings: [{containerPort: 8080, hostPort: 0, protocol: 'tcp'}],
				...extra,
			}),
		],
	});

describe('revisionChanges', () => {
	it('says a new tag of the same image as the tag alone', () => {
		const changes = revisionChanges(api(7, `${ecr}/api:1.41.0`), api(8, `${ecr}/api:1.42.0`));
		expect(changes.map((c) => c.text)).toEqual(['api: tag 1.41.0 -> 1.42.0']);
	});

	it('names another image without its registry host, sizes, variables and ports', () => {
		const from = api(7, `${ecr}/api:1.41.0`);
		const to = api(8, 'ghcr.io/acme/api:2.0.0', {
			cpu: 512,
			memory: 1024,
			environmentNames: ['NODE_ENV', 'DATABASE_URL'],
			portMappings: [{containerPort: 9090, hostPort: 9090, protocol: 'tcp'}],
		});
		expect(revisionChanges(from, to).map((c) => c.text)).toEqual([
			'api: image api:1.41.0 -> acme/api:2.0.0',
			'api: cpu 256 -> 512',
			'api: memory 512 -> 1024',
			'api: variables +DATABASE_URL -PORT',
			'api: ports 8080/tcp -> 9090/tcp',
		]);
	});

	it('says task sizes and containers added or removed', () => {
		const from = api(7, 'nginx:1.27');
		const to = build.taskDefinition({
			...api(8, 'nginx:1.27'),
			cpu: '1024',
			containers: [
				...api(8, 'nginx:1.27').containers,
				build.containerDefinition({name: 'sidecar', image: 'envoy:1.30'}),
			],
		});
		expect(revisionChanges(from, to).map((c) => c.text)).toEqual([
			'task cpu 512 -> 1024',
			'+container sidecar (envoy:1.30)',
		]);
		expect(revisionChanges(to, from).map((c) => c.text)).toContain('-container sidecar');
	});

	it('finds nothing between two revisions alike in what it checks', () => {
		const changes = revisionChanges(api(7, 'nginx:1.27'), api(8, 'nginx:1.27'));
		expect(changes).toEqual([]);
		expect(changeSummary(changes)).toBe('same images, sizes, variables, ports');
	});

	it('reads tags, digests and registry hosts as Docker does', () => {
		expect(splitImage('localhost:5000/api')).toEqual({
			repository: 'localhost:5000/api',
			tag: 'latest',
		});
		expect(splitImage('api@sha256:0123456789abcdef0123')).toEqual({
			repository: 'api',
			tag: '@0123456789ab',
		});
		expect(shortImage('library/nginx:1.27')).toBe('library/nginx:1.27');
		expect(shortImage('public.ecr.aws/nginx/nginx:1')).toBe('nginx/nginx:1');
	});
});

describe('compareRevisions', () => {
	it('lays out both revisions field by field and marks what differs', () => {
		const rows = compareRevisions(api(7, 'api:1.41.0'), api(8, 'api:1.42.0'));
		expect(rows.find((r) => r.label === 'api image')).toEqual({
			label: 'api image',
			left: 'api:1.41.0',
			right: 'api:1.42.0',
			differs: true,
		});
		expect(rows.find((r) => r.label === 'api variables')).toMatchObject({
			left: 'NODE_ENV PORT',
			differs: false,
		});
		expect(rows.filter((r) => r.differs)).toHaveLength(1);
	});
});

describe('following a revision change', () => {
	const web7 = build.arn('task-definition/web:7');
	const web8 = build.arn('task-definition/web:8');
	const old = build.deployment({id: 'ecs-svc/old', taskDefinition: web7});
	const before = build.service({taskDefinition: web7, deployments: [old]});

	it('goes from waiting to in progress to completed', () => {
		let follow = startFollow({service: before, taskDefinition: web8});
		expect(followCell(follow)).toBe(':8 pending');
		// ECS has not shown the new deployment yet.
		expect(advanceFollow(follow, before)).toBe(follow);
		const rolling = build.service({
			taskDefinition: web8,
			deployments: [
				build.deployment({
					id: 'ecs-svc/new',
					taskDefinition: web8,
					rolloutState: 'IN_PROGRESS',
					runningCount: 2,
				}),
				{...old, status: 'ACTIVE'},
			],
		});
		follow = advanceFollow(follow, rolling);
		expect(follow.phase).toBe('in-progress');
		expect(followCell(follow)).toBe(':8 2/4');
		expect(rolloutEnded(follow.phase)).toBe(false);
		expect(lastCompletedRevision(rolling)).toBe(web7);
		follow = advanceFollow(
			follow,
			build.service({
				taskDefinition: web8,
				deployments: [build.deployment({id: 'ecs-svc/new', taskDefinition: web8})],
			}),
		);
		expect(followCell(follow)).toBe('COMPLETED :8');
		expect(rolloutEnded(follow.phase)).toBe(true);
	});

	it('says ROLLED BACK once the circuit breaker put the old revision back, after ECS forgot the failure', () => {
		let follow = startFollow({service: before, taskDefinition: web8});
		const failing = build.deployment({
			id: 'ecs-svc/new',
			taskDefinition: web8,
			rolloutState: 'FAILED',
			status: 'ACTIVE',
			failedTasks: 3,
		});
		const rollback = build.deployment({
			id: 'ecs-svc/back',
			taskDefinition: web7,
			rolloutState: 'IN_PROGRESS',
		});
		follow = advanceFollow(
			follow,
			build.service({taskDefinition: web7, deployments: [rollback, failing]}),
		);
		expect(followCell(follow)).toBe('ROLLING BACK :7');
		// The rollback completed: ECS lists only it, with nothing about the failure.
		follow = advanceFollow(
			follow,
			build.service({
				taskDefinition: web7,
				deployments: [{...rollback, rolloutState: 'COMPLETED'}],
			}),
		);
		expect(followCell(follow)).toBe('ROLLED BACK :7');
		expect(rolloutEnded(follow.phase)).toBe(true);
	});

	it('says FAILED when nothing rolls the failure back', () => {
		const follow = advanceFollow(
			startFollow({service: before, taskDefinition: web8}),
			build.service({
				taskDefinition: web8,
				deployments: [
					build.deployment({id: 'ecs-svc/new', taskDefinition: web8, rolloutState: 'FAILED'}),
				],
			}),
		);
		expect(followCell(follow)).toBe('FAILED :8');
	});

	it('knows no completed revision to go back to once ECS lists only the current deployment', () => {
		expect(lastCompletedRevision(before)).toBeUndefined();
	});
});
