/**
 * The SDK warns on Node 20 that its support ends in 2027: nothing a user of ecs-top can act on,
 * and a stray line on stderr would corrupt the TUI's frame or a script's error output (from the
 * AWS thread, it lands in the log). The user's own setting, if any, is left as it is.
 *
 * Called before any thread starts: a worker thread's environment is a copy of this one's as it
 * was when the thread started, so a thread started earlier would still warn.
 */
export function quietSdkVersionWarning(): void {
	process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
}
