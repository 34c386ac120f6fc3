// Babel 7 through babel-preset-taro (Taro 4): React + TypeScript, compiled by webpack 5.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
