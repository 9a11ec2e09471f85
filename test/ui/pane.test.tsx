import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {Text} from 'ink';
import stringWidth from 'string-width';
import {Pane, paneContentSize, paneTitle} from '../../source/ui/components/pane.js';
import {TooSmall} from '../../source/ui/components/too-small.js';

afterEach(cleanup);

describe('Pane', () => {
	it('builds titles with scope and position', () => {
		expect(paneTitle('Services', 'batch', {index: 2, total: 12})).toBe('Services (batch) [3/12]');
		expect(paneTitle('Clusters')).toBe('Clusters');
		expect(paneTitle('Tasks', 'sim-runner', {index: 0, total: 0})).toBe('Tasks (sim-runner) [0/0]');
	});

	it('draws the title into the top border and its children inside, at the exact size', () => {
		const {lastFrame} = render(
			<Pane title="Services (batch) [3/12]" focused width={40} height={5}>
				<Text>inside</Text>
			</Pane>,
		);
		const lines = (lastFrame() ?? '').split('\n');
		expect(lines).toHaveLength(5);
		expect(lines[0]).toMatch(/^┌─ Services \(batch\) \[3\/12\] ─+┐$/);
		expect(lines[1]).toBe(`│inside${' '.repeat(32)}│`);
		expect(lines[4]).toMatch(/^└─+┘$/);
		for (const line of lines) expect(stringWidth(line)).toBe(40);
		expect(paneContentSize(40, 5)).toEqual({width: 38, height: 3});
	});

	it('cuts a long title so the border keeps its corners', () => {
		const {lastFrame} = render(
			<Pane
				title="Tasks (a-very-long-service-name-indeed) [1/20000]"
				focused={false}
				width={24}
				height={3}
			/>,
		);
		const top = (lastFrame() ?? '').split('\n')[0]!;
		expect(stringWidth(top)).toBe(24);
		expect(top).toBe('┌─ Tasks (a-very-lon… ─┐');
	});
});

describe('TooSmall', () => {
	it('says what size is needed and what there is', () => {
		const {lastFrame} = render(<TooSmall columns={30} rows={8} />);
		expect(lastFrame()).toBe('terminal too small: need 40x10, have 30x8');
	});
});
