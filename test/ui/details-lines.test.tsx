import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import stringWidth from 'string-width';
import {
	clampDetailScroll,
	detailLineCount,
	detailWindow,
	detailRows,
	field,
	fitLine,
	hangingText,
	heading,
	segment,
	text,
	wrapLine,
	type DetailLine,
} from '../../source/ui/details/detail-lines.js';
import {DetailView} from '../../source/ui/details/detail-view.js';
import {latestRevision, taskDefinitionRows} from '../../source/ui/details/task-definitions-list.js';
import {
	describeConstraint,
	describeStrategy,
	loadBalancerName,
	portBinding,
	registryLabel,
} from '../../source/ui/details/detail-format.js';
import {imageRegistry} from '../../source/model/task-definition.js';

afterEach(cleanup);

const numbered: DetailLine[] = Array.from({length: 120}, (_, i) => text(segment(`line ${i + 1}`)));

describe('DetailView scrolling', () => {
	it('shows the window at the offset and where it is', () => {
		const {lastFrame} = render(
			<DetailView lines={numbered} width={40} height={30} scrollOffset={11} />,
		);
		const rows = lastFrame()!.split('\n');
		expect(rows).toHaveLength(30);
		expect(rows[0]).toBe('line 12');
		expect(rows[28]).toBe('line 40');
		expect(rows[29]!.trim()).toBe('lines 12-40 of 120');
	});

	it('clamps an offset past the end to the last full page', () => {
		expect(clampDetailScroll(120, 30, 500)).toBe(91);
		expect(detailWindow(120, 30, 500)).toEqual({
			first: 91,
			count: 29,
			indicator: 'lines 92-120 of 120',
		});
		const {lastFrame} = render(
			<DetailView lines={numbered} width={40} height={30} scrollOffset={500} />,
		);
		const rows = lastFrame()!.split('\n');
		expect(rows[28]).toBe('line 120');
		expect(rows[29]!.trim()).toBe('lines 92-120 of 120');
	});

	it('shows short content whole, without an indicator, and never scrolls it', () => {
		const few = numbered.slice(0, 5);
		expect(detailLineCount(few)).toBe(5);
		expect(clampDetailScroll(5, 10, 3)).toBe(0);
		const {lastFrame} = render(<DetailView lines={few} width={40} height={10} scrollOffset={3} />);
		expect(lastFrame()!.split('\n')).toEqual(['line 1', 'line 2', 'line 3', 'line 4', 'line 5']);
	});
});

describe('wrapLine', () => {
	const rowText = (row: readonly {text: string}[]) => row.map((part) => part.text).join('');

	it('wraps a field value in its value column, words whole', () => {
		const rows = wrapLine(
			field('Reason', 'Task failed ELB health checks in (target-group web-tg)', 'error'),
			30,
			8,
		).map(rowText);
		expect(rows).toEqual([
			'Reason    Task failed ELB ',
			'          health checks in ',
			'          (target-group ',
			'          web-tg)',
		]);
		for (const row of rows) expect(stringWidth(row)).toBeLessThanOrEqual(30);
	});

	it('keeps each run its tone across rows', () => {
		const rows = wrapLine(text(segment('ok ', 'ok'), segment('error error error', 'error')), 9, 0);
		expect(
			rows
				.flat()
				.filter((part) => part.tone === 'error')
				.map((part) => part.text),
		).toEqual(['error ', 'error ', 'error']);
	});

	it('breaks a word longer than the room (an ARN) where the room ends, and loses nothing', () => {
		const arn = 'arn:aws:ecs:us-east-1:123456789012:task/web/0123456789abcdef0123456789abcdef';
		const rows = wrapLine(text(segment(`  ${arn}`)), 24, 0).map(rowText);
		for (const row of rows) expect(stringWidth(row)).toBeLessThanOrEqual(24);
		expect(rows.map((row) => row.trim()).join('')).toBe(arn);
		expect(rows.slice(1).every((row) => row.startsWith('  '))).toBe(true);
	});

	it('hangs the rows after the first under the text, past its prefix', () => {
		const rows = wrapLine(
			hangingText(6, segment('  5m  ', 'muted'), segment('one two three four five')),
			16,
			0,
		).map(rowText);
		expect(rows).toEqual(['  5m  one two ', '      three four', '      five']);
	});

	it('counts the rows of every line for scrolling, short lines one each', () => {
		const lines: DetailLine[] = [heading('H'), field('A', 'x '.repeat(30)), text(segment('b'))];
		expect(detailRows(lines, 20).length).toBeGreaterThan(3);
		expect(detailRows(lines, 200)).toHaveLength(3);
	});
});

