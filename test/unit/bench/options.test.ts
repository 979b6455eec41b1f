import { integerListOption, integerOption } from '../../../bench/options';

describe('integerOption', () => {
  it('reads an integer within its bounds', () => {
    expect(integerOption('rounds', '3', 1, 100)).toBe(3);
    expect(integerOption('rounds', '100', 1, 100)).toBe(100);
  });

  it.each(['0', '101', '2.5', 'three', ''])('refuses %p, naming the option and its bounds', (raw) => {
    expect(() => integerOption('rounds', raw, 1, 100)).toThrow(
      `--rounds expects an integer from 1 to 100, received "${raw}"`,
    );
  });
});

describe('integerListOption', () => {
  it('reads each item of a comma-separated list', () => {
    expect(integerListOption('connections', '1, 4', 1, 64)).toEqual([1, 4]);
  });

  it('refuses the list when one item is out of bounds', () => {
    expect(() => integerListOption('connections', '1,65', 1, 64)).toThrow(
      '--connections expects an integer from 1 to 64, received "65"',
    );
  });
});
