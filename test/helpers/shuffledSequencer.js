// Runs test files in a shuffled order (jest's --randomize only shuffles the tests inside a file),
// to check that no file depends on another having run first:
//   npx jest --selectProjects integration --testSequencer ./test/helpers/shuffledSequencer.js --randomize
// The seed is printed; JEST_FILE_SEED=<seed> repeats an order.

const Sequencer = require('@jest/test-sequencer').default;

/** mulberry32: a small seeded generator, enough to repeat an order. */
function generator(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class ShuffledSequencer extends Sequencer {
  sort(tests) {
    const seed = process.env.JEST_FILE_SEED
      ? Number(process.env.JEST_FILE_SEED)
      : Math.floor(Math.random() * 2 ** 31);
    process.stderr.write(`Test files in shuffled order, JEST_FILE_SEED=${seed}\n`);
    const random = generator(seed);
    const shuffled = [...tests].sort((a, b) => a.path.localeCompare(b.path));
    for (let index = shuffled.length - 1; index > 0; index -= 1) {
      const other = Math.floor(random() * (index + 1));
      [shuffled[index], shuffled[other]] = [shuffled[other], shuffled[index]];
    }
    return shuffled;
  }
}

module.exports = ShuffledSequencer;
