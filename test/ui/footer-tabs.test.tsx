import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import stringWidth from 'string-width';
import {Footer, fittingHints} from '../../source/ui/components/footer.js';
import {TabBar, tabBarText} from '../../source/ui/components/tab-bar.js';
import {footerHints} from '../../source/ui/keymap.js';

afterEach(cleanup);

describe('Footer', () => {
	it('shows the hints of the keymap for the pane', () => {
		const {lastFrame} = render(
			<Footer hints={footerHints('list', {readOnly: false, pane: 'services'})} width={100} />,
		);
		expect(lastFrame()).toMatch(
			/^ \? help {2}\/ filter {2}: cmd {2}q quit {2}\+\/- scale {2}s set/,
		);
	});

	it('drops hints that do not fit whole instead of cutting one', () => {
		const hints = footerHints('list', {readOnly: false, pane: 'services'});
		const shown = fittingHints(hints, 30);
		expect(shown.length).toBeLessThan(hints.length);
		const {lastFrame} = render(<Footer hints={hints} width={30} />);
		expect(stringWidth(lastFrame() ?? '')).toBeLessThanOrEqual(30);
		expect(lastFrame()).not.toContain('…');
	});
});

describe('TabBar', () => {
	it('brackets the focused pane and numbers every pane for the 1-4 keys', () => {
		expect(tabBarText('services')).toBe(' 1 Clusters  2 Instances [3 Services] 4 Tasks ');
		const {lastFrame} = render(<TabBar focused="tasks" width={80} />);
		expect(lastFrame()).toContain('[4 Tasks]');
		expect(stringWidth(lastFrame() ?? '')).toBeLessThanOrEqual(80);
	});
});
