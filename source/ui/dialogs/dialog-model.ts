/**
 * The confirmation dialogs of the write keys, as pure data and transitions. A dialog either asks
 * for values first (the `s`, `S` and `r` keys: fields checked as the user types) or goes straight
 * to confirming a plan. What is confirmed is the plan frozen when the user pressed Enter, so the
 * request sent is exactly the change the dialog showed, even if a poll lands in between.
 */
import type {ActionPlan, ActionRequest, PlanOutcome} from '../../store/writes/types.js';

export type DialogField = {
	readonly label: string;
	readonly text: string;
	/** Counts take digits only; names take any printable text. */
	readonly kind: 'count' | 'name';
};

export type DialogStep = 'edit' | 'confirm' | 'sending';

export type ActionDialog = {
	readonly title: string;
	/** Facts shown above the fields: current values and the limits they are checked against. */
	readonly context: readonly string[];
	readonly fields: readonly DialogField[];
	readonly activeField: number;
	/** Turns the fields into a request, or says what is wrong with them (inline validation). */
	readonly toRequest: (texts: readonly string[]) => ActionRequest | string;
	readonly step: DialogStep;
	/** The plan being confirmed or sent: frozen when the step left `edit`. */
	readonly plan: ActionPlan | undefined;
};

/** A dialog with nothing to type: it opens on the plan, waiting for y or n. */
export function confirmDialog(plan: ActionPlan): ActionDialog {
	return {
		title: plan.title,
		context: [],
		fields: [],
		activeField: 0,
		toRequest: () => plan.request,
		step: 'confirm',
		plan,
	};
}

/** A dialog that asks for values; the plan is worked out as they are typed. */
export function editDialog(options: {
	title: string;
	context: readonly string[];
	fields: readonly DialogField[];
	toRequest: ActionDialog['toRequest'];
}): ActionDialog {
	return {...options, activeField: 0, step: 'edit', plan: undefined};
}

/** What the dialog would send with the fields as they are now. */
export function previewOf(
	dialog: ActionDialog,
	plan: (request: ActionRequest) => PlanOutcome,
): PlanOutcome {
	if (dialog.plan !== undefined) return {ok: true, plan: dialog.plan};
	const request = dialog.toRequest(dialog.fields.map((field) => field.text));
	return typeof request === 'string' ? {ok: false, refusal: request} : plan(request);
}

/** Typing into the active field; counts keep digits only, everything keeps printable text only. */
export function typeInto(dialog: ActionDialog, input: string): ActionDialog {
	const field = dialog.fields[dialog.activeField];
	if (field === undefined || dialog.step !== 'edit') return dialog;
	const printable = [...input].filter((c) => c >= ' ' && c !== '\u007f').join('');
	const accepted = field.kind === 'count' ? printable.replace(/[^0-9]/g, '') : printable;
	if (accepted === '') return dialog;
	// 64 characters are more than any count or family:revision needs; a paste cannot flood the line.
	return withField(dialog, (field.text + accepted).slice(0, 64));
}

export function backspace(dialog: ActionDialog): ActionDialog {
	const field = dialog.fields[dialog.activeField];
	if (field === undefined || dialog.step !== 'edit') return dialog;
	return withField(dialog, field.text.slice(0, -1));
}

export function nextField(dialog: ActionDialog, step: 1 | -1): ActionDialog {
	const count = dialog.fields.length;
	if (count < 2 || dialog.step !== 'edit') return dialog;
	return {...dialog, activeField: (dialog.activeField + step + count) % count};
}

function withField(dialog: ActionDialog, text: string): ActionDialog {
	return {
		...dialog,
		fields: dialog.fields.map((field, index) =>
			index === dialog.activeField ? {...field, text} : field,
		),
	};
}

/** A whole number typed into a count field, or why it is not one. */
export function parseCount(text: string, what: string): number | string {
	if (text.trim() === '') return `type the ${what}`;
	const value = Number(text);
	if (!Number.isSafeInteger(value)) return `${what} must be a whole number`;
	return value;
}
