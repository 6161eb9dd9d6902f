/**
 * wasmbench's own configuration: the embedded defaults made explicit.
 * Every option and its default is documented in core/config/schema.ts;
 * command-line flags override what is set here.
 */
import { defineConfig } from './core/config/types.ts';

export default defineConfig({
  suites: ['startup'],
  runtimes: ['node', 'native'],
  profile: 'standard',
  timeoutMs: 60_000,
});
