/**
 * The terminal's size, following resizes (read it from Ink's stdout and pass widths down; nothing
 * measures itself: docs/architecture.md, "Ink pitfalls"). Tests give a fake stdout with columns
 * and rows.
 */
import {useStdout} from 'ink';
import {useEffect, useState} from 'react';

export type TerminalSize = {readonly columns: number; readonly rows: number};

export function useTerminalSize(fallback: TerminalSize = {columns: 80, rows: 24}): TerminalSize {
	const {stdout} = useStdout();
	const read = (): TerminalSize => ({
		columns: stdout.columns || fallback.columns,
		rows: stdout.rows || fallback.rows,
	});
	const [size, setSize] = useState(read);
	useEffect(() => {
		const onResize = () => {
			setSize((previous) => {
				const next = read();
				return previous.columns === next.columns && previous.rows === next.rows ? previous : next;
			});
		};
		stdout.on('resize', onResize);
		// A resize between the first render and this subscription would otherwise go unseen.
		onResize();
		return () => {
			stdout.off('resize', onResize);
		};
		// eslint-disable-next-line react-hooks/exhaustive-deps -- read() only closes over stdout
	}, [stdout]);
	return size;
}
