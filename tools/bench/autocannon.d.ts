// autocannon ships no type declarations; the harness uses a small, checked subset of its API (load/run-load.ts).
declare module 'autocannon';
