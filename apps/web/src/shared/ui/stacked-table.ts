/**
 * The class of a table whose rows become stacked cards on a phone, rather than a page that scrolls
 * sideways or a table whose last columns hide off screen. Give a cell `data-label` to label it there.
 * Styled by stacked-table.css, which main.tsx loads with the other global styles.
 */
export const stackedTable = 'stacked-table';
