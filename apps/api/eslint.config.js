// The monorepo's lint setup, plus: tests and benchmarks read untyped GraphQL JSON answers as `any`.
import root from '../../eslint.config.js';

export default [
  ...root,
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
];
