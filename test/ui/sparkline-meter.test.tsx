import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {
	Sparkline,
	asciiRamp,
	sparkline,
	sparklineCell,
} from '../../source/ui/components/sparkline.js';
import {Meter, asciiMeter, meter} from '../../source/ui/components/meter.js';
import {ThemeContext, createTheme, levelTone} from '../../source/ui/theme.js';

afterEach(cleanup);

describe('sparkline', () => {
	it('maps 0..100 onto the eight block levels, newest point on the right', () => {
		expect(sparkline([0, 12.5, 25, 37.5, 50, 62.5, 75, 100], 8)).toBe('▁▂▃▄▅▆▇█');
		expect(sparkline([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 4)).toBe('▆▇██');
	});

	it('keeps a fixed 0..100 scale for small values but rescales values above 100', () => {
		expect(sparkline([3, 3, 3], 3)).toBe('▁▁▁');
		expect(sparkline([100, 200], 2)).toBe('▅█');
	});

	it('leaves missing points blank and pads short history on the left', () => {
		expect(sparkline([50, undefined, null, Number.NaN, 100], 5)).toBe('▅   █');
		expect(sparkline([100], 4)).toBe('   █');
		expect(sparkline([], 3)).toBe('   ');
	});

	it('falls back to an ASCII ramp', () => {
		expect(sparkline([0, 25, 50, 75, 100], 5, asciiRamp)).toBe('_.-=^');
	});

	it('shows bars and the latest known value in exactly the given width', () => {
		expect(sparklineCell([20, 40, 60, 71, undefined], 9)).toBe('▄▅▆   71%');
		expect(sparklineCell([], 9)).toBe('        -');
	});

	it('renders as a component with the latest value, in ASCII under an ASCII theme', () => {
		const {lastFrame} = render(
			<ThemeContext.Provider value={createTheme({color: false, unicode: false})}>
				<Sparkline values={[0, 50, 100]} width={8} />
			</ThemeContext.Provider>,
		);
		expect(lastFrame()).toBe('_-^ 100%');
	});
});

describe('meter', () => {
	it('draws a bracketed bar in exactly the given width', () => {
		expect(meter(0.5, 10)).toBe('[████░░░░]');
		expect(meter(0.625, 10, asciiMeter)).toBe('[#####---]');
		expect(meter(0, 6, asciiMeter)).toBe('[----]');
		expect(meter(1.7, 6, asciiMeter)).toBe('[####]');
	});

	it('draws an empty frame for unknown data, not a zero bar', () => {
		expect(meter(undefined, 6)).toBe('[    ]');
		expect(meter(Number.NaN, 6)).toBe('[    ]');
	});

	it('picks the tone by level: ok below 70 %, warn below 90 %, critical above', () => {
		expect(levelTone(0.69)).toBe('ok');
		expect(levelTone(0.7)).toBe('warn');
		expect(levelTone(0.89)).toBe('warn');
		expect(levelTone(0.9)).toBe('error');
		expect(levelTone(undefined)).toBe('muted');
	});

	it('renders the ASCII bar under an ASCII theme', () => {
		const {lastFrame} = render(
			<ThemeContext.Provider value={createTheme({color: true, unicode: false})}>
				<Meter fraction={0.25} width={10} />
			</ThemeContext.Provider>,
		);
		expect(lastFrame()).toBe('[##------]');
	});
});
