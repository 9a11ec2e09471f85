/**
 * The only door from ecs-top's strings to Ink: Ink's <Text> with every string child made
 * terminal-safe. Ink passes OSC sequences and C0/C1 controls in text through to the terminal
 * untouched, so a task's stop reason could retitle the window or write the clipboard. Every
 * component imports Text from here (a lint rule refuses Ink's own), so a new field cannot reach
 * the screen raw even if it skipped the width helpers, which make their text safe too.
 */
import {Children, createElement, Fragment, isValidElement, type ReactNode} from 'react';
import {Text as InkText, type TextProps} from 'ink';
import {terminalSafe} from '../../text/terminal-text.js';

function safeChild(child: ReactNode): ReactNode {
	if (typeof child === 'string') return terminalSafe(child);
	if (Array.isArray(child)) return child.map(safeChild);
	// A fragment's strings are this Text's strings; nested <Text>s come from here already.
	if (isValidElement<{children?: ReactNode}>(child) && child.type === Fragment)
		return createElement(
			Fragment,
			{key: child.key},
			...Children.toArray(child.props.children).map(safeChild),
		);
	return child;
}

export function Text({children, ...props}: TextProps) {
	// Passed as arguments, not one array, so static children need no keys (as in JSX).
	const safe = Array.isArray(children) ? children.map(safeChild) : [safeChild(children)];
	return createElement(InkText, props, ...safe);
}

export type {TextProps};
