#!/usr/bin/env node
import { runDlqCli } from './dlq-cli.js';

// Operator entry point: node packages/events/dist/cli.js dlq list|replay <id>|replay-all
process.exitCode = await runDlqCli(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr });
