import {describe, expect, it} from 'vitest';
import stringWidth from 'string-width';
import {
	formatAge,
	formatBytes,
	formatCpuUnits,
	formatMiB,
	formatPercent,
	padCell,
	shortId,
	truncate,
	truncateMiddle,
} from '../../source/ui/format.js';

describe('truncateMiddle', () => {
	it("keeps a task definition's revision and cuts its name", () => {
		expect(truncateMiddle('checkout-worker:17', 18)).toBe('checkout-worker:17');
		expect(truncateMiddle('checkout-worker:17', 14)).toBe('checkout-w…:17');
		expect(truncateMiddle('checkout-worker:17', 8)).toBe('chec…:17');
		expect(padCell('checkout-worker:17', 10, 'left', '…', 'middle')).toBe('checko…:17');
	});

	it('cuts text without a short suffix in the middle, by display width', () => {
		expect(truncateMiddle('abcdefghij', 7)).toBe('abc…hij');
		expect(truncateMiddle('abc', 1)).toBe('…');
		const cut = truncateMiddle('日本語サービス:3', 9);
		expect(cut).toBe('日本語…:3');
		expect(stringWidth(cut)).toBeLessThanOrEqual(9);
	});
});

describe('truncate', () => {
	it('keeps text that fits and cuts longer text with an ellipsis inside the width', () => {
		expect(truncate('sim-runner', 10)).toBe('sim-runner');
		expect(truncate('sim-runner-blue', 10)).toBe('sim-runne…');
		expect(truncate('abc', 1)).toBe('…');
		expect(truncate('abc', 0)).toBe('');
	});

	it('measures wide characters as two columns and never splits one', () => {
		// 日本語サービス is 14 columns; 7 columns leave room for three characters and the ellipsis.
		const cut = truncate('日本語サービス', 7);
		expect(cut).toBe('日本語…');
		expect(stringWidth(cut)).toBe(7);
		const odd = truncate('日本語サービス', 6);
		expect(odd).toBe('日本…');
		expect(stringWidth(odd)).toBeLessThanOrEqual(6);
	});
});

describe('padCell', () => {
	it('pads to an exact display width on the requested side', () => {
		expect(padCell('ab', 5)).toBe('ab   ');
		expect(padCell('ab', 5, 'right')).toBe('   ab');
		expect(padCell('ab', 6, 'center')).toBe('  ab  ');
		expect(stringWidth(padCell('日本', 7))).toBe(7);
		expect(padCell('日本', 7, 'right')).toBe('   日本');
	});

	it('cuts instead of overflowing, so a row never wraps', () => {
		expect(padCell('a-very-long-service-name', 8)).toBe('a-very-…');
		// A wide character that does not fit whole leaves a one-column gap, filled with a space.
		const cell = padCell('日本語サービス', 6);
		expect(stringWidth(cell)).toBe(6);
	});
});

describe('formatAge', () => {
	it('shows one unit like k9s', () => {
		expect(formatAge(45_000)).toBe('45s');
		expect(formatAge(12 * 60_000 + 59_000)).toBe('12m');
		expect(formatAge(3 * 3_600_000 + 1)).toBe('3h');
		expect(formatAge(4 * 86_400_000 + 5)).toBe('4d');
		expect(formatAge(800 * 86_400_000)).toBe('2y');
	});

	it('shows 0s for a start time slightly in the future and - when unknown', () => {
		expect(formatAge(-2_000)).toBe('0s');
		expect(formatAge(undefined)).toBe('-');
		expect(formatAge(Number.NaN)).toBe('-');
	});
});

describe('numbers', () => {
	it('formats percentages rounded, unknown as -', () => {
		expect(formatPercent(71.4)).toBe('71%');
		expect(formatPercent(0)).toBe('0%');
		expect(formatPercent(143.6)).toBe('144%');
		expect(formatPercent(undefined)).toBe('-');
	});

	it('formats ECS CPU units as vCPUs', () => {
		expect(formatCpuUnits(1024)).toBe('1 vCPU');
		expect(formatCpuUnits(512)).toBe('0.5 vCPU');
		expect(formatCpuUnits(256)).toBe('0.25 vCPU');
		expect(formatCpuUnits(4096)).toBe('4 vCPU');
		expect(formatCpuUnits(100)).toBe('0.1 vCPU');
	});

	it('formats memory in binary units', () => {
		expect(formatMiB(512)).toBe('512 MiB');
		expect(formatMiB(1024)).toBe('1 GiB');
		expect(formatMiB(1536)).toBe('1.5 GiB');
		expect(formatMiB(993)).toBe('993 MiB');
		expect(formatBytes(0)).toBe('0 B');
		expect(formatBytes(1023)).toBe('1023 B');
		expect(formatBytes(1536)).toBe('1.5 KiB');
	});
});

describe('shortId', () => {
	it('keeps the readable tail of an ARN', () => {
		expect(shortId('arn:aws:ecs:us-east-1:123456789012:cluster/batch', 12)).toBe('batch');
		expect(shortId('arn:aws:ecs:us-east-1:123456789012:task-definition/sim:12', 12)).toBe('sim:12');
		expect(shortId('arn:aws:ecs:us-east-1:123456789012:task/batch/3f2c9a0b1c2d4e5f', 4)).toBe(
			'3f2c…',
		);
		expect(shortId('i-0a1b2c3d4e5f67890', 5)).toBe('i-0a1…');
		expect(shortId('i-0a1', 5)).toBe('i-0a1');
	});
});
