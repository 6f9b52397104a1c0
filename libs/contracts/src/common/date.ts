import { z } from 'zod';

/** The earliest calendar date any contract takes: older than any partnership, plan or baseline Mitra records. */
export const earliestDate = '2000-01-01';
/** How far ahead a date may lie: long enough for a multi-decade commitment or MoU term. */
export const latestDateYearsAhead = 50;

const latestDate = (today: Date) => {
  const latest = new Date(today);
  latest.setUTCFullYear(latest.getUTCFullYear() + latestDateYearsAhead);
  return latest.toISOString().slice(0, 10);
};

/**
 * A calendar date `YYYY-MM-DD` between 2000-01-01 and fifty years from today (UTC): the year 1900
 * or 9999 is a typing slip, never a commitment. Not for workflow code: the upper end moves with the clock.
 */
export const boundedDateSchema = z.iso
  .date({ message: 'must be a date YYYY-MM-DD' })
  .refine((date) => date >= earliestDate, {
    message: `must be on or after ${earliestDate}`,
    params: { code: 'date.too_early', earliest: earliestDate },
  })
  .refine((date) => date <= latestDate(new Date()), {
    message: `must be at most ${latestDateYearsAhead} years from today`,
    params: { code: 'date.too_late', years: latestDateYearsAhead },
  });
