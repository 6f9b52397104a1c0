import './stacked-table.css';

/**
 * The class of a table whose rows become stacked cards on a phone, rather than a page that scrolls
 * sideways or a table whose last columns hide off screen. Give a cell `data-label` to label it there.
 */
export const stackedTable = 'stacked-table';
