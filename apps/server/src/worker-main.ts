// The worker alone: the platform's entry point with PROCESS_ROLE=worker, set before it reads it.
process.env.PROCESS_ROLE = 'worker';
await import('./main.js');
