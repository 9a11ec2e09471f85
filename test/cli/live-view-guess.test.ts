// The command starts the AWS thread on a guess from its raw words, before it parses them: the
// live view gets a thread of the right kind early, and no other run starts one for nothing.
import {describe, expect, it} from 'vitest';
import {liveViewGuess} from '../../source/cli/live-view-guess.js';

describe('the guess at a live view from the raw command line', () => {
	it('is the live view against AWS with no words or only its own flags', () => {
		expect(liveViewGuess([])).toBe('aws');
		expect(liveViewGuess(['--profile', 'prod', '--region=eu-west-1', '--cluster', 'web'])).toBe(
			'aws',
		);
	});

	it('is the demo with any of the demo flags, the heap of whose thread differs', () => {
		expect(liveViewGuess(['--demo'])).toBe('demo');
		expect(liveViewGuess(['--demo-scenario=large'])).toBe('demo');
		expect(liveViewGuess(['--demo-scenario', 'wide', '--max-fps', '10'])).toBe('demo');
		expect(liveViewGuess(['--demo', '--no-demo'])).toBe('aws');
	});

	it('is no live view for a snapshot, help, the version, the settings or the simulator', () => {
		for (const args of [
			['--once'],
			['--once=true', '--json'],
			['--demo', '--once', '--json'],
			['--help'],
			['-h'],
			['--version'],
			['-v'],
			['--print-config'],
			['sim', '--scenario', 'large'],
		])
			expect(liveViewGuess(args), args.join(' ')).toBeUndefined();
	});

	it('reads --once, --print-config and --demo as the flag parser reads a boolean', () => {
		for (const args of [
			['--once=false'],
			['--once', 'false'],
			['--once', '--no-once'],
			['--once=true', '--once='],
			['--print-config=false'],
			['--profile=--once'],
		])
			expect(liveViewGuess(args), args.join(' ')).toBe('aws');
		for (const args of [
			['--once', 'true'],
			['--no-once', '--once'],
			['--print-config', 'true'],
		])
			expect(liveViewGuess(args), args.join(' ')).toBeUndefined();
		expect(liveViewGuess(['--demo=false'])).toBe('aws');
		expect(liveViewGuess(['--demo', 'false', '--max-fps', '10'])).toBe('aws');
		expect(liveViewGuess(['--demo=true'])).toBe('demo');
		// The scenario makes it the demo whatever --demo says, as the options do.
		expect(liveViewGuess(['--no-demo', '--demo-scenario', 'large'])).toBe('demo');
	});

	it('leaves what follows -- to the flag parser', () => {
		expect(liveViewGuess(['--', '--once'])).toBe('aws');
	});
});
