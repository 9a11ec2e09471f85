/**
 * Colour on for a test file that checks colours: Ink colours through chalk, which picks its
 * colour level when first imported, and the test process has no TTY, so without this every frame
 * would be colourless and a NO_COLOR check could not fail. Import it before anything that
 * imports Ink; FORCE_COLOR is put back after the file's tests.
 */
import {afterAll} from 'vitest';

const previousForceColor = process.env['FORCE_COLOR'];
process.env['FORCE_COLOR'] = '1';

afterAll(() => {
	if (previousForceColor === undefined) delete process.env['FORCE_COLOR'];
	else process.env['FORCE_COLOR'] = previousForceColor;
});
