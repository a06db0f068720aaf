// The worker alone: the same entry point as the API, with PROCESS_ROLE=worker.
process.env.PROCESS_ROLE = 'worker';
await import('@msc/api/main');
