// Runs before every test file (vitest.config.ts `setupFiles`). tfjs-backend-cpu prints a multi-line "use
// tfjs-node" banner the first time each process writes a tensor under Node; with a process per test file that
// was 16 copies per run, burying real warnings. Only that banner is dropped: tfjs's other warnings still show.
const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  if (
    typeof args[0] === 'string' &&
    args[0].includes('looks like you are running TensorFlow.js in Node.js')
  ) {
    return;
  }
  warn(...args);
};
