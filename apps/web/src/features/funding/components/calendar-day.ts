import { formatDate } from '#shared/format';

/** A calendar date of the ledger (`2026-02-01`, a day in Jakarta) as the user reads dates. */
export const formatDay = (date: string, locale: string) => formatDate(`${date}T12:00:00+07:00`, locale);
