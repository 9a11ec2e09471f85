/**
 * A list shown over the panes (`:td`'s families, a family's revisions, `U`'s picker): one
 * focused pane holding one table, its title saying where the selection is and which keys work.
 */
import {Pane, paneContentSize, paneTitle} from './pane.js';
import {Table, type SortState, type TableColumn, type TableRows} from './table.js';

export type ListPaneProps = {
	/** The title before the position (`[2/9]`), and the keys after it. */
	readonly heading: string;
	readonly hints: string;
	readonly columns: readonly TableColumn[];
	readonly rows: TableRows;
	readonly selectedIndex: number;
	readonly sort: SortState;
	readonly emptyText: string;
	readonly width: number;
	readonly height: number;
};

export function ListPane({
	heading,
	hints,
	columns,
	rows,
	selectedIndex,
	sort,
	emptyText,
	width,
	height,
}: ListPaneProps) {
	const inner = paneContentSize(width, height);
	const title = paneTitle(heading, undefined, {index: selectedIndex, total: rows.length});
	return (
		<Pane title={`${title}  ${hints}`} focused width={width} height={height}>
			<Table
				columns={columns}
				rows={rows}
				selectedIndex={selectedIndex}
				height={inner.height}
				width={inner.width}
				sort={sort}
				focused
				emptyText={emptyText}
			/>
		</Pane>
	);
}
