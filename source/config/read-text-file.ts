/**
 * Reads a small text file the user points ecs-top at, refusing what would hang or swamp it: a
 * FIFO (opening it for reading would wait for a writer forever), a device such as /dev/zero, a
 * directory, a file larger than `maxBytes`, or bytes that are not UTF-8.
 */
import {closeSync, constants, fstatSync, openSync, readSync} from 'node:fs';
import type {Parsed} from '../options.js';

export type TextFile = {readonly text: string} | {readonly missing: true};

function kindOf(stats: ReturnType<typeof fstatSync>): string {
	if (stats.isDirectory()) return 'a directory';
	if (stats.isFIFO()) return 'a named pipe';
	if (stats.isSocket()) return 'a socket';
	if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
	return 'not a regular file';
}

export function readTextFile(path: string, maxBytes: number): Parsed<TextFile> {
	let fd: number;
	try {
		// O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer; the kind of
		// file is then checked on the descriptor itself, so the check and the read see one file.
		fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return {ok: true, value: {missing: true}};
		return {ok: false, error: `${path}: cannot read it (${code ?? (error as Error).message})`};
	}
	try {
		const stats = fstatSync(fd);
		if (!stats.isFile()) return {ok: false, error: `${path}: ${kindOf(stats)}, not a file`};
		if (stats.size > maxBytes) {
			return {
				ok: false,
				error: `${path}: ${stats.size} bytes is too large for a config file (at most ${maxBytes})`,
			};
		}
		// Read to the end rather than trusting the size: the file may grow while read, but never
		// beyond the limit.
		const buffer = Buffer.alloc(maxBytes + 1);
		let length = 0;
		for (;;) {
			const read = readSync(fd, buffer, length, buffer.length - length, null);
			if (read === 0) break;
			length += read;
			if (length > maxBytes)
				return {
					ok: false,
					error: `${path}: too large for a config file (at most ${maxBytes} bytes)`,
				};
		}
		try {
			const text = new TextDecoder('utf-8', {fatal: true}).decode(buffer.subarray(0, length));
			return {ok: true, value: {text: text.replace(/^\uFEFF/, '')}};
		} catch {
			return {ok: false, error: `${path}: not UTF-8 text`};
		}
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return {ok: false, error: `${path}: cannot read it (${code ?? (error as Error).message})`};
	} finally {
		closeSync(fd);
	}
}
