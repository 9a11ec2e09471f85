import {afterEach, describe, expect, it} from 'vitest';
import type {ReactElement} from 'react';
import {cleanup, render} from 'ink-testing-library';
import stringWidth from 'string-width';
import {Help, helpLines, helpViewport} from '../../source/ui/components/help.js';
import {keyLabel, keymap, type KeyScope} from '../../source/ui/keymap.js';
import {
	cadenceText,
	intervalMsOf,
	pollCadences,
	type PollTierId,
} from '../../source/store/poll-cadences.js';

afterEach(cleanup);

function frameOf(element: ReactElement): string {
	return render(element).lastFrame() ?? '';
}

describe('Help', () => {
	it('lists every keymap entry of the scopes shown, with its keys', () => {
		const scopes: KeyScope[] = ['global', 'list', 'action', 'dialog', 'filter'];
		const frame = frameOf(<Help width={100} height={200} readOnly={false} scroll={0} />);
		for (const binding of keymap.filter((b) => scopes.includes(b.scope))) {
			const keys = binding.keys.map((name) => keyLabel(name)).join(' ');
			const entry = frame
				.split('\n')
				.find((l) => l.startsWith(`│  ${keys} `) && l.includes(binding.description));
			expect(entry, binding.command).toBeDefined();
		}
		expect(frame).not.toContain('(read-only)');
	});

	it('lists only the scopes asked for', () => {
		const frame = frameOf(
			<Help width={100} height={40} readOnly={false} scroll={0} scopes={['dialog']} />,
		);
		expect(frame).toContain('Confirmation dialogs');
		expect(frame).toContain('Confirm');
		expect(frame).not.toContain('Move down');
	});

	it('marks write actions under --read-only', () => {
		const lines = helpLines({readOnly: true});
		for (const binding of keymap) {
			const line = lines.find((l) => l.command === binding.command);
			expect(line, binding.command).toBeDefined();
			expect(line!.disabled, binding.command).toBe(binding.requiresWrite === true);
			expect(line!.text.includes('(read-only)'), binding.command).toBe(
				binding.requiresWrite === true,
			);
		}
	});

	it('fits the given size and scrolls when taller', () => {
		// At 50 columns (48 inside the border) long entries go on over a second line.
		const total = helpLines({readOnly: false, width: 48}).length;
		expect(total).toBeGreaterThan(helpLines({readOnly: false}).length);
		const {visible, maxScroll} = helpViewport(total, 12);
		expect(visible).toBe(9); // 12 minus the two border lines minus the "more" line
		expect(maxScroll).toBe(total - 9);

		const top = frameOf(<Help width={50} height={12} readOnly={false} scroll={0} />);
		expect(top.split('\n')).toHaveLength(12);
		for (const line of top.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(50);
		expect(top).toContain('Global');
		expect(top).toContain('more');

		// Scrolling past the end stops at the last page, which shows the last entry.
		const bottom = frameOf(<Help width={50} height={12} readOnly={false} scroll={10_000} />);
		expect(bottom).toContain(keymap.at(-1)!.description);
		expect(bottom).toContain(`[${maxScroll + 1}-${total}/${total}]`);
		expect(bottom).not.toContain('Global');
	});

	it('wraps a long entry under its description instead of cutting it off', () => {
		const lines = helpLines({readOnly: false, width: 78}).map((line) => line.text);
		const start = lines.findIndex((line) => line.includes('Command line (:clusters'));
		expect(lines[start]!.length).toBeLessThanOrEqual(78);
		// The rest of the commands, on the next line under the description's column.
		expect(lines[start + 1]).toMatch(/^ {17}\S.*:q\)$/u);
		for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(78);
	});

	it('ends with how often each part of the screen is read, from the table the poll tiers run by', () => {
		const at = (refreshMs: number) =>
			helpLines({readOnly: false, refreshMs}).map((line) => line.text);
		const all = at(5000);
		const lines = all.slice(all.indexOf('Refresh (every 5 s, --refresh)'));
		expect(lines.length).toBeGreaterThan(Object.keys(pollCadences).length);
		for (const id of Object.keys(pollCadences) as PollTierId[]) {
			const when = cadenceText(intervalMsOf(id, 5000));
			const line = lines.find((text) => text.includes(` ${pollCadences[id].what}`));
			expect(line, id).toMatch(new RegExp(`^  ${when} +${pollCadences[id].what}`, 'u'));
		}
		expect(lines).toContainEqual(expect.stringMatching(/^ {2}every 15 s +cluster summaries/u));
		expect(lines).toContainEqual(expect.stringMatching(/^ {2}every 60 s +CPU and memory/u));
		// The refresh in force, not the default: cluster summaries every third refresh.
		expect(at(2000)).toContainEqual(expect.stringMatching(/^ {2}every 6 s +cluster summaries/u));
		expect(at(2000)).toContainEqual(expect.stringMatching(/^ {2}every 60 s +CPU and memory/u));
		// Without the refresh (no store, as in a dialog's own help) there is no such section.
		expect(
			helpLines({readOnly: false})
				.map((line) => line.text)
				.join('\n'),
		).not.toContain('Refresh (');
	});
});
