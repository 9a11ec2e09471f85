// A filter's text depends on the EC2 ids behind container instances. Instances change on every
// refresh of a busy cluster (remaining CPU and memory), their ids almost never: the ids must stay
// the same Map then, or each refresh would make a filter read every task again.
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {ContainerInstance} from '../../source/model/container-instance.js';
import {useEc2InstanceIds} from '../../source/ui/hooks/use-pane-list.js';
import {instances} from './app-fixture.js';

afterEach(() => cleanup());

function Probe({list, seen}: {list: readonly ContainerInstance[]; seen: unknown[]}) {
	const ids = useEc2InstanceIds(list);
	seen.push(ids);
	return <Text>{[...ids.values()].join(',')}</Text>;
}

describe('the EC2 ids behind container instances', () => {
	it('stay the same Map while the ids do, and change when one does', () => {
		const seen: ReadonlyMap<string, string>[] = [];
		const first = [instances.busy, instances.draining];
		const app = render(<Probe list={first} seen={seen} />);
		const loaded = seen.at(-1)!;
		expect(loaded.get(instances.busy.arn)).toBe(instances.busy.ec2InstanceId);

		// A refresh: new instance objects (less CPU left), the same ids.
		const refreshed = first.map((instance) => ({
			...instance,
			cpuRemaining: instance.cpuRemaining - 256,
		}));
		app.rerender(<Probe list={refreshed} seen={seen} />);
		expect(seen.at(-1)).toBe(loaded);

		// An instance replaced: a new Map with the new id.
		const replaced = [
			{...instances.busy, ec2InstanceId: 'i-0fffffffffffffff0'},
			instances.draining,
		];
		app.rerender(<Probe list={replaced} seen={seen} />);
		expect(seen.at(-1)).not.toBe(loaded);
		expect(seen.at(-1)!.get(instances.busy.arn)).toBe('i-0fffffffffffffff0');
	});
});
