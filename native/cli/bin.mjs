#!/usr/bin/env node
// The `lantai` command. tsx runs the TypeScript engine directly, so the CLI needs no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
