// Stands in for the `server-only` marker package in tests (which are server code by definition).
export {};
