import express, { type Request, type Response, type Router } from 'express';
import { getDistDirectory, renderAltair } from 'altair-static';

/** Where the explorer is served; the trailing slash matters, Altair resolves its assets against it. */
export const EXPLORER_PATH = '/explorer/';

/** The query the explorer opens with: the seller's shop, the root of every dashboard. */
export const DEMO_QUERY = `# Needs the header "Authorization: Bearer <token>" (left sidebar, arrows icon).
# Demo token: node -r ./tools/runtime/register-aliases.js dist/gateway/src/demo-token.js seller
# Or open /explorer/?token=<token> to have the header filled in.
query MyShop {
  shop {
    id
    name
    currencyCode
    timeZone
    createdAt
  }
}
`;

// A JWT is three base64url parts; anything else is refused so nothing odd is ever written into the page.
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Altair (from the altair-static package) served entirely from this process: the page and all its assets
 * are local, so the explorer works without internet access (Apollo's landing page needs a CDN).
 * `?token=<jwt>` pre-fills the Authorization header, which is handy with the demo tokens.
 */
export function explorerRouter(graphqlPath: string): Router {
  const router = express.Router();
  router.get(['/explorer', EXPLORER_PATH], (req: Request, res: Response) => {
    if (!req.path.endsWith('/')) {
      const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
      res.redirect(301, EXPLORER_PATH + query);
      return;
    }
    const token = typeof req.query.token === 'string' && JWT_SHAPE.test(req.query.token) ? req.query.token : '';
    const html = renderAltair({
      baseURL: EXPLORER_PATH,
      endpointURL: graphqlPath,
      initialQuery: DEMO_QUERY,
      initialHeaders: { Authorization: token ? `Bearer ${token}` : 'Bearer <paste a token here>' },
      initialName: 'Seller Center',
      // No Altair cloud account and no update checks: both would call out to the internet.
      disableAccount: true,
      initialSettings: { 'alert.disableUpdateNotification': true, 'banners.disable': true },
    });
    // The page embeds the token when given one: keep it out of shared caches.
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(html);
  });
  // Assets (scripts, styles, images); `index: false` so the rendered page above is the only entry point.
  router.use('/explorer', express.static(getDistDirectory(), { index: false, maxAge: '1h' }));
  return router;
}