describe('fitLine', () => {
	it('aligns field values in a column and cuts long lines with an ellipsis', () => {
		const line = field('Reason', 'Task failed ELB health checks in (target-group web-tg)');
		const cut = fitLine(line, 30, 8)
			.map((part) => part.text)
			.join('');
		expect(cut).toBe('Reason    Task failed ELB hea…');
		expect(stringWidth(cut)).toBe(30);
	});

	it('measures wide characters by display columns and shows newlines as \\n', () => {
		const line = text(segment('イベント: '), segment('デプロイが完了しました\nnext'));
		const cut = fitLine(line, 20, 0)
			.map((part) => part.text)
			.join('');
		expect(stringWidth(cut)).toBeLessThanOrEqual(20);
		expect(cut).not.toContain('\n');
		expect(fitLine(text(segment('a\tb\nc')), 20, 0)[0]?.text).toBe('a\\tb\\nc');
	});

	it('keeps headings whole when they fit', () => {
		expect(fitLine(heading('Events (3, newest first)'), 80, 0)).toEqual([
			{text: 'Events (3, newest first)', strong: true},
		]);
	});
});

describe('placement and load balancer words', () => {
	it('writes placement rules as a user would type them', () => {
		expect(describeStrategy({type: 'spread', field: 'attribute:ecs.availability-zone'})).toBe(
			'spread(attribute:ecs.availability-zone)',
		);
		expect(describeStrategy({type: 'binpack', field: 'memory'})).toBe('binpack(memory)');
		expect(describeStrategy({type: 'random', field: undefined})).toBe('random');
		expect(describeConstraint({type: 'distinctInstance', expression: undefined})).toBe(
			'distinctInstance',
		);
		expect(
			describeConstraint({type: 'memberOf', expression: 'attribute:ecs.instance-type =~ t3.*'}),
		).toBe('memberOf(attribute:ecs.instance-type =~ t3.*)');
	});

	it('names target groups and classic load balancers, and port bindings docker-style', () => {
		expect(
			loadBalancerName({
				targetGroupArn:
					'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api-tg/73e2d6bc24d8a067',
				loadBalancerName: undefined,
				containerName: 'api',
				containerPort: 8080,
			}),
		).toBe('api-tg');
		expect(
			loadBalancerName({
				targetGroupArn: undefined,
				loadBalancerName: 'legacy-elb',
				containerName: 'web',
				containerPort: 80,
			}),
		).toBe('legacy-elb');
		expect(portBinding({containerPort: 80, hostPort: 32768, protocol: 'tcp'})).toBe(
			'32768->80/tcp',
		);
		expect(portBinding({containerPort: 53, hostPort: undefined, protocol: 'udp'})).toBe('53/udp');
	});

	it('labels registries from the model classification', () => {
		const label = (image: string) => registryLabel(imageRegistry(image), image);
		expect(label('nginx:1.27')).toBe('Docker Hub');
		expect(label('bitnami/redis:7.2')).toBe('Docker Hub');
		expect(label('123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1')).toBe('ECR');
		expect(label('public.ecr.aws/nginx/nginx:1.27')).toBe('ECR Public');
		expect(label('ghcr.io/acme/worker:2.3')).toBe('other: ghcr.io');
		expect(label('localhost:5000/dev:latest')).toBe('other: localhost:5000');
	});
});

describe('task definition families', () => {
	it('picks the newest revision by number and sorts families by name', () => {
		expect(
			latestRevision([
				'arn:aws:ecs:us-east-1:1:task-definition/web:9',
				'arn:aws:ecs:us-east-1:1:task-definition/web:10',
			]),
		).toBe('web:10');
		const rows = taskDefinitionRows([
			{family: 'web', revisions: ['web:9', 'web:10', 'web:2']},
			{family: 'batch', revisions: ['batch:4']},
			{family: 'old', revisions: []},
		]);
		expect(rows.map((row) => row.cells)).toEqual([
			{family: 'batch', latest: 'batch:4', revisions: '1', status: 'ACTIVE'},
			{family: 'old', latest: '-', revisions: '0', status: 'INACTIVE'},
			{family: 'web', latest: 'web:10', revisions: '3', status: 'ACTIVE'},
		]);
		expect(rows[1]?.tone).toBe('muted');
		expect(rows.map((row) => row.id)).toEqual(['batch', 'old', 'web']);
	});
});
