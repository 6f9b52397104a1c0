import { parseArguments, progressBar } from './replay-partnerships';

describe('the replay command line', () => {
  it('takes --all or partnership ids, and a report file', () => {
    expect(parseArguments(['--all', '--json', 'laporan.json'])).toEqual({ all: true, ids: [], json: 'laporan.json' });
    expect(parseArguments(['0123456789abcdef0123'])).toEqual({ all: false, ids: ['0123456789abcdef0123'] });
    expect(() => parseArguments([])).toThrow('give --all or one or more partnership ids');
    expect(() => parseArguments(['--all', '0123456789abcdef0123'])).toThrow('give --all');
    expect(() => parseArguments(['$where'])).toThrow('not a partnership id or option: $where');
  });

  it('draws the progress bar', () => {
    expect(progressBar(0, 4, 8)).toBe('[........] 0/4');
    expect(progressBar(2, 4, 8)).toBe('[####....] 2/4');
    expect(progressBar(4, 4, 8)).toBe('[########] 4/4');
  });
});
