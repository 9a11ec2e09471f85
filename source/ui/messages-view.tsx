/**
 * The status line's messages read whole: `m` shows the last one wrapped over as many rows as it
 * needs (an AWS error, a console URL), `:messages` every kept one, newest first with its time.
 * The status line itself has one row, so a long message is cut there; here it never is.
 */
import {useLayoutEffect, useMemo} from 'react';
import {Pane, paneContentSize} from './components/pane.js';
import {
	blank,
	clampDetailScroll,
	detailRowCount,
	detailViewport,
	hangingText,
	segment,
	text,
	type DetailLine,
} from './details/detail-lines.js';
import {DetailView} from './details/detail-view.js';
import {useUi} from './ui-store.js';
import type {LoggedMessage, TextViewport} from './ui-state.js';

/** `14:03:07`, local time: when the message was shown. */
export function messageTime(at: number): string {
	return new Date(at).toTimeString().slice(0, 8);
}

// `  14:03:07  `: a wrapped message's rows start under its text.
const timeHang = 12;

export function messageLines(log: readonly LoggedMessage[], only: 'last' | 'all'): DetailLine[] {
	if (log.length === 0) return [text(segment('no messages yet', 'muted'))];
	if (only === 'last') {
		const last = log[0]!;
		return [
			text(segment(last.text, last.tone)),
			blank,
			text(
				segment(`shown at ${messageTime(last.at)}; c copies it, :messages lists them all`, 'muted'),
			),
		];
	}
	return log.map((entry) =>
		hangingText(
			timeHang,
			segment(`  ${messageTime(entry.at)}  `, 'muted'),
			segment(entry.text, entry.tone),
		),
	);
}

export type MessagesViewProps = {
	readonly only: 'last' | 'all';
	readonly scroll: number;
	readonly width: number;
	readonly height: number;
	readonly onViewport: (viewport: TextViewport) => void;
};

export function MessagesView({only, scroll, width, height, onViewport}: MessagesViewProps) {
	const log = useUi((state) => state.messageLog);
	const inner = paneContentSize(width, height);
	const lines = useMemo(() => messageLines(log, only), [log, only]);
	const rowCount = useMemo(() => detailRowCount(lines, inner.width), [lines, inner.width]);
	const clamped = clampDetailScroll(rowCount, inner.height, scroll);
	const {maxScroll, page} = detailViewport(rowCount, inner.height);
	useLayoutEffect(() => onViewport({maxScroll, page}), [maxScroll, page, onViewport]);
	const title =
		only === 'last'
			? 'last message  (Esc back, c copy)'
			: `messages (${log.length}, newest first)  (Esc back, j/k scroll)`;
	return (
		<Pane title={title} focused width={width} height={height}>
			<DetailView lines={lines} width={inner.width} height={inner.height} scrollOffset={clamped} />
		</Pane>
	);
}
