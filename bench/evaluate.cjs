// Run in a fresh Node process by bench/startup.mjs: compiles and evaluates one CommonJS bundle (the
// form a mini-program runtime loads) and prints the milliseconds it took. It compiles the way Node's
// own CommonJS loader does (vm.compileFunction), after one tiny warm-up module so the first-use cost
// of the vm machinery is not charged to the bundle. Reading the file is not timed either.
const { readFileSync } = require('node:fs');
const { compileFunction } = require('node:vm');
const { performance } = require('node:perf_hooks');

function evaluate(code, filename) {
  const start = performance.now();
  const factory = compileFunction(code, ['exports', 'require', 'module'], { filename });
  const loaded = { exports: {} };
  factory(loaded.exports, require, loaded);
  return { ms: performance.now() - start, exports: Object.keys(loaded.exports).length };
}

evaluate('exports.warm = function () { return 1; };', 'warm-up.js');
const file = process.argv[2];
const result = evaluate(readFileSync(file, 'utf8'), file);
if (result.exports === 0) throw new Error(`${file} exported nothing`);
process.stdout.write(String(result.ms));
