import express, { type Router } from 'express';

/** Liveness: the process is up and serving HTTP. It deliberately does not call subgraphs. */
export function healthRouter(): Router {
  const router = express.Router();
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  return router;
}
