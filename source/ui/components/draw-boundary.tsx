/**
 * A pane or a view that fails to draw says so in its own place, and the rest of the screen goes
 * on: without a boundary, one bad value anywhere (a number where a name was expected) unmounted
 * the whole tree, and the frozen screen no longer took q. React logs what it catches through
 * console.error, which the live view sends to its log file, never over the screen.
 */
import {Text} from './text.js';
import {Component, type ErrorInfo, type ReactNode} from 'react';
import {useTheme} from '../theme.js';

type DrawBoundaryProps = {
	/** What failed, in the message: `pane`, `view`. */
	readonly what: string;
	/**
	 * A value that changes with what is drawn (the rows, the entity): a new one tries again, so
	 * the next refresh can heal a pane without a restart.
	 */
	readonly resetKey: unknown;
	readonly children: ReactNode;
};

type DrawBoundaryState = {
	readonly error: Error | undefined;
	readonly resetKey: unknown;
};

function DrawFailure({what, error}: {what: string; error: Error}) {
	const theme = useTheme();
	const reason = (error.message || error.name).replace(/\s+/g, ' ');
	return (
		<Text wrap="truncate" {...theme.status.error}>
			{`this ${what} could not be drawn: ${reason}`}
		</Text>
	);
}

export class DrawBoundary extends Component<DrawBoundaryProps, DrawBoundaryState> {
	override state: DrawBoundaryState = {error: undefined, resetKey: this.props.resetKey};

	static getDerivedStateFromError(error: unknown): Partial<DrawBoundaryState> {
		return {error: error instanceof Error ? error : new Error(String(error))};
	}

	static getDerivedStateFromProps(
		props: DrawBoundaryProps,
		state: DrawBoundaryState,
	): Partial<DrawBoundaryState> | null {
		return Object.is(props.resetKey, state.resetKey)
			? null
			: {error: undefined, resetKey: props.resetKey};
	}

	override componentDidCatch(error: unknown, info: ErrorInfo): void {
		// The live view sends stderr to its log file: the stack says which value was wrong.
		console.error(
			`a ${this.props.what} could not be drawn:`,
			error instanceof Error ? (error.stack ?? error.message) : String(error),
			info.componentStack ?? '',
		);
	}

	override render(): ReactNode {
		const {error} = this.state;
		if (error !== undefined) return <DrawFailure what={this.props.what} error={error} />;
		return this.props.children;
	}
}
