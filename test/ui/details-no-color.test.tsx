// First: colour must be on before Ink (and chalk) load.
import '../helpers/force-color.js';
import {afterAll, describe, expect, it} from 'vitest';

import {cleanup, render} from 'ink-testing-library';
import {TaskDetail} from '../../source/ui/details/task-detail.js';
import {InstanceDetail} from '../../source/ui/details/instance-detail.js';
import {ThemeContext, createTheme, type Theme} from '../../source/ui/theme.js';
import {container, containerInstance, now, task} from './details-fixtures.js';

afterAll(cleanup);

const escape = String.fromCharCode(27);

/** The SGR parameters in force where `needle` starts in the frame. */
function styleAt(frame: string, needle: string): Set<number> {
	const at = frame.indexOf(needle);
	expect(at).toBeGreaterThan(-1);
	const active = new Set<number>();
	for (const match of frame.slice(0, at).matchAll(new RegExp(`${escape}\\[([\\d;]*)m`, 'g'))) {
		for (const param of (match[1] ?? '0').split(';').map(Number)) {
			if (param === 0) active.clear();
			else if (param === 22) active.delete(1);
			else if (param === 24) active.delete(4);
			else if (param === 27) active.delete(7);
			else if (param === 39) {
				for (const code of [...active]) if (code >= 30 && code <= 37) active.delete(code);
			} else active.add(param);
		}
	}
	return active;
}

function hasColour(frame: string): boolean {
	return [...frame.matchAll(new RegExp(`${escape}\\[([\\d;]*)m`, 'g'))].some((match) =>
		(match[1] ?? '').split(';').some((p) => {
			const n = Number(p);
			return (n >= 30 && n <= 37) || (n >= 40 && n <= 47) || (n >= 90 && n <= 107);
		}),
	);
}

const crashed = task({
	lastStatus: 'STOPPED',
	desiredStatus: 'STOPPED',
	stopCode: 'EssentialContainerExited',
	stoppedReason: 'Essential container in task exited',
	containers: [container({name: 'app', lastStatus: 'STOPPED', exitCode: 137, networkBindings: []})],
});

function frameWith(theme: Theme, element: React.ReactElement): string {
	const {lastFrame} = render(
		<ThemeContext.Provider value={theme}>{element}</ThemeContext.Provider>,
	);
	return lastFrame()!;
}

describe('detail views under NO_COLOR', () => {
	const mono = createTheme({color: false, unicode: false});

	it('use no colour yet still mark the stop code and a failed exit code', () => {
		const frame = frameWith(
			mono,
			<TaskDetail task={crashed} now={now} width={90} height={40} scrollOffset={0} />,
		);
		expect(hasColour(frame)).toBe(false);
		const stop = styleAt(frame, 'EssentialContainerExited');
		expect(stop.has(1) || stop.has(4) || stop.has(7)).toBe(true);
		const exit = styleAt(frame, '137 !');
		expect(exit.has(1) || exit.has(4) || exit.has(7)).toBe(true);
		// The task id is plain text: the emphasis means something.
		const id = styleAt(frame, '3f2c9a7d1e0b');
		expect(id.has(1) || id.has(4)).toBe(false);
	});

	it('mark a disconnected agent and a draining instance', () => {
		const frame = frameWith(
			mono,
			<InstanceDetail
				instance={containerInstance({status: 'DRAINING', agentConnected: false})}
				tasks={[]}
				now={now}
				width={90}
				height={40}
				scrollOffset={0}
			/>,
		);
		expect(hasColour(frame)).toBe(false);
		expect(styleAt(frame, 'DISCONNECTED !').has(1)).toBe(true);
		expect(styleAt(frame, 'DRAINING').has(1)).toBe(true);
	});

	it('use colour when colour is allowed', () => {
		const frame = frameWith(
			createTheme({color: true, unicode: true}),
			<TaskDetail task={crashed} now={now} width={90} height={40} scrollOffset={0} />,
		);
		expect(styleAt(frame, 'EssentialContainerExited').has(31)).toBe(true);
	});
});
