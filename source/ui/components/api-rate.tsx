/**
 * The header's `API 40/min`: the AWS calls of the last minute, read once a second from the
 * sliding window behind the fleet store (FleetState.callRate). Its own component with its own
 * timer, so while nothing is fetched (paused, or between slow refreshes) the rate falls to 0
 * second by second, and a tick redraws this one cell and nothing else: the header around it and
 * the panes do not re-render. It changes only when the shown number changes.
 */
import {memo, useEffect, useState} from 'react';
import {useFleet} from '../hooks/use-fleet.js';
import {Text} from './text.js';
import {useTheme} from '../theme.js';

/** How often the rate is read again. */
export const rateTickMs = 1000;

/** The widest the rate is expected to read, for the header's layout: `API 9999/min`. */
export const rateTextWidth = 'API 9999/min'.length;

export function rateText(callsPerMinute: number): string {
	return `API ${callsPerMinute}/min`;
}

/** Calls per minute rounded so the header rarely changes: exact below 20, then to 5 or 10. */
export function roundedRate(calls: number): number {
	if (calls < 20) return calls;
	if (calls < 100) return Math.round(calls / 5) * 5;
	return Math.round(calls / 10) * 10;
}

/**
 * The rate as shown: it follows the real one only when that moved by more than a quarter (or 5),
 * so the sliding one-minute window's small wobbles do not rewrite the header every second.
 */
export function steadyRate(shown: number, actual: number): number {
	return Math.abs(actual - shown) > Math.max(5, shown * 0.25) ? roundedRate(actual) : shown;
}

/**
 * The rate as shown: it follows the window only when it moved by a quarter (or 5), so a busy
 * window's wobble does not redraw the header every second, but it reaches 0 once no call was
 * made for a minute (a quarter of 4 is less than 5: without that it would stay at 4 forever).
 */
export function shownRate(shown: number, actual: number): number {
	if (actual === 0) return 0;
	return steadyRate(shown, actual);
}

export const ApiRate = memo(function ApiRate() {
	const theme = useTheme();
	const read = useFleet((state) => state.callRate);
	const [shown, setShown] = useState(() => roundedRate(read()));
	useEffect(() => {
		const tick = () => setShown((previous) => shownRate(previous, read()));
		tick();
		const timer = setInterval(tick, rateTickMs);
		return () => clearInterval(timer);
	}, [read]);
	return <Text {...theme.status.muted}>{rateText(shown)}</Text>;
});
